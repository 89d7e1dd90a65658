"""What the site needs to know about each language: its native name and its direction."""

from __future__ import annotations

# Native names, as a reader of that language would look for them in a switcher.
NATIVE_NAMES: dict[str, str] = {
    "ar": "العربية",
    "az": "Azərbaycanca",
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fa": "فارسی",
    "fr": "Français",
    "he": "עברית",
    "kk": "Қазақша",
    "ky": "Кыргызча",
    "mn": "Монгол",
    "ps": "پښتو",
    "ru": "Русский",
    "tg": "Тоҷикӣ",
    "tk": "Türkmençe",
    "tr": "Türkçe",
    "ug": "ئۇيغۇرچە",
    "uk": "Українська",
    "ur": "اردو",
    "uz": "Oʻzbekcha",
    "zh": "中文",
    "und": "Undetermined",
}

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ps", "ug", "ur", "yi", "dv", "sd", "ckb"})


def native_name(code: str) -> str:
    return NATIVE_NAMES.get(code, code)


def direction(code: str) -> str:
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"
