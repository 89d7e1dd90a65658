"""Configuration: every problem reported at once, each with its value and source."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import ConfigError, load_config


def test_defaults_and_command_line(tmp_path: Path) -> None:
    config = load_config({"seeds": tmp_path, "out": tmp_path / "o"})
    assert config.seeds == tmp_path and config.out == tmp_path / "o" and config.strict is False


def test_all_errors_reported_with_their_source(tmp_path: Path) -> None:
    file = tmp_path / "generator.yml"
    file.write_text("strict: maybe\ncolour: blue\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config({"seeds": tmp_path / "missing"}, file)
    problems = caught.value.problems
    assert any("--seeds" in p and "missing" in p for p in problems)
    assert any(str(file) in p and "'maybe'" in p for p in problems)
    assert any("colour" in p for p in problems)
