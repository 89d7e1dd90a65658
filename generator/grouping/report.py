"""The text of `python -m generator stories`: every grouping decision with its evidence."""

from __future__ import annotations

from generator.grouping.group import Decision, Grouping
from generator.grouping.match import MIN_COVERAGE, MIN_STRENGTH, PairScore
from generator.messages import one_line

SHOWN_SENTENCES = 3
CLIP = 90


def format_grouping(grouping: Grouping) -> str:
    decisions = {d.seed: d for d in grouping.decisions}
    lines = [
        f"{len(grouping.stories)} stories, {len(decisions)} seeds. A pair is a translation when "
        f"more than {MIN_COVERAGE:.0%} of its sentences align in order (mutual best matches above "
        f"their neighbourhood) with strength >= {MIN_STRENGTH} (sum of margin - 1)."
    ]
    for story in grouping.stories:
        langs = ", ".join(a.lang.tag for a in story.articles)
        lines.append("")
        lines.append(f"story {one_line(story.id)} ({len(story.articles)}: {langs})")
        for article in story.articles:
            lines += _decision_lines(article.lang.tag, decisions[article.name])
    return "\n".join(lines) + "\n"


def _decision_lines(lang: str, decision: Decision) -> list[str]:
    # Seed names and an editor's story ids are data: one line each, whatever they hold.
    lines = [f"  {lang} {one_line(decision.seed)}: {one_line(decision.reason)}"]
    if decision.evidence is not None:
        lines.append(f"      evidence: {_pair(decision.evidence)}")
        for aligned in decision.evidence.aligned[:SHOWN_SENTENCES]:
            lines.append(f"        {aligned.margin:.3f} {_clip(aligned.left)}")
            lines.append(f"              {_clip(aligned.right)}")
    if decision.runner_up is None:
        lines.append("      runner-up: none (no candidate in another language)")
    else:
        other = decision.runner_up.other(decision.seed)
        lines.append(f"      runner-up: {one_line(other)}: {_pair(decision.runner_up)}")
    return lines


def _pair(score: PairScore) -> str:
    return (
        f"coverage {score.coverage:.2f}, {len(score.aligned)} sentences aligned, "
        f"strength {score.strength:.3f}, mean margin {score.margin:.3f}"
    )


def _clip(text: str) -> str:
    return one_line(" ".join(text.split()), CLIP)
