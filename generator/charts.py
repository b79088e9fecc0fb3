"""The site's charts: each one an SVG plus the same numbers as a table (the text fallback).

Pure functions over ``Project`` lists. Texts (titles, column names, descriptions) come from
data/opendata.yaml; the drawing is in svgchart.py. Amounts are 项目资金总额 in 万元, an
empty total counting as 0; rows are sorted by value (largest first), ties by label.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

from generator.export.rows import money, titles
from generator.schema import Project
from generator.svgchart import Bar, bar_chart


@dataclass(frozen=True)
class Chart:
    """A chart's SVG and its fallback table (column names and rows of display text)."""

    id: str
    title: str
    desc: str
    columns: list[str]
    rows: list[list[str]]
    svg: str


def _text(key: str) -> dict[str, Any]:
    return titles()["charts"][key]  # type: ignore[no-any-return]


def _unit() -> str:
    return str(titles()["charts"]["unit"])


def _funds_chart(key: str, groups: dict[str, list[Project]]) -> Chart:
    sums = {name: (sum((p.funds.total or Decimal(0) for p in ps), Decimal(0)), len(ps)) for name, ps in groups.items()}
    order = sorted(sums.items(), key=lambda kv: (-kv[1][0], kv[0]))
    meta = _text(key)
    total = sum((v for v, _ in sums.values()), Decimal(0))
    top = order[0] if order else ("", (Decimal(0), 0))
    desc = meta["desc"].format(count=len(order), total=money(total), top=top[0], top_value=money(top[1][0]))
    rows = [[name, money(value), str(count)] for name, (value, count) in order]
    bars = [Bar(name, (float(value),), f"{money(value)} {_unit()}") for name, (value, _) in order]
    return Chart(key, meta["title"], desc, list(meta["columns"]), rows, bar_chart(key, meta["title"], desc, bars))


def funds_by_department(projects: Iterable[Project]) -> Chart:
    """Sum of 项目资金总额 per 主管部门."""
    groups: dict[str, list[Project]] = defaultdict(list)
    for p in projects:
        groups[p.department].append(p)
    return _funds_chart("funds_by_department", groups)


def funds_by_category(projects: Iterable[Project]) -> Chart:
    """Sum of 项目资金总额 per 项目类别 (projects without one under the 'none' label)."""
    groups: dict[str, list[Project]] = defaultdict(list)
    for p in projects:
        groups[p.category or str(titles()["charts"]["none"])].append(p)
    return _funds_chart("funds_by_category", groups)


def indicator_mix(projects: Iterable[Project]) -> Chart:
    """Number of 三级 indicators per (一级, 二级), grouped by 一级 in first-seen order."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for p in projects:
        for ind in p.indicators:
            counts[(ind.level1, ind.level2)] += 1
    first: dict[str, int] = {}
    for l1, _ in counts:
        first.setdefault(l1, len(first))
    order = sorted(counts.items(), key=lambda kv: (first[kv[0][0]], -kv[1], kv[0][1]))
    meta = _text("indicator_mix")
    top = max(order, key=lambda kv: kv[1], default=(("", ""), 0))
    desc = meta["desc"].format(total=sum(counts.values()), count=len(order), top=" › ".join(top[0]), top_value=top[1])
    rows = [[l1, l2, str(n)] for (l1, l2), n in order]
    bars = [Bar(f"{l1} › {l2}", (float(n),), str(n)) for (l1, l2), n in order]
    return Chart("indicator_mix", meta["title"], desc, list(meta["columns"]), rows, bar_chart("indicator_mix", meta["title"], desc, bars))


def _percent(part: int, whole: int) -> str:
    return f"{Decimal(part * 100) / whole:.1f}" if whole else "0.0"


def quantified_share(projects: Iterable[Project]) -> Chart:
    """Per 主管部门: indicators whose annual target has a number (定量) vs not (定性), as 100% bars."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p in projects:
        for ind in p.indicators:
            counts[p.department][0 if ind.target is not None and not ind.target.qualitative else 1] += 1
    order = sorted(counts.items(), key=lambda kv: (-kv[1][0] / max(sum(kv[1]), 1), kv[0]))
    meta = _text("quantified_share")
    quantified, total = sum(q for q, _ in counts.values()), sum(q + r for q, r in counts.values())
    desc = meta["desc"].format(count=len(order), total=total, quantified=quantified, share=_percent(quantified, total))
    rows = [[d, str(q), str(r), _percent(q, q + r)] for d, (q, r) in order]
    bars = [Bar(d, (q / (q + r), r / (q + r)) if q + r else (0.0, 0.0), f"{_percent(q, q + r)}%") for d, (q, r) in order]
    svg = bar_chart("quantified_share", meta["title"], desc, bars, legend=tuple(meta["legend"]))
    return Chart("quantified_share", meta["title"], desc, list(meta["columns"]), rows, svg)


def funds_trend(department: str, trend: Sequence[tuple[int, Decimal, int]]) -> Chart:
    """One department's 项目资金总额 per year (from compare.department_trend), oldest first."""
    meta = _text("funds_trend")
    title = meta["title"].format(department=department)
    values = "，".join(f"{year}年 {money(total)} {_unit()}" for year, total, _ in trend)
    first, last = (trend[0][0], trend[-1][0]) if trend else ("", "")
    desc = meta["desc"].format(department=department, first=first, last=last, values=values)
    rows = [[str(year), money(total), str(count)] for year, total, count in trend]
    bars = [Bar(str(year), (float(total),), f"{money(total)} {_unit()}") for year, total, _ in trend]
    return Chart("funds_trend", title, desc, list(meta["columns"]), rows, bar_chart("funds_trend", title, desc, bars))


def site_charts(projects: Sequence[Project]) -> list[Chart]:
    """The four overview charts, in page order."""
    return [funds_by_department(projects), funds_by_category(projects), indicator_mix(projects), quantified_share(projects)]


def write_charts(charts: Iterable[Chart], out_dir: Path) -> None:
    """Write each chart as ``<out_dir>/<id>.svg`` (standalone files, e.g. for download or <img>)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for chart in charts:
        (out_dir / f"{chart.id}.svg").write_text(chart.svg, "utf-8")
