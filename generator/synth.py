"""Synthetic corpora of realistic 绩效目标表 for scale tests and benchmarks.

``synthesize(n, years, seed)`` returns ``n`` valid projects built from the seed
content's vocabulary (project names, indicators and goal texts of content/) and
``data/synth.yaml`` (invented district bureaus, topics, indicator templates).

Deterministic for a seed: every random choice comes from ``random.Random``
instances seeded from the seed string (never from the clock, ``hash()`` or set
order). A sequential plan fixes year, department, name and id of each project;
the body of project ``i`` then depends only on (seed, i, plan), so bodies could be
made in any order or in parallel and still give the same corpus.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.importers.ids import project_id
from generator.labels import vocabulary
from generator.schema import Funds, Goals, Indicator, Project, Target
from generator.synth_vocab import Bureau, Vocab, load_vocab
from generator.values import parse_value

CENT = Decimal("0.01")
MIN_INDICATORS, MAX_INDICATORS = 5, 40
COST_FROM_YEAR = 2022  # 财预〔2021〕101号: 成本指标 expected from 2022 on


@dataclass(frozen=True)
class Plan:
    """What the sequential pass fixes for one project."""

    index: int
    year: int
    district: str
    bureau: Bureau
    department: str
    name: str
    topic: str
    id: str


def plan_corpus(n: int, years: int, seed: int, vocab: Vocab, last_year: int) -> list[Plan]:
    """Year, department, name and unique id of every project (sequential: ids and names must not clash)."""
    rng = random.Random(f"synth-plan:{seed}")
    raw = vocab.raw
    year_list = list(range(last_year - years + 1, last_year + 1))
    weights = [1.0 + 0.15 * k for k in range(years)]  # later years publish a little more
    suffixed = {}
    taken_ids: set[str] = set()
    slugs: dict[str, str] = {}
    serial: dict[str, int] = {}
    taken_names: set[tuple[int, str, str]] = set()
    plans = []
    for i in range(n):
        year = rng.choices(year_list, weights)[0]
        district = rng.choice(raw["districts"])
        bureau = rng.choice(vocab.bureaus)
        key = (district, bureau.name)
        if key not in suffixed:
            suffixed[key] = rng.random() < 0.3
        department = district + bureau.name + (raw["department_suffix"] if suffixed[key] else "")
        topic = rng.choice(bureau.topics)
        suffix = rng.choice(raw["name_suffixes"])
        words = [suffix[k:k + 2] for k in range(0, len(suffix), 2)]
        name = topic + ("" if any(w in topic for w in words) else suffix)  # no 党建经费经费
        while (year, department, name) in taken_names:
            name = name + rng.choice(raw["name_variants"])
        taken_names.add((year, department, name))
        if name not in slugs:  # pinyin is slow; names repeat a lot
            slugs[name] = project_id(year, name, set())[len(str(year)) + 1:]
        base = f"{year}-{slugs[name]}"
        pid, count = base, serial.get(base, 1)
        while pid in taken_ids:
            count += 1
            pid = f"{base}-{count}"
        serial[base] = count
        taken_ids.add(pid)
        plans.append(Plan(i, year, district, bureau, department, name, topic, pid))
    return plans


def _money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def _amount(rng: random.Random) -> Decimal:
    """A plausible annual amount in 万元 (median ~60, from ~2 to a few thousand)."""
    value = min(max(math.exp(rng.gauss(math.log(60), 1.3)), 2.0), 8000.0)
    step = rng.choice((1.0, 1.0, 0.5, 0.01))
    return _money(round(value / step) * step)


def _funds(rng: random.Random, multi_year: int) -> Funds:
    """Funds whose sums hold: 总额 = 财政 + 其他, 年度 = 拨款 + 结转 + 其他, 年度 ≤ 总额. Zero stays empty."""
    annual = _amount(rng)
    carry = _money(float(annual) * rng.uniform(0.1, 0.4)) if rng.random() < 0.12 else Decimal(0)
    a_other = _money(float(annual) * rng.uniform(0.05, 0.3)) if rng.random() < 0.08 else Decimal(0)
    a_fiscal = annual - carry - a_other
    total = annual if multi_year == 1 else _money(float(annual) * rng.uniform(multi_year * 0.8, multi_year * 1.1))
    other = a_other if multi_year == 1 else (_money(float(total) * rng.uniform(0.05, 0.3)) if a_other else Decimal(0))
    nz = lambda d: d if d else None  # noqa: E731 - empty published cell
    return Funds(total=total, fiscal=total - other, other=nz(other), annual_total=annual,
                 annual_fiscal=a_fiscal, annual_carryover=nz(carry), annual_other=nz(a_other))


def _number(text: str) -> str:
    return f"{Decimal(text).quantize(CENT)}"


@lru_cache(maxsize=65536)
def _target(text: str) -> Target:
    return parse_value(text)


def _value(rng: random.Random, kind: dict[str, Any], cost: Decimal) -> str:
    if "texts" in kind:
        return rng.choice(kind["texts"])
    unit = rng.choice(kind["units"])
    if kind.get("cost"):
        return f"≤{cost}({unit})"
    number = rng.choice(kind["values"]) if "values" in kind else rng.randint(kind["min"], kind["max"])
    return f"{rng.choice(kind['ops'])}{_number(str(number))}({unit})"


def _split(rng: random.Random, n: int, parts: list[tuple[str, float, int]]) -> dict[str, int]:
    """Share ``n`` rows among 二级 names by weight, each getting at least its minimum."""
    counts = {name: low for name, _, low in parts}
    rest = n - sum(counts.values())
    names = [p[0] for p in parts]
    weights = [p[1] for p in parts]
    for name in rng.choices(names, weights, k=max(rest, 0)):
        counts[name] += 1
    return counts


@lru_cache(maxsize=1024)
def _candidates(vocab: Vocab, bureau: Bureau, level2: str) -> list[tuple[str, str]]:
    """(name, value kind or seed value text) a bureau can use under one 二级, in a fixed order."""
    raw = vocab.raw
    rows = sorted({(t.format(activity=a, subject=s), k) for t, k in raw["indicators"].get(level2, ())
                   for a in bureau.activities for s in bureau.subjects})
    if bureau.name == raw["seed_bureau"]:
        rows += [row for row in vocab.seed_indicators.get(level2, ()) if row not in rows]
    return rows


def _indicators(rng: random.Random, plan: Plan, vocab: Vocab, funds: Funds) -> list[Indicator]:
    raw = vocab.raw
    parents = vocabulary().level2
    n = int(min(max(math.exp(rng.gauss(math.log(13), 0.45)), MIN_INDICATORS), MAX_INDICATORS))
    with_cost = plan.year >= COST_FROM_YEAR or rng.random() < 0.3
    parts = []
    for level2, (weight, low, chance) in raw["shares"].items():
        if (with_cost if level2 == raw["cost_level2"] else rng.random() < chance):
            parts.append((level2, weight, low))
    counts = _split(rng, n, parts)
    cost = funds.annual_total or Decimal(1)
    rows: list[Indicator] = []
    used: set[str] = set()
    for level2 in raw["indicators"]:
        want = counts.get(level2, 0)
        if not want:
            continue
        candidates = _candidates(vocab, plan.bureau, level2)
        for name, kind in rng.sample(candidates, min(len(candidates), want + 3)):
            if want == 0:
                break
            if name in used:
                continue
            used.add(name)
            want -= 1
            text = _seed_value(rng, kind) if kind not in raw["values"] else _value(rng, raw["values"][kind], cost)
            rows.append(Indicator(level1=parents[level2][0], level2=level2, name=name, target=_target(text)))
    return rows


def _seed_value(rng: random.Random, text: str) -> str:
    """A seed row's numeric value with its number redrawn near the original (same operator, unit, form)."""
    target = _target(text)
    assert target.number is not None
    number = target.number
    if target.unit == "%" or number == 0:
        return text
    new = max(Decimal(1), (number * Decimal(str(rng.uniform(0.5, 2.0)))).quantize(Decimal(1)))
    return text.replace(f"{number.quantize(CENT)}", f"{new.quantize(CENT)}", 1)


