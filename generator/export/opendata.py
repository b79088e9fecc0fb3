"""Open data next to the site: CSV, JSON, XLSX and a Frictionless Data Package, plus per-project files.

Layout written under ``out_dir``::

    data/projects.csv, data/indicators.csv   UTF-8 with BOM (Excel opens Chinese correctly)
    data/projects.json                       {"projects": [canonical data, one project a line]}
    data/projects.xlsx                       sheets projects, indicators, fields
    data/datapackage.json                    Data Package with a Table Schema per CSV
    projects/<id>.yaml                       the project's YAML file as in content/ (else canonical YAML)

A project's rows of indicators.csv (``project_csv``) are not a file of the site: the project
page makes them in the browser (``generator/assets/js/downloads.js``), and this function is
the reference the tests compare its bytes with.

JSON numbers: amounts and target numbers are JSON numbers with trailing zeros dropped
(``2863.00`` → ``2863``). Every value in the data has far fewer than 15 significant digits,
so a JSON parser's double holds it exactly; the CSV keeps the published two decimals.
All bytes depend only on the projects and the given dates, never on the clock.
"""

from __future__ import annotations

import csv
import io
import json
from bisect import bisect_right
from datetime import date
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Mapping, Sequence

from generator.export.parts import bounds_of, encode_parts
from generator.export.rows import INDICATOR_COLUMNS, PROJECT_COLUMNS, indicator_rows, project_row, table_schema
from generator.export.workbook import INDICATORS_SHEET, PROJECTS_SHEET, Pieces, workbook_bytes
from generator.schema import Project
from generator.transform import project_path
from generator.yamlio import dump_project, project_to_data

DATA_DIR = "data"
CSV_ENCODING = "utf-8-sig"
PROJECTS_CSV, INDICATORS_CSV = f"{DATA_DIR}/projects.csv", f"{DATA_DIR}/indicators.csv"
PROJECTS_JSON, PROJECTS_XLSX = f"{DATA_DIR}/projects.json", f"{DATA_DIR}/projects.xlsx"


def project_downloads(project_id: str) -> dict[str, PurePosixPath]:
    """Paths (relative to the build docs dir) of one project's download files: its yaml."""
    return {"yaml": PurePosixPath(f"{project_path(project_id)}.yaml")}  # beside the page file


def csv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """RFC 4180 CSV (CRLF line ends, minimal quoting) as text; the writer adds the BOM."""
    return csv_parts(header, [rows])[0]


def csv_parts(header: Sequence[str] | None, groups: Iterable[Sequence[Sequence[str]]]) -> tuple[str, list[int]]:
    """CSV text of ``header`` then each group of rows, and where each group ends (the first
    bound is the header's end). A CSV row never depends on the rows around it, so a group's
    text can be replaced later without writing the others again (``generator.quick``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    bounds = [buffer.tell()]  # io.StringIO counts characters
    for rows in groups:
        writer.writerows(rows)
        bounds.append(buffer.tell())
    return buffer.getvalue(), bounds


def _json_value(value: Any) -> Any:
    """project_to_data leaves → JSON values (Decimal → number, date → ISO text), for ``json.dumps(default=)``.

    Why a ``default`` hook and not a converted copy: the C encoder walks the dicts and lists
    itself and calls this only for the few leaves it cannot write (a Python walk cost ~1 s at 10k)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_value)


JSON_HEAD, JSON_SEP, JSON_TAIL = '{"projects":[\n', ",\n", "\n]}\n"


def json_line(project: Project) -> str:
    """One project's line of data/projects.json."""
    return _ENCODER.encode(project_to_data(project))


