"""A language pair's scores as columns: they give back the scores they were made of, keep
what the object version kept, and a stored table that does not read back is refused."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.grouping.match import Pair, one_to_one
from generator.grouping.rescore import History, Neighbourhoods, Previous, _Saved
from generator.grouping.score_table import (
    Entry,
    Kept,
    Link,
    ScoreTable,
    StoredScore,
    by_names,
    concatenate,
    worth_keeping,
)
from generator.incremental.cache import Cache
from generator.incremental.stored import load_records

XS: list[Entry] = [(f"{name}.en", "d") for name in "qbxa"]  # not in the order of the names
YS: list[Entry] = [(f"{name}.fr", "d") for name in "mcz"]
X_NAMES, Y_NAMES = [n for n, _ in XS], [n for n, _ in YS]

# Coverages and margins from a few values: ties, which the names must break, are common.
aligned = st.lists(
    st.tuples(st.integers(0, 11), st.integers(0, 11), st.sampled_from([0.99, 1.01, 1.04])),
    max_size=4,
).map(tuple)
scores = st.lists(
    st.builds(
        StoredScore,
        st.sampled_from([n for n, _ in XS]),
        st.sampled_from([n for n, _ in YS]),
        st.sampled_from([0.0, 0.25, 0.5, 0.75]),
        st.sampled_from([0.0, 1.02, 1.05]),
        aligned,
    ),
    max_size=12,
    unique_by=lambda s: (s.left, s.right),
)


def keep_objects(found: Sequence[Pair]) -> list[Pair]:
    """The object version `worth_keeping` replaced: accepted pairs, and each seed's best."""
    best: dict[str, Pair] = {}
    for score in found:
        for seed in (score.left, score.right):
            if seed not in best or score.rank > best[seed].rank:
                best[seed] = score
    kept = {id(s): s for s in found if s.accepted} | {id(s): s for s in best.values()}
    return sorted(kept.values(), key=lambda s: (s.left, s.right))


@settings(max_examples=200, deadline=None)
@given(scores)
def test_a_table_gives_back_its_scores_and_keeps_what_objects_kept(
    found: list[StoredScore],
) -> None:
    table = ScoreTable.of(found, XS, YS)
    back = table.scores(range(len(found)), X_NAMES, Y_NAMES)
    assert back == found
    assert [s.accepted for s in back] == [s.accepted for s in found]
    kept = worth_keeping(table, XS, YS)
    assert kept.readable() and kept.scores() == keep_objects(found)
    assert kept.scores(only_accepted=True) == [s for s in keep_objects(found) if s.accepted]
    ordered = by_names(table, XS, YS).scores(range(len(found)), X_NAMES, Y_NAMES)
    assert ordered == sorted(found, key=lambda s: (s.left, s.right))


# Scores that are mostly accepted, with tied coverages and margins: which of two tied
# links sharing an article is chosen is decided by the names.
strong = st.lists(
    st.builds(
        StoredScore,
        st.sampled_from(X_NAMES),
        st.sampled_from(Y_NAMES),
        st.sampled_from([0.6, 0.75]),
        st.sampled_from([1.05, 1.1]),
        st.lists(st.just((0, 0, 1.2)), min_size=1, max_size=3).map(tuple),
    ),
    max_size=12,
    unique_by=lambda s: (s.left, s.right),
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(scores, strong))
def test_the_links_chosen_on_columns_are_one_to_one_of_the_objects(
    found: list[StoredScore],
) -> None:
    kept = worth_keeping(ScoreTable.of(found, XS, YS), XS, YS)
    assert kept.links() == [Link(*s.rank) for s in one_to_one(kept.scores(only_accepted=True))]


@settings(max_examples=100, deadline=None)
@given(scores, scores, st.data())
def test_taking_and_joining_rows_keeps_each_rows_sentences(
    first: list[StoredScore], second: list[StoredScore], data: st.DataObject
) -> None:
    table = concatenate([ScoreTable.of(first, XS, YS), ScoreTable.of(second, XS, YS)])
    both = [*first, *second]
    assert table.scores(range(len(both)), X_NAMES, Y_NAMES) == both
    rows = data.draw(st.lists(st.integers(0, max(0, len(both) - 1)), max_size=len(both)))
    rows = rows if both else []
    taken = table.take(np.asarray(rows, dtype=np.int64), np.arange(4), np.arange(3))
    assert taken.scores(range(len(rows)), X_NAMES, Y_NAMES) == [both[k] for k in rows]


