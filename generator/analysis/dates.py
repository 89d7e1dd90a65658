"""When an article was published, from its front matter or from what it states.

Copied pages carry their date in a byline ("Publié le 12 mai 2021") or a short dateline at
the top; a whole web page, in a short line beside its headline, after the site's menus. A
date deep in the body is usually an event ("the 1992 treaty of 12 May"), so it is not
taken: an unknown date is None with the reason, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence

from generator.records import PublicationDate, SeedText, Story

# How many non-empty lines from the top count as the byline area.
TOP_LINES = 8
# A date in the byline area counts when it starts this early in its line (a dateline), or
# when the line is this short (a line that is mostly the date).
DATELINE_START = 40
SHORT_LINE = 80
# In a longer line, a date counts after a cue only when it follows within this many characters.
# The page header around a headline: a short line this many lines below it or above it.
BELOW_HEADLINE = 6
ABOVE_HEADLINE = 2
CUE_GAP = 25
YEARS = range(1900, 2100)

# Month names by number: English, French, Russian (genitive and nominative), Kazakh, Arabic
# (Egyptian and Levantine names), Spanish, German; common abbreviations.
_MONTHS: dict[int, str] = {
    1: "january|jan|janvier|janv|января|январь|қаңтар|يناير|كانون الثاني|enero|januar",
    2: "february|feb|février|fevrier|févr|февраля|февраль|ақпан|فبراير|شباط|febrero|februar",
    3: "march|mar|mars|марта|март|наурыз|مارس|آذار|marzo|märz",
    4: "april|apr|avril|avr|апреля|апрель|сәуір|أبريل|ابريل|إبريل|نيسان|abril",
    5: "may|mai|мая|май|мамыр|مايو|أيار|ايار|mayo",
    6: "june|jun|juin|июня|июнь|маусым|يونيو|يونيه|حزيران|junio|juni",
    7: "july|jul|juillet|juil|июля|июль|шілде|يوليو|يوليه|تموز|julio|juli",
    8: "august|aug|août|aout|августа|август|тамыз|أغسطس|اغسطس|آب|agosto",
    9: "september|sept|sep|septembre|сентября|сентябрь|қыркүйек|سبتمبر|أيلول|ايلول|septiembre",
    10: "october|oct|octobre|октября|октябрь|қазан|أكتوبر|اكتوبر|تشرين الأول|تشرين الاول|"
    "octubre|oktober",
    11: "november|nov|novembre|ноября|ноябрь|қараша|نوفمبر|تشرين الثاني|noviembre",
    12: "december|dec|décembre|decembre|déc|декабря|декабрь|желтоқсан|ديسمبر|كانون الأول|"
    "كانون الاول|diciembre|dezember",
}
MONTH_NUMBER = {name: n for n, names in _MONTHS.items() for name in names.split("|")}
_MONTH = "|".join(re.escape(n) for n in sorted(MONTH_NUMBER, key=len, reverse=True))
# Kazakh inflects the month ("12 мамырда" = on 12 May); other languages end it with a dot.
_MONTH_END = r"(?:да|де|та|те)?\.?(?!\w)"
_DAY = r"(?<!\d)(?P<day>[0-3]?\d)(?:er|st|nd|rd|th|-?го)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"

PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)",  # ISO
        rf"{_DAY}\s+(?:de\s+)?(?P<mname>{_MONTH}){_MONTH_END},?\s+(?:de\s+)?{_YEAR}",  # 12 May 2021
        rf"(?<!\w)(?P<mname>{_MONTH})\.?\s+{_DAY},?\s+{_YEAR}",  # May 12, 2021
        rf"(?<!\d){_YEAR}\s*(?:жылғы|жылы|ж\.)\s*{_DAY}\s+(?P<mname>{_MONTH}){_MONTH_END}",  # kk
        rf"{_DAY}\s*(?P<sep>[./])\s*(?P<month>[01]?\d)\s*[./]\s*{_YEAR}",  # 12.05.2021
    )
)

# Words that announce the publication date in a byline.
CUES = re.compile(
    r"publi[ée]|mis en ligne|published|posted|опубликовано|дата публикации|жарияланды|"
    r"жарияланған|نشر|نُشر|تاريخ النشر|veröffentlicht|publicado",
    re.IGNORECASE,
)
# Every pattern has a year: a line without one (after `normalise`) states no date.
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_INVISIBLE_CHARS = "\u200e\u200f\u061c\u200b\u2066\u2067\u2068\u2069"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS), None)
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")} | {
    ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")
}
_TO_NORMALISE = re.compile(f"[{_INVISIBLE_CHARS}٠-٩۰-۹]")


def publication_date(seed: SeedText, headline: str | None = None) -> PublicationDate:
    """The editor's date, else the one the text states (`find_date`)."""
    if seed.overrides.date:
        return PublicationDate(seed.overrides.date, "editor")
    return find_date(seed.text, headline)