def datapackage(when: date) -> dict[str, Any]:
    """The Data Package descriptor for the two CSV files (paths relative to data/)."""
    resources = []
    for name, title in (("projects", "项目"), ("indicators", "绩效指标")):
        resources.append(
            {
                "name": name,
                "title": title,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": CSV_ENCODING,
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": table_schema(name),  # type: ignore[arg-type]
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "performance-targets",
        "title": "财政项目支出绩效目标表",
        "description": "Project performance-target tables: one row per project and one per indicator. Amounts in 万元.",
        "created": f"{when.isoformat()}T00:00:00Z",
        "resources": resources,
    }


def data_date(projects: Sequence[Project], updated: Mapping[str, date] | None = None) -> date:
    """The date stamped into files: the latest 'last updated' date, else 1 January of the latest year."""
    if updated:
        return max(updated.values())
    return date(max((p.year for p in projects), default=1980), 1, 1)


PIECE = 256
"""Projects per deflate piece of the workbook's two data sheets (``workbook.Pieces``): a rebuild
that changes one project inflates and deflates ~1/40 of a 10,000-project sheet again (~15 ms
instead of ~0.6 s for the 20 MB indicators sheet).
Each piece starts without the previous one's history: at 10,000 projects 64 made the workbook
0.25 MB bigger, 256 makes it ~0.06 MB bigger."""


def workbook_pieces(count: int, first: Sequence[int]) -> dict[str, Pieces]:
    """Where the workbook's data sheets are cut into deflate pieces, for ``count`` projects whose
    indicator rows begin at ``first``: before every ``PIECE``-th project."""
    return {PROJECTS_SHEET: Pieces(list(range(0, count, PIECE)) or [0]), INDICATORS_SHEET: Pieces(list(first[0:count:PIECE]) or [0])}


def piece_of(position: int) -> int:
    """The deflate piece (``workbook_pieces``) that holds the rows of the project at ``position``."""
    return position // PIECE


def file_order(project: Project | Any) -> tuple[int, str, str]:
    """Where a project stands in the open-data files: by year, department, id (a project or its
    ``shapes.ProjectShape`` alike)."""
    return (project.year, project.department, project.id)


def ordered(projects: Sequence[Project]) -> list[Project]:
    """Projects in file order (``file_order``)."""
    return sorted(projects, key=file_order)


def open_data_files(
    projects: Sequence[Project], updated: Mapping[str, date] | None = None, sources: Mapping[str, str] | None = None,
    layout: dict[str, Any] | None = None,
) -> dict[str, bytes]:
    """Every open-data file by path relative to the docs dir (see the module docstring).

    ``layout``, when given, receives the file order of the projects (``order``), the date
    stamped into the files (``when``), per text file the byte offsets where each project's
    part begins and ends (``bounds``; per worksheet of the workbook, character offsets), each
    project's first indicator row (``first_indicator``) and, for each shared text of the workbook's indicators sheet, the
    position of the project that first uses it (``owner``): what ``generator.quick`` needs to
    replace one project's rows without the others.

    ``sources`` (project id → YAML file text) is published as is: the reader gets the very
    file the site was built from, and 10,000 projects need no re-serialising.
    """
    items = ordered(projects)
    when = data_date(items, updated)
    p_rows = [project_row(p) for p in items]
    per_project = [indicator_rows(p) for p in items]
    i_rows = [row for rows in per_project for row in rows]
    p_text, p_bounds = csv_parts([c.name for c in PROJECT_COLUMNS], ([row] for row in p_rows))
    i_text, i_bounds = csv_parts([c.name for c in INDICATOR_COLUMNS], per_project)
    lines = [json_line(p) for p in items]
    first = bounds_of(0, map(len, per_project))  # each project's first row in indicators.csv and the workbook
    x_bounds: dict[str, list[int]] = {}
    pieces = workbook_pieces(len(items), first)
    firsts: dict[str, int] | None = None
    bom = "".encode(CSV_ENCODING)
    p_bytes, p_bytes_bounds = encode_parts(p_text, p_bounds, bom)
    i_bytes, i_bytes_bounds = encode_parts(i_text, i_bounds, bom)
    j_bytes, j_bounds = encode_parts(JSON_HEAD + JSON_SEP.join(lines) + JSON_TAIL,
                                     bounds_of(len(JSON_HEAD), (len(line) + (len(JSON_SEP) if number else 0) for number, line in enumerate(lines))))
    if layout is not None:  # where each project's part of the files is, for generator.quick
        firsts = {}
        layout.update(order=[p.id for p in items], when=when, first_indicator=first, bounds={
            PROJECTS_CSV: p_bytes_bounds, INDICATORS_CSV: i_bytes_bounds, PROJECTS_JSON: j_bounds, PROJECTS_XLSX: x_bounds})
    files = {
        PROJECTS_CSV: p_bytes,
        INDICATORS_CSV: i_bytes,
        PROJECTS_JSON: j_bytes,
        PROJECTS_XLSX: workbook_bytes(p_rows, i_rows, when, x_bounds, firsts, pieces),
        f"{DATA_DIR}/datapackage.json": (json.dumps(datapackage(when), ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }
    if layout is not None and firsts is not None:
        layout["owner"] = {text: bisect_right(first, row) - 1 for text, row in firsts.items()}
        layout["pieces"] = pieces
    for project in items:
        text = sources.get(project.id) if sources else None
        files[str(project_downloads(project.id)["yaml"])] = (text if text is not None else dump_project(project)).encode("utf-8")
    return files


def project_csv(project: Project) -> bytes:
    """One project's rows of data/indicators.csv as a CSV file (same header, BOM, CRLF)."""
    return csv_text([c.name for c in INDICATOR_COLUMNS], indicator_rows(project)).encode(CSV_ENCODING)


def write_open_data(
    projects: Sequence[Project], out_dir: Path, updated: Mapping[str, date] | None = None, sources: Mapping[str, str] | None = None
) -> None:
    """Write ``open_data_files`` under ``out_dir``."""
    for rel, content in open_data_files(projects, updated, sources).items():
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
