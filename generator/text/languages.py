"""What the site needs to know about each language: its native name, its direction, and its
usual script, so that a text in another script gets a BCP 47 tag of its own ("kk-Latn")."""

from __future__ import annotations

import functools

# Native names, as a reader of that language would look for them in a switcher: every
# language the detector can name that we can spell reliably; any other shows its code.
NATIVE_NAMES: dict[str, str] = {
    "af": "Afrikaans",
    "am": "አማርኛ",
    "ar": "العربية",
    "as": "অসমীয়া",
    "az": "Azərbaycanca",
    "azb": "تۆرکجه",
    "ba": "Башҡортса",
    "be": "Беларуская",
    "bg": "Български",
    "bn": "বাংলা",
    "bo": "བོད་ཡིག",
    "br": "Brezhoneg",
    "bs": "Bosanski",
    "ca": "Català",
    "ce": "Нохчийн",
    "ckb": "کوردی",
    "cs": "Čeština",
    "cv": "Чӑвашла",
    "cy": "Cymraeg",
    "da": "Dansk",
    "de": "Deutsch",
    "dv": "ދިވެހި",
    "el": "Ελληνικά",
    "en": "English",
    "eo": "Esperanto",
    "es": "Español",
    "et": "Eesti",
    "eu": "Euskara",
    "fa": "فارسی",
    "fi": "Suomi",
    "fr": "Français",
    "fy": "Frysk",
    "ga": "Gaeilge",
    "gd": "Gàidhlig",
    "gl": "Galego",
    "gu": "ગુજરાતી",
    "he": "עברית",
    "hi": "हिन्दी",
    "hr": "Hrvatski",
    "hu": "Magyar",
    "hy": "Հայերեն",
    "id": "Bahasa Indonesia",
    "is": "Íslenska",
    "it": "Italiano",
    "ja": "日本語",
    "jv": "Basa Jawa",
    "ka": "ქართული",
    "kaa": "Qaraqalpaqsha",
    "kk": "Қазақша",
    "km": "ខ្មែរ",
    "kn": "ಕನ್ನಡ",
    "ko": "한국어",
    "ku": "Kurdî",
    "ky": "Кыргызча",
    "la": "Latina",
    "lb": "Lëtzebuergesch",
    "lo": "ລາວ",
    "lt": "Lietuvių",
    "lv": "Latviešu",
    "mg": "Malagasy",
    "mk": "Македонски",
    "ml": "മലയാളം",
    "mn": "Монгол",
    "mr": "मराठी",
    "ms": "Bahasa Melayu",
    "mt": "Malti",
    "my": "မြန်မာ",
    "nb": "Norsk bokmål",
    "ne": "नेपाली",
    "nl": "Nederlands",
    "nn": "Norsk nynorsk",
    "oc": "Occitan",
    "or": "ଓଡ଼ିଆ",
    "os": "Ирон",
    "pa": "ਪੰਜਾਬੀ",
    "pl": "Polski",
    "ps": "پښتو",
    "pt": "Português",
    "ro": "Română",
    "ru": "Русский",
    "sa": "संस्कृतम्",
    "sah": "Саха тыла",
    "sd": "سنڌي",
    "si": "සිංහල",
    "sk": "Slovenčina",
    "sl": "Slovenščina",
    "so": "Soomaali",
    "sq": "Shqip",
    "sr": "Српски",
    "sv": "Svenska",
    "sw": "Kiswahili",
    "ta": "தமிழ்",
    "te": "తెలుగు",
    "tg": "Тоҷикӣ",
    "th": "ไทย",
    "tk": "Türkmençe",
    "tl": "Tagalog",
    "tr": "Türkçe",
    "tt": "Татарча",
    "ug": "ئۇيغۇرچە",
    "uk": "Українська",
    "ur": "اردو",
    "uz": "Oʻzbekcha",
    "vi": "Tiếng Việt",
    "yi": "ייִדיש",
    "yo": "Yorùbá",
    "zh": "中文",
    "zu": "isiZulu",
    "und": "Undetermined",
    # Languages written in two scripts: the tag of the less usual one (see language_tag).
    "kk-Latn": "Qazaqşa",
    "uz-Cyrl": "Ўзбекча",
    "kaa-Cyrl": "Қарақалпақша",
    "sr-Latn": "Srpski",
    "tt-Latn": "Tatarça",
    "az-Cyrl": "Азәрбајҹанҹа",
    "tk-Cyrl": "Түркменче",
    "ug-Latn": "Uyghurche",
    "ug-Cyrl": "Уйғурчә",
    "zh-Hant": "中文（繁體）",
}

# The usual script (ISO 15924) of languages not usually written in Latin letters: their
# BCP 47 Suppress-Script, or the script most of their news uses. Any other: Latn.
_CYRILLIC = "ru uk be bg mk sr kk ky tg mn tt ba cv sah os ce av kv udm tyv krc xal lez bxr ab"
_ARABIC = "ar fa ur ps ug ckb sd ks azb arz pnb mzn glk lrc bqi"
DEFAULT_SCRIPTS: dict[str, str] = {
    **dict.fromkeys(_CYRILLIC.split(), "Cyrl"),
    **dict.fromkeys(_ARABIC.split(), "Arab"),
    "zh": "Hans", "ja": "Jpan", "ko": "Hang", "el": "Grek", "he": "Hebr", "yi": "Hebr",
    "hy": "Armn", "ka": "Geor", "xmf": "Geor", "hi": "Deva", "mr": "Deva", "ne": "Deva",
    "sa": "Deva", "bh": "Deva", "new": "Deva", "mai": "Deva", "bn": "Beng", "as": "Beng",
    "pa": "Guru", "gu": "Gujr", "or": "Orya", "ta": "Taml", "te": "Telu", "kn": "Knda",
    "ml": "Mlym", "si": "Sinh", "th": "Thai", "lo": "Laoo", "km": "Khmr", "my": "Mymr",
    "bo": "Tibt", "dz": "Tibt", "am": "Ethi", "ti": "Ethi", "dv": "Thaa",
}  # fmt: skip
# Scripts written right to left, for a language written in another script than its usual one.
_RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo"})

# Languages written right to left (their usual script: Arabic, Hebrew, Thaana); the codes
# fastText gives regional Arabic-script varieties are included.
RIGHT_TO_LEFT = frozenset(
    {
        "ar",
        "fa",
        "he",
        "ps",
        "ug",
        "ur",
        "yi",
        "dv",
        "sd",
        "ckb",
        "ks",
        "pnb",
        "mzn",
        "glk",
        "lrc",
        "azb",
    }
)


def default_script(code: str) -> str:
    return DEFAULT_SCRIPTS.get(code, "Latn")


@functools.cache  # asked for every article by every index, again and again
def language_tag(code: str, script: str | None) -> str:
    """The BCP 47 tag of a text in `code` written in `script` (ISO 15924): the bare code in the
    language's usual script or when the script is unknown ("kk"), else with it ("kk-Latn")."""
    if code == "und" or script in (None, "Hani") or script == default_script(code):
        return code
    return f"{code}-{script}"


def native_name(tag: str) -> str:
    """The name of a language ("kk") or of a language in a script ("kk-Latn": "Qazaqşa"); a
    script variant without a name of its own takes the language's."""
    return NATIVE_NAMES.get(tag) or NATIVE_NAMES.get(tag.split("-", 1)[0], tag)


def direction(tag: str) -> str:
    code, _, script = tag.partition("-")
    if script:
        return "rtl" if script in _RTL_SCRIPTS else "ltr"
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"