def find_date(text: str, headline: str | None = None) -> PublicationDate:
    """The date a byline states, or a short line beside the `headline` line (the clean
    stage's), or a dateline near the top; else None with the reason."""
    lines = [normalise(line) for line in text.split("\n") if line.strip()]
    for i, line in enumerate(lines):
        cue = CUES.search(line)
        if cue is None:
            continue
        # The cue may stand on its own line with the date on the next ("Publié le" / "12 mai").
        for candidate, after in ((line, cue.end()), *((n, 0) for n in lines[i + 1 : i + 2])):
            for date, start in dates_in(candidate):
                # A long sentence that mentions publishing is an event, unless the date follows.
                if len(candidate) <= SHORT_LINE or 0 <= start - after <= CUE_GAP:
                    return PublicationDate(date.isoformat(), f"published: {candidate[:80]}")
    for line in _beside(lines, headline):
        if len(line) <= SHORT_LINE:
            for date, _ in dates_in(line):
                return PublicationDate(date.isoformat(), f"beside the headline: {line[:80]}")
    for line in lines[:TOP_LINES]:
        for date, start in dates_in(line):
            if start <= DATELINE_START or len(line) <= SHORT_LINE:
                return PublicationDate(date.isoformat(), f"dateline: {line[:80]}")
    if any(True for line in lines for _ in dates_in(line)):
        return PublicationDate(None, "dates in the body are not taken as the publication date")
    return PublicationDate(None, "no date stated")


def _beside(lines: Sequence[str], headline: str | None) -> list[str]:
    """The lines below the headline's first line, nearest first, then those above it."""
    line = None if headline is None else normalise(headline)
    if line is None or line not in lines:
        return []
    at = lines.index(line)
    return [
        *lines[at + 1 : at + 1 + BELOW_HEADLINE],
        *lines[max(0, at - ABOVE_HEADLINE) : at][::-1],
    ]


def normalise(line: str) -> str:
    """NFC, ASCII digits, no direction marks: one spelling for the patterns to match."""
    line = unicodedata.normalize("NFC", line)
    if _TO_NORMALISE.search(line):  # translate looks up every character: only when needed
        line = line.translate(_INVISIBLE).translate(_DIGITS)
    return line.strip()


def dates_in(line: str) -> Iterator[tuple[dt.date, int]]:
    """Every real calendar date the line states, with where it starts, in reading order."""
    found: list[tuple[int, dt.date]] = []
    if not _ANY_YEAR.search(line):  # most lines have none: no pattern needs to run
        return
    for pattern in PATTERNS:
        for match in pattern.finditer(line):
            date = _to_date(match)
            if date is not None:
                found.append((match.start(), date))
    for start, date in sorted(found):
        yield date, start


def _to_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    month_name = groups.get("mname")
    month = MONTH_NUMBER[month_name.lower()] if month_name else int(groups["month"])
    day, year = int(groups["day"]), int(groups["year"])
    if groups.get("sep") == "/":
        # 05/12/2021 is 5 December in Europe and May 12 in the US: only sure when one part > 12.
        if day <= 12 and month <= 12 and day != month:
            return None
        if month > 12:
            day, month = month, day
    if year not in YEARS:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def story_date(story: Story) -> str | None:
    """A story's date is its first publication: the earliest date among its articles."""
    known = [a.date.iso for a in story.articles if a.date.iso]
    return min(known) if known else None


def story_sort_key(story: Story) -> tuple[bool, int, str]:
    """Newest first where dates are known, then undated stories, each group by id."""
    iso = story_date(story)
    if iso is None:
        return (True, 0, story.id)
    return (False, -dt.date.fromisoformat(iso).toordinal(), story.id)


def newest_first(stories: Sequence[Story]) -> list[Story]:
    return sorted(stories, key=story_sort_key)
