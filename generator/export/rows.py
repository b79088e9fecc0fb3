"""The open-data tables as columns and rows: one definition feeds CSV, XLSX and the Table Schema.

Why one place: a column added here appears in every format and in datapackage.json at once,
so the files never disagree with their schema. Values are strings (CSV cells), "" when empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Callable, Literal, get_args

import yaml

from generator.schema import Category, Direction, Indicator, Operator, Project, TableType, Target
from generator.yamlio import exact_context, format_number

FieldType = Literal["string", "integer", "number", "date"]


@dataclass(frozen=True)
class Column:
    """One column: its name, Table Schema type, value getter and optional enum constraint."""

    name: str
    type: FieldType
    get: Callable[[Any], object]
    enum: tuple[str, ...] = ()


def money(value: Decimal | None) -> str:
    """An amount in 万元 as text: two decimals as published (2863 → ``2863.00``), more if it has them."""
    if value is None:
        return ""
    two = value.quantize(Decimal("0.01"), context=exact_context(value))
    return f"{two:f}" if two == value else f"{format_number(value):f}"


def number(value: Decimal | None) -> str:
    """A plain number without trailing zeros (``350.00`` → ``350``); never exponent notation."""
    return "" if value is None else f"{format_number(value):f}"


def cell(value: object) -> str:
    """Any other value as CSV text; None → ""."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)


def _quantified(project: Project) -> int:
    return sum(1 for ind in project.indicators if ind.target is not None and not ind.target.qualitative)


def _fund(key: str) -> Column:
    return Column(f"funds_{key}", "number", lambda p: money(getattr(p.funds, key)))


PROJECT_COLUMNS: tuple[Column, ...] = (
    Column("id", "string", lambda p: p.id),
    Column("year", "integer", lambda p: str(p.year)),
    Column("name", "string", lambda p: p.name),
    Column("category", "string", lambda p: cell(p.category), get_args(Category)),
    Column("department", "string", lambda p: p.department),
    Column("implementer", "string", lambda p: p.implementer),
    Column("start_date", "date", lambda p: cell(p.start_date)),
    Column("end_date", "date", lambda p: cell(p.end_date)),
    Column("table_type", "string", lambda p: p.table_type, get_args(TableType)),
    Column("region", "string", lambda p: cell(p.region)),
    *(_fund(k) for k in ("total", "fiscal", "other", "annual_total", "annual_fiscal", "annual_carryover", "annual_other")),
    Column("funds_source_unit", "string", lambda p: p.funds.source_unit),
    Column("goal_total", "string", lambda p: cell(p.goals.total)),
    Column("goal_total_period", "string", lambda p: cell(p.goals.total_period)),
    Column("goal_annual", "string", lambda p: cell(p.goals.annual)),
    Column("indicator_count", "integer", lambda p: str(len(p.indicators))),
    Column("quantified_count", "integer", lambda p: str(_quantified(p))),
    Column("source_file", "string", lambda p: cell(p.source and p.source.file)),
    Column("source_table", "integer", lambda p: cell(p.source and p.source.table)),
    Column("source_sha256", "string", lambda p: cell(p.source and p.source.sha256)),
)


def _target_columns(prefix: str, attr: str) -> tuple[Column, ...]:
    def part(name: str, fmt: Callable[[Any], str]) -> Callable[[Any], str]:
        def get(row: tuple[Project, int, Indicator]) -> str:
            target: Target | None = getattr(row[2], attr)
            return "" if target is None else fmt(getattr(target, name))

        return get

    return (
        Column(f"{prefix}text", "string", part("text", cell)),
        Column(f"{prefix}operator", "string", part("operator", cell), get_args(Operator)),
        Column(f"{prefix}number", "number", part("number", number)),
        Column(f"{prefix}unit", "string", part("unit", cell)),
    )


INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("project_id", "string", lambda r: r[0].id),
    Column("position", "integer", lambda r: str(r[1])),
    Column("level1", "string", lambda r: r[2].level1),
    Column("level2", "string", lambda r: r[2].level2),
    Column("name", "string", lambda r: r[2].name),
    *_target_columns("", "target"),
    *_target_columns("long_term_", "long_term_target"),
    Column("weight", "number", lambda r: number(r[2].weight)),
    Column("direction", "string", lambda r: cell(r[2].direction), get_args(Direction)),
    Column("explanation", "string", lambda r: cell(r[2].explanation)),
    Column("standard", "string", lambda r: cell(r[2].standard)),
)


def project_row(project: Project) -> list[str]:
    """The projects.csv row of one project."""
    return [col.get(project) for col in PROJECT_COLUMNS]  # type: ignore[misc]


def indicator_rows(project: Project) -> list[list[str]]:
    """The indicators.csv rows of one project, in published order (position from 1)."""
    return [
        [col.get((project, pos, ind)) for col in INDICATOR_COLUMNS]  # type: ignore[misc]
        for pos, ind in enumerate(project.indicators, start=1)
    ]


@cache
def titles() -> dict[str, dict[str, dict[str, str]]]:
    """Human titles/descriptions per table and column, from data/opendata.yaml."""
    text = resources.files("generator.data").joinpath("opendata.yaml").read_text("utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def table_schema(table: Literal["projects", "indicators"]) -> dict[str, Any]:
    """The Frictionless Table Schema of one table (fields, keys, missing values)."""
    columns = PROJECT_COLUMNS if table == "projects" else INDICATOR_COLUMNS
    fields = []
    for col in columns:
        field: dict[str, Any] = {"name": col.name, "type": col.type, **titles()[table].get(col.name, {})}
        if col.enum:
            field["constraints"] = {"enum": list(col.enum)}
        if col.name in ("id", "project_id", "year", "name", "department", "implementer", "position", "level1", "level2"):
            field.setdefault("constraints", {})["required"] = True
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if table == "projects":
        schema["primaryKey"] = ["id"]
    else:
        schema["primaryKey"] = ["project_id", "position"]
        schema["foreignKeys"] = [{"fields": ["project_id"], "reference": {"resource": "projects", "fields": ["id"]}}]
    return schema
