"""The site's own words: every language the site speaks has the theme's words too."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from conftest import ROOT

from generator.rendering.ui import STRINGS, strings, ui, ui_lang

THEME_WORDS = [
    Path(material.__file__).parent / "templates" / "partials" / "languages",
    ROOT / "overrides" / "partials" / "languages",
]


@pytest.mark.parametrize("lang", sorted(STRINGS))
def test_the_theme_has_words_for_every_language_the_site_speaks(lang: str) -> None:
    assert any((folder / f"{lang}.html").is_file() for folder in THEME_WORDS)


@pytest.mark.parametrize("lang", sorted(STRINGS))
def test_every_language_has_every_word(lang: str) -> None:
    assert set(STRINGS[lang]) == set(STRINGS["en"])


def test_other_languages_fall_back_to_english() -> None:
    assert ui_lang("tk") == "en" and ui_lang("kk") == "kk"
    assert ui("tk", "translations") == "Translations"
    assert ui("tk", "articles_in") == "Articles in Türkmençe"
    assert strings("fa")["home"] == "Home"