def _previous() -> Previous:
    found = [
        StoredScore("q.en", "m.fr", 0.5, 1.05, ((0, 1, 1.05), (2, 2, 1.04))),
        StoredScore("a.en", "z.fr", 0.0, 0.0, ()),
    ]
    near_y = np.zeros((len(XS), 2), dtype=np.int64)
    near_x = np.zeros((len(YS), 2), dtype=np.int64)
    radii = {"q.en": np.array([0.5, 0.25], dtype=np.float32), "m.fr": np.ones(3, np.float32)}
    return Previous(
        Neighbourhoods(tuple(XS), tuple(YS), near_y, near_x), ScoreTable.of(found, XS, YS), radii
    )


def test_a_history_reads_back_as_it_was_saved() -> None:
    history = History(Cache(None), ("en", "fr", "model"))
    history.save(_previous())
    again = history.load()
    assert again is not None
    names = (X_NAMES, Y_NAMES)
    assert again.scores.scores(range(2), *names) == _previous().scores.scores(range(2), *names)
    assert {n: r.tolist() for n, r in again.radii.items()} == {
        "q.en": [0.5, 0.25],
        "m.fr": [1.0, 1.0, 1.0],
    }


def _broken(field: str, change: Any) -> _Saved:
    history = History(Cache(None), ("en", "fr", "model"))
    history.save(_previous())
    raw = history.cache.get(History.KIND, history.key)
    assert raw is not None
    saved: _Saved = pickle.loads(raw)
    value = getattr(saved, field)
    object.__setattr__(saved, field, change(value))
    return saved


def _column(k: int, values: Sequence[Any], dtype: str) -> Any:
    return lambda columns: (
        *columns[:k],
        np.asarray(values, dtype=dtype).tobytes(),
        *columns[k + 1 :],
    )


@pytest.mark.parametrize(
    ("field", "change"),
    [
        pytest.param("columns", lambda c: c[:-1], id="a column missing"),
        pytest.param("columns", _column(0, [0, 9], "<i4"), id="an article out of range"),
        pytest.param("columns", _column(1, [0], "<i4"), id="columns of different lengths"),
        pytest.param("columns", _column(2, [0.5, np.nan], "<f8"), id="a coverage not a number"),
        pytest.param("columns", _column(5, [0, 2, 9], "<i8"), id="aligned sentences past the end"),
        pytest.param("columns", _column(6, [0, 1, -1, 2], "<i4"), id="a sentence before the first"),
        pytest.param("radius_sizes", lambda _: np.asarray([2, 9], "<i8").tobytes(), id="radii cut"),
        pytest.param("radii", lambda r: r[:-4] + np.float32(np.inf).tobytes(), id="radius inf"),
    ],
)
def test_a_history_that_does_not_read_back_whole_is_refused(field: str, change: Any) -> None:
    with pytest.raises(ValueError):
        _broken(field, change).previous()


def test_kept_scores_that_do_not_read_back_are_recomputed_not_used() -> None:
    kept = worth_keeping(_previous().scores, XS, YS)
    assert load_records(pickle.dumps(kept, protocol=5), Kept) == kept
    cut = Kept(kept.xs, kept.ys, (kept.columns[0][:-1], *kept.columns[1:]))
    assert not cut.readable()
    assert load_records(pickle.dumps(cut, protocol=5), Kept) is None  # the memo recomputes


def test_kept_scores_are_read_back_once_and_stored_as_columns_only() -> None:
    kept = worth_keeping(_previous().scores, XS, YS)
    assert kept.readable() and kept.table() is kept.table()  # the memo's check read them
    back = pickle.loads(pickle.dumps(kept, protocol=5))
    assert set(back.__dict__) == {"xs", "ys", "columns"} and back == kept
