"""`check.change.compare`: the stories a build made against the committed story file."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check.change import compare
from generator.records import Article, CleanText, Language, Page, SeedText, Title


def _page(seed: str, story: str) -> Page:
    article = Article(
        SeedText(seed, "x", "utf-8", "0"), Language("fr", 0.9), CleanText(("x",)), Title("x", 0)
    )
    return Page(article, story, f"fr/{seed}.md", f"fr/{seed}/")


def test_compare_reports_joins_with_evidence_moves_and_gone_seeds() -> None:
    committed = {"story-a": ["a.txt", "gone.txt"], "story-b": ["b.txt"]}
    pages = [_page("a.txt", "story-a"), _page("b.txt", "story-c"), _page("new.txt", "story-a")]
    change = compare(committed, pages, evidence={"new.txt": "0.91 cosine with a.txt"})
    assert [p.article.name for p in change.new_seeds] == ["new.txt"]
    assert change.joined == (("new.txt", "story-a", "0.91 cosine with a.txt"),)
    assert change.moved == (("b.txt", "story-b", "story-c"),)
    assert change.new_stories == (("story-c", ("b.txt",)),)
    assert change.gone == ("gone.txt",)


def test_a_failed_seed_is_not_reported_gone() -> None:
    change = compare(
        {"story-a": ["a.txt", "bad.txt"]},
        [_page("a.txt", "story-a")],
        failed=frozenset({"bad.txt"}),
    )
    assert change.gone == ()


def test_compare_counts_changed_seeds_as_new() -> None:
    change = compare({"story-a": ["a.txt"]}, [_page("a.txt", "story-a")], frozenset({"a.txt"}))
    assert [p.article.name for p in change.new_seeds] == ["a.txt"]
    assert change.new_stories == ()
    assert change.joined == (("a.txt", "story-a", ""),)


def test_without_a_story_file_every_seed_is_new_and_no_story_is_joined() -> None:
    pages = [_page("b.txt", "story-b"), _page("a.txt", "story-a"), _page("c.txt", "story-a")]
    change = compare({}, pages)
    assert [p.article.name for p in change.new_seeds] == ["a.txt", "b.txt", "c.txt"]
    assert change.new_stories == (("story-a", ("a.txt", "c.txt")), ("story-b", ("b.txt",)))
    assert (change.joined, change.moved, change.gone) == ((), (), ())


def test_seeds_in_any_script_are_listed_in_name_order_whatever_the_build_order() -> None:
    names = ["ar/خبر.txt", "kk/қазақ.txt", "fr/été.txt", "en/news.txt", "ru/новости.txt"]
    committed = {"story-old": ["ru/новости.txt", "zz/ушёл.txt", "aa/gone.txt"]}
    pages = [_page(name, "story-new") for name in names]
    change = compare(committed, pages)
    assert [p.article.name for p in change.new_seeds] == sorted(set(names) - {"ru/новости.txt"})
    assert change.new_stories == (("story-new", tuple(sorted(names))),)
    assert change.moved == (("ru/новости.txt", "story-old", "story-new"),)
    assert change.gone == ("aa/gone.txt", "zz/ушёл.txt")


def test_evidence_is_reported_only_for_a_seed_that_joins_a_committed_story() -> None:
    change = compare(
        {"story-a": ["a.txt"]},
        [_page("a.txt", "story-a"), _page("new.txt", "story-new")],
        evidence={"new.txt": "title match", "a.txt": "unchanged"},
    )
    assert change.joined == ()
    assert change.new_stories == (("story-new", ("new.txt",)),)


SEED = st.sampled_from(["a.txt", "b.txt", "c.txt", "é.txt", "ж.txt", "ق.txt"])
STORY = st.sampled_from(["s1", "s2", "s3"])


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(SEED, STORY),  # seed -> committed story
    st.dictionaries(SEED, STORY),  # seed -> story it is built into now
    st.frozensets(SEED),
)
def test_every_committed_seed_is_built_failed_or_gone(
    committed_of: dict[str, str], built_of: dict[str, str], failed: frozenset[str]
) -> None:
    failed = failed - set(built_of)  # a seed that built did not fail
    committed: dict[str, list[str]] = {}
    for seed, story in committed_of.items():
        committed.setdefault(story, []).append(seed)
    change = compare(
        committed, [_page(seed, story) for seed, story in built_of.items()], failed=failed
    )
    assert set(change.gone) == set(committed_of) - set(built_of) - failed
    assert {p.article.name for p in change.new_seeds} == set(built_of) - set(committed_of)
    moved = {
        seed for seed in built_of if seed in committed_of and built_of[seed] != committed_of[seed]
    }
    assert {seed for seed, _, _ in change.moved} == moved
    assert all(story not in committed for story, _ in change.new_stories)
