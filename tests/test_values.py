"""The value parser, driven by tests/cases/values/values.tsv (every value form in the seed, plus notation variants)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.values import normalise, parse_value, to_decimal

CASES = Path(__file__).parent / "cases" / "values" / "values.tsv"


def _cases() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in CASES.read_text("utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        text, op, number, unit = line.split("\t")
        rows.append((text, op, number, unit))
    return rows


@pytest.mark.parametrize(("text", "operator", "number", "unit"), _cases())
def test_value_cases(text: str, operator: str, number: str, unit: str) -> None:
    value = parse_value(text)
    assert value.text == text, "the published text is kept exactly"
    assert (value.operator or "") == operator
    assert ("" if value.number is None else str(value.number)) == number
    assert (value.unit or "") == unit
    assert value.qualitative == (number == "")


def test_issue_examples() -> None:
    assert parse_value("=100.00(%)").model_dump(exclude_none=True) == {"text": "=100.00(%)", "operator": "=", "number": Decimal("100.00"), "unit": "%"}
    assert parse_value("≥4500.00(名)").number == Decimal("4500")
    for qualitative in ("及时", "区一级10家，区一级示范点5家", "约100-200人/场"):
        assert parse_value(qualitative).qualitative


def test_seed_covers_every_form() -> None:
    """The case file lists every distinct value of content/ (so a new form there needs a case here)."""
    from generator.load import load_projects

    listed = {row[0] for row in _cases()}
    root = Path(__file__).resolve().parent.parent / "content"
    seen = {i.target.text for p in load_projects(root).projects for i in p.indicators if i.target}
    assert seen <= listed


def test_normalise_and_decimal() -> None:
    assert normalise("＞＝９０％") == ">=90%"
    assert to_decimal("2,863.00") == Decimal("2863.00")
    assert to_decimal("abc") is None
