"""Publication dates: from front matter, else a byline or dateline, else unknown (None)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.analysis import dates
from generator.analysis.dates import find_date, newest_first, publication_date, story_sort_key
from generator.records import (
    Article,
    CleanText,
    Language,
    Overrides,
    PublicationDate,
    SeedText,
    Story,
    Title,
)

LONG = "The minister spoke about cooperation between the two countries for a long while. " * 2


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # French
        ("Titre\nPublié le 12 mai 2021\nTexte.", "2021-05-12"),
        ("Titre\nMis en ligne le 1er février 2020 à 10h", "2020-02-01"),
        ("Titre\n12.05.2021", "2021-05-12"),
        # English
        ("Headline\nMay 12, 2021\nBody.", "2021-05-12"),
        ("Headline\nPublished: 12 May 2021 10:32 GMT", "2021-05-12"),
        ("Headline\nWednesday, Sept. 1, 2021", "2021-09-01"),
        ("ASTANA, May 12, 2021 – " + LONG, "2021-05-12"),
        # Russian
        ("Заголовок\n12 мая 2021 г.\nТекст.", "2021-05-12"),
        ("Заголовок\nОпубликовано: 12.05.2021 14:30", "2021-05-12"),
        ("Заголовок\n3 декабря 2019 года", "2019-12-03"),
        # Kazakh
        ("Тақырып\n2021 жылғы 12 мамыр\nМәтін.", "2021-05-12"),
        ("Тақырып\n12 желтоқсан 2020 ж.", "2020-12-12"),
        ("2021 жылы 12 мамырда Мемлекет басшысы сөйлесті.", "2021-05-12"),
        # Arabic, Egyptian and Levantine month names, Western and Arabic-Indic digits
        ("عنوان\n12 مايو 2021\nنص.", "2021-05-12"),
        ("عنوان\n١٢ أيار ٢٠٢١", "2021-05-12"),
        ("عنوان\nتاريخ النشر: ٣ كانون الثاني ٢٠٢٢", "2022-01-03"),
        ("عنوان\n\u200f12 مايو 2021\u200f", "2021-05-12"),  # direction marks ignored
        # Spanish and German
        ("Titular\nPublicado el 12 de mayo de 2021", "2021-05-12"),
        ("Titel\n12. März 2021", "2021-03-12"),
        # ISO and unambiguous day/month
        ("Headline\n2021-05-12T08:00:00Z", "2021-05-12"),
        ("Headline\n13/05/2021", "2021-05-13"),
        ("Headline\n05/13/2021", "2021-05-13"),
        # A cue on its own line, the date on the next
        ("Titre\nPublié le\n12 mai 2021", "2021-05-12"),
    ],
)
def test_stated_dates_are_found(text: str, iso: str) -> None:
    assert find_date(text).iso == iso


@pytest.mark.parametrize(
    "text",
    [
        "Titre\nPublié le\n\non\nTexte sans date.",  # seed 000: the cue without a date
        "Headline\n05/12/2021",  # 5 December or May 12: cannot tell
        "Headline\n31.02.2021",  # not a real date
        "Headline\n12 May 1492",  # outside the archive's years
        "Headline\nThe 1992 treaty.",
        "\n".join(["Headline", *["Body paragraph." for _ in range(10)], "Signed 12 May 1992."]),
        "Headline\n" + LONG + "The treaty of 12 May 1992 still holds. " + LONG,
    ],
)
def test_no_date_is_none_not_a_guess(text: str) -> None:
    found = find_date(text)
    assert found.iso is None
    assert found.reason


def test_a_byline_wins_over_an_earlier_event_date() -> None:
    text = "Headline\nThe 12 March 2020 summit\nPublié le 12 mai 2021"
    assert find_date(text).iso == "2021-05-12"


def test_front_matter_date_wins() -> None:
    seed = SeedText(
        "a.txt", "Titre\nPublié le 12 mai 2021", "utf-8", "0", Overrides(date="2020-01-02")
    )
    assert publication_date(seed) == PublicationDate("2020-01-02", "editor")


# Month names by month: English, French, Russian, Kazakh, Arabic.
MONTHS = [
    ("January", "janvier", "января", "қаңтар", "يناير"),
    ("February", "février", "февраля", "ақпан", "فبراير"),
    ("March", "mars", "марта", "наурыз", "مارس"),
    ("April", "avril", "апреля", "сәуір", "أبريل"),
    ("May", "mai", "мая", "мамыр", "مايو"),
    ("June", "juin", "июня", "маусым", "يونيو"),
    ("July", "juillet", "июля", "шілде", "يوليو"),
    ("August", "août", "августа", "тамыз", "أغسطس"),
    ("September", "septembre", "сентября", "қыркүйек", "سبتمبر"),
    ("October", "octobre", "октября", "қазан", "أكتوبر"),
    ("November", "novembre", "ноября", "қараша", "نوفمبر"),
    ("December", "décembre", "декабря", "желтоқсан", "ديسمبر"),
]
EN, FR, RU, KK, AR = range(5)
FORMATS = {
    "fr": lambda d: f"Publié le {d.day} {MONTHS[d.month - 1][FR]} {d.year}",
    "en": lambda d: f"{MONTHS[d.month - 1][EN]} {d.day}, {d.year}",
    "ru": lambda d: f"{d.day} {MONTHS[d.month - 1][RU]} {d.year} г.",
    "kk": lambda d: f"{d.year} жылғы {d.day} {MONTHS[d.month - 1][KK]}",
    "ar": lambda d: f"{d.day} {MONTHS[d.month - 1][AR]} {d.year}".translate(ARABIC_DIGITS),
    "numeric": lambda d: f"{d:%d.%m.%Y}",
    "iso": lambda d: d.isoformat(),
}
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(sorted(FORMATS)),
)
def test_any_date_in_any_form_is_read_back(date: dt.date, form: str) -> None:
    assert find_date(f"Headline\n{FORMATS[form](date)}\nBody.").iso == date.isoformat()


# Arabic and Persian digits, direction marks, combining marks, 19xx/20xx years and digits
# of other scripts (which \\d also matches: ١٩ is no year, 19٢٠ is one).
_DATEY = st.text(
    st.sampled_from(list("0129 ./-\u200e\u200f\u061c\u2067٠١٢٩۰۱۹\u0966e\u0301Mai mai"))
    | st.characters(),
    max_size=40,
)


@given(_DATEY)
def test_normalise_translates_only_what_needs_it(line: str) -> None:
    # `normalise` translates only a line holding a character to translate: the same result
    # as translating every line.
    nfc = unicodedata.normalize("NFC", line)
    expected = nfc.translate(dates._INVISIBLE).translate(dates._DIGITS).strip()
    assert dates.normalise(line) == expected


@given(_DATEY)
def test_a_line_without_a_year_states_no_date(line: str) -> None:
    # `dates_in` skips a line with no year before running its patterns: none can match there.
    line = dates.normalise(line)
    found = sorted(
        (m.start(), m.group(0)) for pattern in dates.PATTERNS for m in pattern.finditer(line)
    )
    assert not found or dates._ANY_YEAR.search(line)


@given(st.text())
def test_never_crashes(text: str) -> None:
    found = find_date(text)
    assert found.iso is None or len(found.iso) == 10


def _story(story_id: str, *dates: str | None) -> Story:
    articles = tuple(
        Article(
            SeedText(f"{story_id}{i}.txt", "x", "utf-8", "0"),
            Language("en", 1.0),
            CleanText(("x",)),
            Title("x", 0),
            PublicationDate(d, ""),
        )
        for i, d in enumerate(dates)
    )
    return Story(story_id, articles)


def test_stories_sort_newest_first_then_undated() -> None:
    stories = [
        _story("a-undated", None),
        _story("b-old", "2019-01-01"),
        _story("c-new", "2021-05-12", None),
        _story("d-two-dates", "2020-06-01", "2022-01-01"),  # first publication counts
        _story("e-undated", None),
    ]
    assert [s.id for s in newest_first(stories)] == [
        "c-new",
        "d-two-dates",
        "b-old",
        "a-undated",
        "e-undated",
    ]
    assert story_sort_key(stories[0]) < story_sort_key(stories[4])


MENU = "\n".join(["Home", "News", "Politics", "Economy", "Society", "Sport", "Culture", "Search"])


@pytest.mark.parametrize(
    ("headline", "header", "iso"),
    [
        # a whole page: the byline below a headline that comes after the site's menus
        ("Ақтөбеде жаңа зауыт ашылды", "08.12.2026, 10:15\nАвтор: Асқар Бекұлы", "2026-12-08"),
        ("Нацбанк сохранил ставку", "Елена Иванова\n8 декабря 2026, 12:00", "2026-12-08"),
        (
            "Tayikistán y Kirguistán firman",
            "Redacción | 8 de diciembre de 2026 - 13:10",
            "2026-12-08",
        ),
        ("Usbekistan senkt Zölle", "Von Anna Schmidt\nStand: 08.12.2026, 14:20 Uhr", "2026-12-08"),
        ("Port terminal opens", "By James Cole\nShare\nDecember 8, 2026 8:45 am", "2026-12-08"),
        ("افتتاح ممر نقل جديد", "بقلم: محمد العلي\n٨ ديسمبر ٢٠٢٦", "2026-12-08"),
        # nothing short beside the headline: a date in the body is an event, not taken
        ("Port terminal opens", "The 1992 treaty of 12 May 1992 " + LONG, None),
        # too far below the headline: the body has begun
        ("Port terminal opens", "\n".join([LONG] * 6) + "\n12 May 2021", None),
    ],
)
def test_a_whole_page_dates_its_article_beside_the_headline(
    headline: str, header: str, iso: str | None
) -> None:
    text = f"{MENU}\n{headline}\n{header}\n{LONG}\n{LONG}"
    assert find_date(text, headline).iso == iso
    assert find_date(text).iso is None  # without the clean stage's headline: under the menus


def test_a_date_line_above_the_headline_counts_too() -> None:
    text = f"{MENU}\nEconomy\n8 December 2026\nPort terminal opens\n{LONG}"
    assert find_date(text, "Port terminal opens").iso == "2026-12-08"
