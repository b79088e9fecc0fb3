"""Read and write project YAML with PyYAML only, so a dump always loads back the same.

Why PyYAML for both sides: its C loader is fast enough for 10,000+ files, and a
writer using the same resolver cannot emit a scalar the reader takes for another
type (``'='``, ``on``, ``7:30`` are quoted). Positions for error messages come from
the composed node tree, built only when a file has problems.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Context, Decimal
from typing import Any

import yaml

from generator.schema import Project

try:  # the C extension is ~10x faster; fall back silently where it is missing
    _BaseLoader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text, so the schema validates them with a location.

    Why: PyYAML's timestamp constructor raises a bare ValueError for ``2023-13-01``.
    """


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class _FlowMap(dict):
    """A mapping written on one line: used for target values."""


class _LiteralStr(str):
    """A multi-line string written as a ``|`` block."""


class _ProjectDumper(_Dumper):  # type: ignore[misc, valid-type]
    pass


def _repr_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float" if "." in str(value) else "tag:yaml.org,2002:int", str(value))


def _repr_flow(dumper: yaml.SafeDumper, value: _FlowMap) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


def _repr_literal(dumper: yaml.SafeDumper, value: _LiteralStr) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


_ProjectDumper.add_representer(Decimal, _repr_decimal)
_ProjectDumper.add_representer(_FlowMap, _repr_flow)
_ProjectDumper.add_representer(_LiteralStr, _repr_literal)


def exact_context(value: Decimal) -> Context:
    """A context precise enough for ``value`` (the default 28 digits would round long numbers)."""
    sign, digits, exponent = value.as_tuple()
    return Context(prec=max(28, len(digits) + (abs(exponent) if isinstance(exponent, int) else 0) + 2))


def format_number(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (100.00 → 100)."""
    text = f"{value.normalize(exact_context(value)):f}"
    return Decimal(text)


def _money(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    cents = value.quantize(Decimal("0.01"), context=exact_context(value))
    return cents if value == cents else value


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    return _LiteralStr(value) if "\n" in value else value


def _target(target: Any) -> _FlowMap | None:
    if target is None:
        return None
    out = _FlowMap(text=target.text)
    if target.operator is not None:
        out["operator"] = target.operator
    if target.number is not None:
        out["number"] = format_number(target.number)
    if target.unit is not None:
        out["unit"] = target.unit
    return out


def project_to_data(project: Project) -> dict[str, Any]:
    """The ordered plain-data form written to YAML: defaults left out, empty funds kept as null."""
    data: dict[str, Any] = {
        "id": project.id,
        "year": project.year,
        "name": project.name,
        "category": project.category,
        **({"project_class": project.project_class} if project.project_class else {}),
        **({"attribute": project.attribute} if project.attribute else {}),
        "department": project.department,
        "implementer": project.implementer,
        "start_date": project.start_date,
        "end_date": project.end_date,
    }
    if project.table_type != "申报表":
        data["table_type"] = project.table_type
    if project.region:
        data["region"] = project.region
    funds = project.funds
    data["funds"] = {
        key: _money(getattr(funds, key))
        for key in ("total", "fiscal", "other", "annual_total", "annual_fiscal", "annual_carryover", "annual_other")
    }
    if funds.source_unit != "万元":
        data["funds"]["source_unit"] = funds.source_unit
    data["goals"] = {
        "total": _text(project.goals.total),
        "total_period": project.goals.total_period,
        "annual": _text(project.goals.annual),
    }
    rows = []
    for ind in project.indicators:
        row: dict[str, Any] = {"level1": ind.level1, "level2": ind.level2, "name": ind.name, "target": _target(ind.target)}
        if ind.long_term_target is not None:
            row["long_term_target"] = _target(ind.long_term_target)
        for key in ("weight", "direction", "explanation", "standard"):
            value = getattr(ind, key)
            if value is not None:
                row[key] = format_number(value) if isinstance(value, Decimal) else value
        if ind.published:
            row["published"] = dict(sorted(ind.published.items()))
        if ind.ignore:
            row["ignore"] = dict(ind.ignore)
        rows.append(row)
    data["indicators"] = rows
    if project.source is not None:
        data["source"] = project.source.model_dump(exclude_none=True)
    return data


SCHEMA_COMMENT = "# yaml-language-server: $schema={schema}\n"


def dump_project(project: Project, schema_ref: str | None = None) -> str:
    """Serialise a project to canonical YAML text (byte-stable for the same project)."""
    body = yaml.dump(
        project_to_data(project),
        Dumper=_ProjectDumper,
        allow_unicode=True,
        sort_keys=False,
        width=4096,
        default_flow_style=False,
    )
    head = SCHEMA_COMMENT.format(schema=schema_ref) if schema_ref else ""
    return head + body


class _CheckedLoader(_Loader):  # type: ignore[misc, valid-type]
    """The safe loader, but a scalar it cannot convert is a located ``ConstructorError``.

    PyYAML's constructors raise bare ``ValueError``/``KeyError`` for ``!!timestamp x``,
    ``!!int x`` or ``!!bool x``; those must reach the user as a problem, not a traceback.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            shown = node.value if isinstance(node, yaml.ScalarNode) else node.id
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {shown!r} as {kind} ({exc})", node.start_mark
            ) from None


_PLAIN_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][-+]?[0-9]+)?")


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """YAML floats load as exact Decimals: ``0.1000000000000000055`` must not become a binary float."""
    value = loader.construct_scalar(node)
    if isinstance(value, str) and _PLAIN_FLOAT.fullmatch(value) and any(c.isdigit() for c in value):
        return Decimal(value.replace("_", ""))
    return loader.construct_yaml_float(node)  # .inf, .nan, 1:30.5 (rejected later by the schema)


_CheckedLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def load_data(text: str) -> Any:
    """Parse YAML text with the fast safe loader (raises ``yaml.YAMLError``)."""
    return yaml.load(text, Loader=_CheckedLoader)


class Locator:
    """Finds the line and column of field paths in one YAML text; composes the node tree once, on first use.

    Why: only files with problems need positions, and a file with many findings
    should not be parsed again for each one.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: yaml.Node | None = None
        self._composed = False

    def _tree(self) -> yaml.Node | None:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self._text, Loader=_Loader)
            except yaml.YAMLError:
                self._root = None
        return self._root

    def __call__(self, path: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of ``path`` (keys and indexes), or of its nearest existing parent.

        ``at_key`` points at the last key itself rather than its value (for unknown keys).
        """
        node = best = self._tree()
        for number, step in enumerate(path):
            nxt = None
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == str(step)), None)
                if pair is not None:
                    nxt = pair[0] if at_key and number == len(path) - 1 else pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                nxt = node.value[step]
            if nxt is None:
                break
            node = best = nxt
        if best is None:
            return (1, 1)
        return (best.start_mark.line + 1, best.start_mark.column + 1)


def locate(text: str, path: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of one field path in ``text`` (see ``Locator``)."""
    return Locator(text)(path, at_key)


__all__ = ["Locator", "dump_project", "load_data", "locate", "project_to_data", "format_number", "date"]
