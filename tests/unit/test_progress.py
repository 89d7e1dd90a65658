"""Progress: bars only for a person at a terminal, one timed summary line per step always."""

from __future__ import annotations

import logging

import pytest

from generator import progress
from generator.progress import Steps


@pytest.mark.parametrize(
    ("tty", "ci", "expected"),
    [(True, None, True), (True, "true", False), (True, "1", False), (True, "false", True),
     (False, None, False)],
)  # fmt: skip
def test_bars_only_on_a_terminal_outside_ci(
    monkeypatch: pytest.MonkeyPatch, tty: bool, ci: str | None, expected: bool
) -> None:
    monkeypatch.setattr(progress.sys.stderr, "isatty", lambda: tty)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    assert progress.interactive() is expected


@pytest.mark.parametrize("tty", [True, False])
def test_progress_yields_every_item(monkeypatch: pytest.MonkeyPatch, tty: bool) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(progress.sys.stderr, "isatty", lambda: tty)
    assert list(progress.progress(iter(range(5)), "step", total=5)) == [0, 1, 2, 3, 4]


def test_each_step_logs_one_timed_line(caplog: pytest.LogCaptureFixture) -> None:
    steps = Steps()
    with caplog.at_level(logging.INFO, logger="generator"):
        steps.done("analyse", "3 seeds")
        steps.done("write")
    first, second = (r.getMessage() for r in caplog.records)
    assert first.startswith("analyse: 3 seeds in ") and first.endswith(" s")
    assert second.startswith("write: ") and second.endswith(" s")
    assert set(steps.timings) == {"analyse", "write"}
