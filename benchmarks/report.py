"""The benchmark's figures: the table with each figure's growth (the cost curve), and the goals."""

from __future__ import annotations

from typing import Any

FIGURES = {  # name in the table -> where it is in a result
    "gen cold s": ("generator_cold", "seconds"),
    "gen cold, vectors s": ("generator_cold_vectors_cached", "seconds"),
    "gen +1 seed s": ("generator_one_seed", "seconds"),
    "gen no change s": ("generator_no_change", "seconds"),
    "gen new article s": ("generator_new_article", "seconds"),
    "mkdocs s": ("mkdocs", "seconds"),
    "embed s": ("embed", "seconds"),
    "gen cold encoder s": ("generator_cold", "embedding_s"),
    "gen +1 encoder s": ("generator_one_seed", "embedding_s"),
    "gen new art. encoder s": ("generator_new_article", "embedding_s"),
    "gen cold cpu s": ("generator_cold", "cpu_seconds"),
    "gen +1 cpu s": ("generator_one_seed", "cpu_seconds"),
    "mkdocs cpu s": ("mkdocs", "cpu_seconds"),
    "embed cpu s": ("embed", "all_seeds_cpu_s"),
    "gen cold MB": ("generator_cold", "peak_mb"),
    "gen +1 MB": ("generator_one_seed", "peak_mb"),
    "mkdocs MB": ("mkdocs", "peak_mb"),
    "site MB": ("site_bytes",),
    "bytes/article": ("bytes_per_article",),
    "html bytes/page": ("html_bytes_per_page",),
    "search index MB": ("search_index_bytes",),
    "files rewritten +1": ("one_seed_rewrote", "count"),
}


def figure(result: dict[str, Any], path: tuple[str, ...]) -> float | None:
    value: Any = result
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    if path[0] in ("site_bytes", "search_index_bytes"):
        return round(float(value) / 1e6, 2)
    return float(value)


def growth(results: list[dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    """Each figure at each N divided by the same figure at the smallest N (the cost curve)."""
    base = results[0]
    curve: dict[str, dict[str, float | None]] = {}
    for result in results:
        row: dict[str, float | None] = {"N": result["n"] / base["n"]}
        for name, path in FIGURES.items():
            value, first = figure(result, path), figure(base, path)
            row[name] = round(value / first, 2) if value is not None and first else None
        curve[str(result["n"])] = row
    return curve


def goals(results: list[dict[str, Any]]) -> list[str]:
    """The issue's goals, checked at the sizes they are set for when those were measured."""
    lines = []
    for r in results:
        cold, plus, build = (
            figure(r, FIGURES[k]) or 0.0 for k in ("gen cold s", "gen +1 seed s", "mkdocs s")
        )
        embed_s = figure(r, FIGURES["embed s"])
        peak = max(
            figure(r, (step, "peak_mb")) or 0.0
            for step in ("generator_cold", "generator_one_seed", "mkdocs")
        )
        if r["n"] == 2000:
            lines.append(_goal("N=2000: gen +1 seed <= 5% of mkdocs", plus <= 0.05 * build))
            if embed_s is not None:
                lines.append(_goal("N=2000: gen cold <= mkdocs + embed", cold <= build + embed_s))
            own = figure(r, FIGURES["gen cold encoder s"])
            if own is not None:  # stricter: the generator's own encoder time, not a model's
                lines.append(
                    _goal("N=2000: gen cold - its encoder time <= mkdocs", cold - own <= build)
                )
            apart = figure(r, FIGURES["gen cold, vectors s"])
            if apart is not None:  # strictest: the model not even loaded
                lines.append(
                    _goal("N=2000: gen cold, encoder's vectors cached <= mkdocs", apart <= build)
                )
        if r["n"] == 10000:
            lines.append(_goal("N=10000: gen cold + mkdocs < 20 min", cold + build < 1200))
            lines.append(_goal("N=10000: peak memory < 3 GB", peak < 3072))
            lines.append(_goal("N=10000: gen +1 seed < 10 s", plus < 10))
            lines.append(_goal("N=10000: site < 1 GB", r["site_bytes"] < 1e9))
    return lines


def _goal(text: str, met: bool) -> str:
    return f"{'met   ' if met else 'MISSED'} {text}"


def table(results: list[dict[str, Any]], curve: dict[str, dict[str, float | None]]) -> str:
    sizes = [str(r["n"]) for r in results]
    lines = [f"{'figure':<20}" + "".join(f"{s:>12}" for s in sizes) + "   growth vs first N"]
    for name, path in FIGURES.items():
        values = [figure(r, path) for r in results]
        cells = "".join(f"{_cell(v):>12}" for v in values)
        grow = " ".join(_cell(curve[s][name]) for s in sizes)
        lines.append(f"{name:<20}{cells}   x {grow}")
    for r in results:
        for name, run_ in r.get("mkdocs_without", {}).items():
            kind = "hook" if name.endswith(".py") else "plugin"
            lines.append(f"N={r['n']}: mkdocs without {kind} {name!r}: {run_['seconds']} s")
        for name, value in r["ratios"].items():
            lines.append(f"N={r['n']}: {name} = {value}")
        lines.append(f"N={r['n']}: +1 seed rewrote {r['one_seed_rewrote']['files'][:6]}")
    return "\n".join(lines)


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
