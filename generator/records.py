"""The typed, immutable records passed between pipeline stages.

Each stage takes records from the one before and returns new ones; nothing is
mutated in place, so a stage can be tested on its own with hand-made input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.text.languages import language_tag

UNDETERMINED = "und"


@dataclass(frozen=True)
class Overrides:
    """What an editor stated in a seed's front matter; None where nothing was stated."""

    title: str | None = None
    lang: str | None = None
    story: str | None = None
    date: str | None = None  # ISO 8601 date, YYYY-MM-DD
    source: str | None = None  # URL of the original article
    author: str | None = None


@dataclass(frozen=True)
class SeedText:
    """A seed file decoded to text (stage: read)."""

    name: str  # file name relative to the seeds folder, with "/" separators
    text: str  # decoded, line ends normalised to "\n"; front matter, if any, removed
    encoding: str
    sha256: str  # of the raw bytes: the cache key of everything derived from this seed
    overrides: Overrides = Overrides()


@dataclass(frozen=True)
class SeedError:
    """A seed that cannot become a page, and why. Never dropped silently."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass(frozen=True)
class Language:
    """A detected language, or UNDETERMINED with the reason (stage: detect)."""

    code: str  # ISO 639-1, or "und"
    confidence: float
    reason: str = ""  # why it is "und", or which detector decided
    candidates: tuple[tuple[str, float], ...] = ()
    script: str | None = None  # ISO 15924 of most of the letters ("Cyrl", "Latn"); None: none

    @property
    def known(self) -> bool:
        return self.code != UNDETERMINED

    @property
    def tag(self) -> str:
        """The BCP 47 tag of the text ("kk", "kk-Latn"): what names a version of a story and
        its page's language; one story holds one article per tag."""
        return language_tag(self.code, self.script)


@dataclass(frozen=True)
class Removed:
    """A line taken out of the body as boilerplate, with the reason, for editors to review."""

    line: int  # 0-based index among the seed's lines
    text: str
    reason: str


@dataclass(frozen=True)
class CleanText:
    """The article once boilerplate is removed (stage: clean)."""

    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...] = ()
    # Index in `paragraphs` of the headline line: the cleaner finds it, since the page
    # header ends there. None: the text starts straight with the body.
    headline: int | None = None

    @property
    def empty(self) -> bool:
        return not self.paragraphs


@dataclass(frozen=True)
class Title:
    """The headline (stage: title).

    `paragraph` is the index in `CleanText.paragraphs` of the headline line, which is then
    not repeated in the body; None when the title was made from the first sentence.
    """

    text: str
    paragraph: int | None
    reason: str = ""


@dataclass(frozen=True)
class PublicationDate:
    """When the article was published, or None with the reason (stage: dates)."""

    iso: str | None  # YYYY-MM-DD
    reason: str  # "editor", the line it was read from, or why it is unknown


@dataclass(frozen=True)
class Article:
    """Everything known about one seed before grouping."""

    seed: SeedText
    lang: Language
    clean: CleanText
    title: Title
    date: PublicationDate = PublicationDate(None, "not looked for")

    @property
    def name(self) -> str:
        return self.seed.name

    @property
    def body(self) -> tuple[str, ...]:
        skip = self.title.paragraph
        return tuple(p for i, p in enumerate(self.clean.paragraphs) if i != skip)


@dataclass(frozen=True)
class Story:
    """Articles that are the same story, at most one per language (stage: group)."""

    id: str
    articles: tuple[Article, ...]

    @property
    def title(self) -> str:
        return self.lead.title.text

    @property
    def lead(self) -> Article:
        """The article that names the story: English if present, else the first by language."""
        for article in self.articles:
            if article.lang.code == "en":
                return article
        return self.articles[0]


@dataclass(frozen=True)
class Page:
    """Where an article is published (stage: write)."""

    article: Article
    story_id: str
    path: str  # Markdown file relative to the docs folder, "/" separators
    url: str  # page URL relative to the site root


@dataclass(frozen=True)
class BuildReport:
    """What a build did: pages written, seeds that failed, warnings."""

    pages: tuple[Page, ...] = ()
    errors: tuple[SeedError, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    changed: int = 0  # files written or removed: 0 when the site was up to date
