"""The site's own words (not the articles'), in the languages readers of the archive use.

Pages in a language without an entry here get English words; a missing key falls back to
English too, so adding a language never breaks a page.
"""

from __future__ import annotations

from generator.text.kazakh_latin import to_latin
from generator.text.languages import native_name

DEFAULT = "en"

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home",
        "about": "About",
        "language": "Language",
        "languages": "Languages",
        "translations": "Translations",
        "stories": "Stories",
        "versions": "Versions",
        "all_versions": "All versions of this story",
        "articles_in": "Articles in {name}",
        "search_in": "Search in {name}",
        "also_in": "Also in",
        "more_stories": "All stories",
        "parallel": "Parallel reading",
        "side_by_side": "⇆ Side by side",
        "source": "Source",
        "newer": "Newer",
        "older": "Older",
        "page": "Page",
        "pages": "Pages",
    },
    "fr": {
        "home": "Accueil",
        "about": "À propos",
        "language": "Langue",
        "languages": "Langues",
        "translations": "Traductions",
        "stories": "Articles",
        "versions": "Versions",
        "all_versions": "Toutes les versions de cet article",
        "articles_in": "Articles en français",
        "search_in": "Rechercher en français",
        "also_in": "Aussi en",
        "more_stories": "Tous les articles",
        "parallel": "Lecture parallèle",
        "side_by_side": "⇆ Côte à côte",
        "source": "Source",
        "newer": "Plus récents",
        "older": "Plus anciens",
        "page": "Page",
        "pages": "Pages",
    },
    "kk": {
        "home": "Басты бет",
        "about": "Сайт туралы",
        "language": "Тіл",
        "languages": "Тілдер",
        "translations": "Аудармалар",
        "stories": "Жаңалықтар",
        "versions": "Нұсқалар",
        "all_versions": "Осы жаңалықтың барлық нұсқалары",
        "articles_in": "Қазақ тіліндегі мақалалар",
        "search_in": "Қазақ тілінде іздеу",
        "also_in": "Басқа тілдерде",
        "more_stories": "Барлық жаңалықтар",
        "parallel": "Қатар оқу",
        "side_by_side": "⇆ Қатар оқу",
        "source": "Дереккөз",
        "newer": "Жаңалары",
        "older": "Бұрынғылары",
        "page": "Бет",
        "pages": "Беттер",
    },
    "ru": {
        "home": "Главная",
        "about": "О сайте",
        "language": "Язык",
        "languages": "Языки",
        "translations": "Переводы",
        "stories": "Новости",
        "versions": "Версии",
        "all_versions": "Все версии этой новости",
        "articles_in": "Статьи на русском языке",
        "search_in": "Поиск на русском языке",
        "also_in": "Также на",
        "more_stories": "Все новости",
        "parallel": "Параллельное чтение",
        "side_by_side": "⇆ Параллельно",
        "source": "Источник",
        "newer": "Более новые",
        "older": "Более ранние",
        "page": "Страница",
        "pages": "Страницы",
    },
    "ar": {
        "home": "الرئيسية",
        "about": "حول الموقع",
        "language": "اللغة",
        "languages": "اللغات",
        "translations": "الترجمات",
        "stories": "الأخبار",
        "versions": "النسخ",
        "all_versions": "كل نسخ هذا الخبر",
        "articles_in": "مقالات باللغة العربية",
        "search_in": "البحث باللغة العربية",
        "also_in": "متوفر أيضا بـ",
        "more_stories": "كل الأخبار",
        "parallel": "القراءة المتوازية",
        "side_by_side": "⇆ جنبا إلى جنب",
        "source": "المصدر",
        "newer": "الأحدث",
        "older": "الأقدم",
        "page": "صفحة",
        "pages": "الصفحات",
    },
}


def _words(lang: str) -> dict[str, str]:
    """The words for `lang`; Kazakh in Latin letters reads the Kazakh words transliterated."""
    if lang in STRINGS:
        return STRINGS[lang]
    if lang == "kk-Latn":
        return {key: to_latin(text) for key, text in STRINGS["kk"].items()}
    return {}


def has_strings(lang: str) -> bool:
    return bool(_words(lang))


def ui(lang: str, key: str) -> str:
    """The site's word `key` for a page in `lang`; English when there is no translation."""
    text = _words(lang).get(key) or STRINGS[DEFAULT][key]
    return text.format(name=native_name(lang))


def ui_lang(lang: str) -> str:
    """The language the site's words on a page in `lang` are actually in."""
    return lang if has_strings(lang) else DEFAULT


def strings(lang: str) -> dict[str, str]:
    """Every word for a page in `lang`, English filling the gaps (for the theme templates)."""
    return {key: ui(lang, key) for key in STRINGS[DEFAULT]}
