"""Lists cut into pages: where the cuts go, and the pager between the pages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.rendering.indexes import STORY_LIST
from generator.rendering.pagination import (
    PAGE_BYTES,
    PAGE_ITEMS,
    _ends_page,
    first_page,
    page_numbers,
    page_path,
    pager,
    split_pages,
)


def _keys(n: int, ends: set[int] = frozenset()) -> list[str]:
    """`n` keys; those at `ends` end a page (their hash is a multiple of BREAK_EVERY)."""
    enders = (k for k in (f"e{i}" for i in range(10**6)) if _ends_page(k))
    others = (k for k in (f"k{i}" for i in range(10**6)) if not _ends_page(k))
    return [next(enders) if i in ends else next(others) for i in range(n)]


def test_pages_are_cut_by_size_as_well_as_by_count() -> None:
    assert split_pages([], []) == [range(0, 0)]
    assert split_pages(_keys(5), [10] * 5, items=2) == [range(0, 2), range(2, 4), range(4, 5)]
    big = PAGE_BYTES // 2 + 1
    assert split_pages(_keys(4), [big, big, big, 1]) == [range(0, 1), range(1, 2), range(2, 4)]
    assert split_pages(_keys(2), [PAGE_BYTES * 2, 1]) == [range(0, 1), range(1, 2)]


def test_a_page_ends_where_its_items_say_never_before_its_minimum() -> None:
    keys = _keys(60, ends={3, 25, 31, 50})  # 3 and 31: too soon after a page's start
    assert split_pages(keys, [10] * 60) == [range(0, 26), range(26, 51), range(51, 60)]


@given(st.lists(st.integers(0, 200), min_size=1, max_size=400), st.data())
def test_a_new_item_changes_the_page_it_joins_alone(order: list[int], data: st.DataObject) -> None:
    """Wherever an item is inserted, the other pages keep their items, but for the pages
    next to it when a page's maximum forces a cut (every page, counted, would shift)."""
    keys = [f"item-{n}-{i}" for i, n in enumerate(order)]
    at = data.draw(st.integers(0, len(keys)))
    before = [tuple(keys[r.start : r.stop]) for r in split_pages(keys, [100] * len(keys))]
    grown = [*keys[:at], "new", *keys[at:]]
    after = [tuple(grown[r.start : r.stop]) for r in split_pages(grown, [100] * len(grown))]
    assert len(set(before) - set(after)) <= 3
    assert all(len(page) <= PAGE_ITEMS for page in after)


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 20, [1, 2, 3, None, 20]),
        (10, 20, [1, None, 8, 9, 10, 11, 12, None, 20]),
        (4, 20, [1, 2, 3, 4, 5, 6, None, 20]),
    ],
)
def test_the_pager_shows_the_pages_near_the_current_one(
    number: int, count: int, shown: list[int | None]
) -> None:
    assert page_numbers(number, count) == shown
    assert pager(STORY_LIST, 1, 1) == ""


def test_the_first_page_takes_what_fits() -> None:
    assert first_page([10] * 80, 50, 10_000) == range(0, 50)
    assert first_page([400] * 80, 50, 1_000) == range(0, 2)
    assert first_page([5_000, 1], 50, 1_000) == range(0, 1)  # one item, however long
    assert first_page([], 50, 1_000) == range(0, 0)


@pytest.mark.parametrize(
    ("first", "number", "path"),
    [
        ("stories/index.md", 1, "stories/index.md"),
        ("stories/index.md", 2, "stories/page/2/index.md"),
        ("kk-latn/index.md", 12, "kk-latn/page/12/index.md"),
    ],
)
def test_each_page_has_a_folder_of_its_own(first: str, number: int, path: str) -> None:
    assert page_path(first, number) == path