def _goals(rng: random.Random, plan: Plan, vocab: Vocab, years: int, ind: list[Indicator]) -> Goals:
    raw = vocab.raw["goals"]
    bureau = plan.bureau
    aim, aim2 = rng.sample(bureau.aims, 2)
    units = vocab.raw["goal_count_units"]
    counted = next((i for i in ind if i.target and i.target.unit in units), None)
    fill = dict(topic=plan.topic, aim=aim, aim2=aim2, activity=rng.choice(bureau.activities),
                subject=rng.choice(bureau.subjects), year=plan.year, pct=rng.choice((85, 90, 95)),
                n=int(counted.target.number) if counted and counted.target else rng.randint(2, 50),
                unit=counted.target.unit if counted and counted.target else units[0], m=rng.randint(2, 500) * 10)
    if vocab.seed_goals and plan.topic in vocab.seed_names and rng.random() < 0.5:
        total, annual = rng.choice(vocab.seed_goals)
    else:
        total = rng.choice(raw["total"]).format(**fill)
        annual = rng.choice(raw["annual"]).format(**fill)
    extras = rng.sample(raw["extra"], rng.choice((0, 0, 1, 1, 2, 3)))
    annual += "".join(e.format(**fill) for e in extras)
    first = plan.year if years == 1 else plan.year - rng.randint(0, years - 1)
    return Goals(total=total, total_period=vocab.raw["period"].format(first=first, last=first + years - 1), annual=annual)


def make_project(plan: Plan, seed: int, vocab: Vocab) -> Project:
    """The body of one planned project (depends only on seed, plan and vocabulary)."""
    rng = random.Random(f"synth-project:{seed}:{plan.index}")
    cats = vocab.raw["categories"]  # 项目类别 → weight
    category = rng.choices(list(cats), list(cats.values()))[0]
    years = rng.choice((2, 3, 3, 5)) if category == vocab.raw["multi_year_category"] and rng.random() < 0.4 else 1
    funds = _funds(rng, years)
    indicators = _indicators(rng, plan, vocab, funds)
    start_month = 1 if rng.random() < 0.8 else rng.randint(2, 9)
    implementer = (vocab.raw["region_prefix"] + plan.department.split("(")[0] if rng.random() < 0.5
                   else plan.district + rng.choice(plan.bureau.units))
    return Project(
        id=plan.id, year=plan.year, name=plan.name, category=category,
        department=plan.department, implementer=implementer,
        start_date=date(plan.year, start_month, 1), end_date=date(plan.year, 12, 31),
        funds=funds, goals=_goals(rng, plan, vocab, years, indicators), indicators=indicators,
        region=vocab.raw["region_prefix"] + plan.district,
    )


def synthesize(n: int, years: int, seed: int, content: Path | None = None, last_year: int = 2023) -> list[Project]:
    """``n`` projects over ``years`` table years ending with ``last_year``."""
    vocab = load_vocab(content.resolve() if content else None)
    return [make_project(plan, seed, vocab) for plan in plan_corpus(n, years, seed, vocab, last_year)]


__all__ = ["synthesize", "plan_corpus", "make_project", "load_vocab", "Plan"]
