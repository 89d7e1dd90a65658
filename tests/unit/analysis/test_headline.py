"""Which line is the headline: the longest worded line of the unpunctuated run that opens
the page, above its date; a first line with a full stop only when it stands apart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analysis.headline import MAX_HEADLINE_CHARS, headline_index, headline_shaped

NEWS = "The talks lasted three hours. Both sides praised the result. A deal is expected soon."
LONG_TWO = (
    "Il a plu toute la nuit dans le nord. Les routes de la région sont fermées depuis lundi "
    "matin et les écoles restent closes jusqu'à nouvel ordre"
)


@pytest.mark.parametrize(
    ("line", "shaped"),
    [
        ("Kazakh Foreign Minister Addresses High-Level Belt and Road Meeting", True),
        ("Ураган Роза может затопить Феникс, Лас-Вегас и Солт-Лейк-Сити", True),
        ("Қазақстан жаңа мектеп ашты!", True),
        ("Why did the talks in Astana fail?", True),
        ("وزيرا خارجية الصين وقازاقستان يتعهدان بتعزيز التعاون", True),
        ("Who are they?", False),  # a short question opens body text
        ("Les ministres se sont réunis lundi à Astana.", False),  # closed by a full stop
        ("x" * (MAX_HEADLINE_CHARS + 1), False),
        ("Pluie. Vent. Neige", False),  # three sentences: a paragraph
        (LONG_TWO, False),  # two long sentences that lost their last stop
        ("Kazakhstan votes. What comes next", True),  # two short ones: a headline
    ],
)
def test_headline_shaped(line: str, shaped: bool) -> None:
    assert headline_shaped(line) is shaped


CASES = [
    # (lang, lines, index of the headline or None)
    ("en", ["Kazakh Foreign Minister Addresses High-Level Belt and Road Meeting", NEWS], 0),
    ("ru", ["Ураган Роза может затопить Феникс, Лас-Вегас и Солт-Лейк-Сити", NEWS], 0),
    # Site chrome above it: a menu, the site's name.
    ("en", ["Home", "World", "Rail link to Aktau opens after three years of work", NEWS], 2),
    # A tagline is shorter than the headline under it.
    (
        "ar",
        [
            "موقع متخصص بالشؤون الصينية",
            "وزيرا خارجية الصين وقازاقستان يتعهدان بتعزيز التعاون في مكافحة الجائحة",
            "0",
            NEWS,
        ],
        1,
    ),
    # The headline is above the date, however long the unpunctuated lines under it.
    (
        "kk",
        [
            "Президент Түркістан облысына жұмыс сапарымен барды",
            "Бүгін 2024, 12:40",
            "Мемлекет басшысы Қасым-Жомарт Тоқаев Түркістан облысына жұмыс сапарымен барды, деп "
            "хабарлайды zakon.kz",
        ],
        0,
    ),
    (
        "fr",
        [
            "EU",
            "La Chine et le Kazakhstan publient une déclaration conjointe",
            "Publié le 12.03.2024",
            "Un autre titre plus long que le premier de la page, plus bas",
            NEWS,
        ],
        1,
    ),
    # A full stop, but the headline stands apart from paragraphs of several sentences.
    ("en", ["Indonesia Tsunami Toll Soars Above 800.", NEWS, NEWS, NEWS], 0),
    # The text starts with the body: one sentence a paragraph, or a question.
    (
        "fr",
        ["Les ministres se sont réunis lundi à Astana.", "Ils ont convenu de se revoir."],
        None,
    ),
    ("en", ["Who are they?", "They are artists who want to do many things.", "Then."], None),
    ("en", ["Home", NEWS], None),  # a lone word names a section
    ("en", [], None),
]


@pytest.mark.parametrize(("lang", "lines", "index"), CASES)
def test_headline_index(lang: str, lines: list[str], index: int | None) -> None:
    assert headline_index(lines, lang) == index


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from([line for _, lines, _ in CASES for line in lines]) | st.text(max_size=60),
        max_size=8,
    ),
    st.sampled_from(["en", "fr", "ru", "kk", "ar", "und"]),
)
def test_the_headline_is_a_headline_shaped_line_or_stands_first(
    lines: list[str], lang: str
) -> None:
    index = headline_index(lines, lang)
    assert index is None or 0 <= index < len(lines)
    assert index is None or index == 0 or headline_shaped(lines[index])


def test_the_headline_features_have_one_row_per_candidate() -> None:
    import numpy as np

    from generator.analysis.headline import (
        HEADLINE_FEATURES,
        body_start,
        candidate_features,
        candidates,
    )
    from generator.analysis.line_features import LOCAL, local_features

    texts = ["Home", "News", "Rail link to Aktau opens after three years", NEWS, NEWS, "©"]
    n = len(texts)
    local = local_features(texts, [True] * n, [True] * n, [False] * n, [None] * n, "en")
    article = np.array([0.0, 0.0, 0.4, 0.9, 0.9, 0.0])
    body = body_start(article)
    assert body == 3
    chosen = candidates(n, body, {0})
    assert chosen == [1, 2, 3, 4, 5]
    rows = candidate_features(texts, local, article, body, chosen)
    assert rows.shape == (5, len(HEADLINE_FEATURES))
    assert local.shape == (n, len(LOCAL))
    overlap = HEADLINE_FEATURES.index("overlap")
    assert rows[0, overlap] == 0.0  # "News": the body has no such word
    assert rows[1, overlap] > 0.0  # the headline's "three" is in the body


def test_a_headline_pasted_twice_and_repeated_by_its_body_stands_out() -> None:
    import numpy as np

    from generator.analysis.headline import HEADLINE_FEATURES, candidate_features
    from generator.analysis.line_features import local_features

    headline = "Rail link to Aktau opens after three years"
    body = "The rail link to Aktau opened on Monday. It took three years to build."
    texts = [f"{headline} | Steppe Post", "Where the steppe meets the sea", headline, body]
    n = len(texts)
    local = local_features(texts, [True] * n, [True] * n, [False] * n, [None] * n, "en")
    article = np.array([0.0, 0.1, 0.4, 0.9])
    rows = candidate_features(texts, local, article, 3, [1, 2])
    column = {name: i for i, name in enumerate(HEADLINE_FEATURES)}
    assert rows[1, column["copies"]] > rows[0, column["copies"]] == 0
    assert rows[1, column["article_overlap"]] > rows[0, column["article_overlap"]]
    # The copy is inside a longer line (the tab title), not a line of its own.
    assert rows[1, column["within"]] > rows[0, column["within"]] == 0


def test_a_headline_s_inflected_words_recur_in_its_lead_a_site_name_s_do_not() -> None:
    import numpy as np

    from generator.analysis.headline import HEADLINE_FEATURES, candidate_features
    from generator.analysis.line_features import local_features

    texts = [
        "Kreiszeitung Nordhausen",  # the site's name, also in the lead
        "Nachrichten aus Nordhausen",  # a tagline
        "Neue Radwege für Nordhausens Innenstadt",  # the headline
        "In der Nordhausener Innenstadt entsteht ein neuer Radweg, teilte die Stadt mit.",
        "Der Radweg soll im Sommer fertig sein, sagte die Kreiszeitung.",
    ]
    n = len(texts)
    local = local_features(texts, [True] * n, [True] * n, [False] * n, [None] * n, "de")
    article = np.array([0.0, 0.1, 0.4, 0.9, 0.9])
    rows = candidate_features(texts, local, article, 3, [1, 2])
    column = {name: i for i, name in enumerate(HEADLINE_FEATURES)}
    # "Radwege", "Innenstadt" come back as "Radweg", "Innenstadt": the 4-grams match.
    assert rows[1, column["lead_grams"]] > rows[0, column["lead_grams"]]
    # "Nordhausen" is in the lead too, but the site's name above already said it.
    assert rows[0, column["new_words"]] == 0.0
    assert rows[1, column["new_words"]] > 0.0


@pytest.mark.parametrize(
    ("line", "candidate"),
    [
        ("Faire Lieferketten", True),  # headline-shaped
        ("Tach auch!", True),  # a short exclamation: the ranker weighs it
        ("Ich war am Wochenende auf einer Hochzeit im Wendland.", True),
        ("x" * (MAX_HEADLINE_CHARS + 1), False),
        (NEWS + " " + NEWS, False),  # a paragraph of several sentences
    ],
)
def test_the_ranker_also_weighs_short_lines_closed_by_a_stop(line: str, candidate: bool) -> None:
    from generator.analysis.headline import ranked_shape

    assert ranked_shape(line) is candidate


def test_a_word_counts_as_new_again_once_the_lines_that_said_it_are_far_above() -> None:
    import numpy as np

    from generator.analysis.headline_overlap import ABOVE_LINES, Words, lead_overlaps

    filler = ["Menü"] * (ABOVE_LINES + 5)
    texts = ["Steppe Post", "Steppe Post today", *filler, "Steppe Post today", "The Steppe Post."]
    article = np.zeros(len(texts))
    article[-1] = 1.0
    # Line 1 has the site's name just above it; the line near the end has it only far above.
    _, new = lead_overlaps(Words(texts), article, [1, len(texts) - 2])
    assert new[0] == 0.0
    assert new[1] > 0.0
