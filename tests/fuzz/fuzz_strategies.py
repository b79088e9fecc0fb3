"""Hypothesis strategies for fuzzing: mutated seed tables, encodings, full-width forms, garbage.

The seed (sources/000_…txt) is the realistic starting point; mutations drop, duplicate,
reorder and truncate cells and lines, swap in full-width forms and very long fields,
then the text is written with a random line ending and encoding.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sources" / "000_244ed187aee95b3a.txt"
CONTENT = ROOT / "content"

# ASCII → full-width forms as they appear in files typed with a Chinese IME.
FULLWIDTH = {
    **{chr(ord("0") + i): chr(0xFF10 + i) for i in range(10)},
    "=": "＝", ">": "＞", "<": "＜", "%": "％", ",": "，", ".": "．", "(": "（", ")": "）",
    " ": "\u3000", "-": "－", "+": "＋", "/": "／",
}
ODD_OPERATORS = ["≥", "≤", "≧", "≦", "＞", "＜", "＝", ">=", "<=", "=>", "±", "+-", "+/-", "==", "％", "，", "‰"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk"]
NEWLINES = ["\n", "\r\n", "\r"]


@lru_cache(maxsize=1)
def seed_text() -> str:
    return SEED.read_text("utf-8")


@lru_cache(maxsize=1)
def seed_tables() -> tuple[str, ...]:
    """The seed split into its tables (each starts at a title line)."""
    parts = seed_text().split("财政项目支出绩效目标表")
    return tuple("财政项目支出绩效目标表" + p for p in parts[1:])


@lru_cache(maxsize=1)
def content_yaml() -> tuple[str, ...]:
    return tuple(p.read_text("utf-8") for p in sorted(CONTENT.rglob("*.yaml")))


def to_fullwidth(text: str, mask: list[bool] | None = None) -> str:
    """Replace ASCII digits, operators and spaces by full-width forms (where ``mask`` allows)."""
    out = []
    for i, ch in enumerate(text):
        use = mask[i % len(mask)] if mask else True
        out.append(FULLWIDTH.get(ch, ch) if use else ch)
    return "".join(out)


# Short random text biased towards what breaks parsers: digits, operators, brackets, tabs, CJK, controls.
odd_chars = st.sampled_from(
    list("0123456789.,%()（）=<>≥≤＝＞％，　 \t-+/年月日人次万元指标产出效益满意度☑□<>&;\"'\\")
    + ["<p>", "</p>", "<br/>", '<input checked="" type="checkbox"/>', "&amp;", "&#0;", "\x00", "\ufeff", "\u200b", "\x85", "\u2028"]
)
odd_text = st.one_of(st.lists(odd_chars, max_size=12).map("".join), st.text(max_size=30))
long_field = st.builds(lambda s, n: s * n, st.sampled_from(["根据", "目标。", "x", "=100", "\t", "<p>长</p>"]), st.integers(1000, 20000))


@st.composite
def mutated_lines(draw: st.DrawFn, text: str) -> list[str]:
    """Lines of ``text`` with cell- and line-level mutations applied."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        cells = lines[i].split("\t")
        j = draw(st.integers(0, len(cells) - 1))
        op = draw(st.sampled_from(
            ["drop_cell", "dup_cell", "swap_cells", "truncate_cell", "replace_cell", "fullwidth", "long",
             "drop_line", "dup_line", "swap_lines", "truncate_line", "insert_line", "empty_cell"]
        ))
        if op == "drop_cell":
            del cells[j]
        elif op == "dup_cell":
            cells.insert(j, cells[j])
        elif op == "swap_cells":
            k = draw(st.integers(0, len(cells) - 1))
            cells[j], cells[k] = cells[k], cells[j]
        elif op == "truncate_cell":
            cells[j] = cells[j][: draw(st.integers(0, max(0, len(cells[j]) - 1)))]
        elif op == "replace_cell":
            cells[j] = draw(st.one_of(odd_text, st.sampled_from(ODD_OPERATORS).map(lambda o: o + "85.5(%)")))
        elif op == "fullwidth":
            cells[j] = to_fullwidth(cells[j], draw(st.lists(st.booleans(), min_size=1, max_size=5)))
        elif op == "long":
            cells[j] = draw(long_field)
        elif op == "empty_cell":
            cells[j] = ""
        if op.endswith("line"):
            if op == "drop_line":
                del lines[i]
            elif op == "dup_line":
                lines.insert(i, lines[i])
            elif op == "swap_lines":
                k = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[k] = lines[k], lines[i]
            elif op == "truncate_line":
                lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
            elif op == "insert_line":
                lines.insert(i, draw(odd_text))
        else:
            lines[i] = "\t".join(cells)
    return lines


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """One to three seed tables (possibly repeated), mutated."""
    tables = seed_tables()
    picked = draw(st.lists(st.sampled_from(tables), min_size=1, max_size=3))
    return "\n".join(draw(mutated_lines("\n".join(picked))))


def encode(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``; characters the encoding lacks become ``?`` (as Windows tools do)."""
    return text.encode(encoding, errors="replace")


@st.composite
def encoded_file(draw: st.DrawFn, text_strategy: st.SearchStrategy[str]) -> bytes:
    text = draw(text_strategy)
    newline = draw(st.sampled_from(NEWLINES))
    return encode(text.replace("\n", newline), draw(st.sampled_from(ENCODINGS)))


@st.composite
def damaged_bytes(draw: st.DrawFn, data_strategy: st.SearchStrategy[bytes]) -> bytes:
    """Bytes cut short, flipped or spliced with garbage (a broken download or copy)."""
    data = bytearray(draw(data_strategy))
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["truncate", "flip", "splice"]))
        pos = draw(st.integers(0, len(data)))
        if op == "truncate":
            del data[pos:]
        elif op == "flip" and pos < len(data):
            data[pos] ^= draw(st.integers(1, 255))
        else:
            data[pos:pos] = draw(st.binary(max_size=16))
    return bytes(data)


# Everything the text importer should survive.
import_inputs = st.one_of(
    encoded_file(mutated_seed()),
    damaged_bytes(encoded_file(mutated_seed())),
    st.binary(max_size=2000),
    st.just(b""),
    st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00" * 64, b"\n" * 100, b"\r\n\t\r\n"]),
    encoded_file(st.text(max_size=500)),
)


@st.composite
def mutated_yaml(draw: st.DrawFn) -> str:
    """A real project file with lines dropped, duplicated, re-indented, or values replaced."""
    lines = draw(st.sampled_from(content_yaml())).split("\n")
    for _ in range(draw(st.integers(0, 5))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "dup", "indent", "dedent", "value", "truncate", "swap", "fullwidth", "long"]))
        line = lines[i]
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, line)
        elif op == "indent":
            lines[i] = "  " + line
        elif op == "dedent":
            lines[i] = line[2:] if line.startswith("  ") else line
        elif op == "value" and ":" in line:
            key = line.split(":", 1)[0]
            value = draw(st.one_of(
                odd_text, st.sampled_from(["null", "~", "[]", "{}", "-1", "1e999", "2023-02-30", "yes", "'", '"', "&a", "*a", "!!binary AA==", "|", ">", "- x"]),
            ))
            lines[i] = f"{key}: {value}"
        elif op == "truncate":
            lines[i] = line[: draw(st.integers(0, len(line)))]
        elif op == "swap":
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
        elif op == "fullwidth":
            lines[i] = to_fullwidth(line, [False, True])
        elif op == "long" and ":" in line:
            lines[i] = line.split(":", 1)[0] + ": " + draw(long_field).replace("\t", " ")
        if not lines:
            lines = [""]
    return "\n".join(lines)


yaml_texts = st.one_of(
    mutated_yaml(),
    st.text(max_size=300),
    st.lists(st.sampled_from(["a:", " b", "- ", "[", "]", "{", "}", ":", "\n", "  ", "&x ", "*x", "!!str ", "'", '"', "id: x", "indicators:", "#"]), max_size=40).map("".join),
)

# Values as published, with the full-width and digraph variants users type.
value_texts = st.one_of(
    st.text(max_size=40),
    st.builds(
        lambda op, sp1, num, sp2, unit, fw: (to_fullwidth(op + sp1 + num + sp2 + unit, [True]) if fw else op + sp1 + num + sp2 + unit),
        st.sampled_from(["", *ODD_OPERATORS]),
        st.sampled_from(["", " ", "\u3000"]),
        st.one_of(st.from_regex(r"[-+]?\d{1,12}(\.\d{0,6})?", fullmatch=True), st.sampled_from(["1,234.50", "1,23", "0.0", "1e5", "NaN", "Infinity", "9" * 400])),
        st.sampled_from(["", " ", "\u3000"]),
        st.sampled_from(["", "(%)", "%", "(人)", "名", "人/次", "(万元)", "(", ")", "()", "((%))", "月", "12月底前", "(人/天)", "km", "x" * 300]),
        st.booleans(),
    ),
    st.lists(odd_chars, max_size=20).map("".join),
)


# -- whole projects for the validator: real projects mutated at the model level ----------
LEVELS = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
          ("成本指标", "经济成本指标"), ("效益指标", "社会效益指标"), ("效益指标", "可持续影响指标"),
          ("效益指标", "经济效益指标"), ("效益指标", "生态效益指标"), ("满意度指标", "服务对象满意度指标")]
decimals = st.one_of(
    st.none(),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**9, max_value=10**12),
    st.sampled_from(["0", "0.00", "-1", "1E+20", "0.001", "99999999999999999999.99"]).map(lambda s: __import__("decimal").Decimal(s)),
)


@st.composite
def mutated_project_data(draw: st.DrawFn) -> dict:
    """Plain data of a real project with fields, amounts, dates and indicators changed."""
    import yaml

    data = yaml.safe_load(draw(st.sampled_from(content_yaml())))
    data = {k: v for k, v in data.items() if v is not None}
    inds = list(data.get("indicators") or [])
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["funds", "date", "year", "goal", "name", "value", "levels", "drop", "dup", "shuffle", "many", "none", "category", "weight"]))
        if op == "funds":
            key = draw(st.sampled_from(["total", "fiscal", "other", "annual_total", "annual_fiscal", "annual_carryover", "annual_other"]))
            data.setdefault("funds", {})[key] = draw(decimals)
        elif op == "date":
            key = draw(st.sampled_from(["start_date", "end_date"]))
            data[key] = draw(st.one_of(st.none(), st.dates()))
        elif op == "year":
            data["year"] = draw(st.integers(1990, 2100))
        elif op == "goal":
            key = draw(st.sampled_from(["total", "annual", "total_period"]))
            data.setdefault("goals", {})[key] = draw(st.one_of(st.none(), odd_text, long_field, st.just("")))
        elif op == "name":
            data["name"] = draw(st.one_of(odd_text, long_field).filter(bool))
        elif op == "category":
            data["category"] = draw(st.sampled_from([None, "专项资金", "经常性项目", "一次性项目"]))
        elif inds and op in ("value", "levels", "drop", "dup", "weight"):
            i = draw(st.integers(0, len(inds) - 1))
            ind = dict(inds[i])
            if op == "value":
                ind["target"] = draw(st.one_of(value_texts, st.none()))
                if draw(st.booleans()):
                    ind["long_term_target"] = draw(value_texts)
            elif op == "levels":
                ind["level1"], ind["level2"] = draw(st.sampled_from(LEVELS))
                if draw(st.booleans()):
                    ind["name"] = draw(st.one_of(odd_text, st.sampled_from([l2 for _, l2 in LEVELS])).filter(lambda s: s.strip()))
            elif op == "weight":
                ind["weight"] = draw(decimals)
                ind["direction"] = draw(st.sampled_from([None, "正向", "反向"]))
            if op == "drop":
                del inds[i]
                continue
            if op == "dup":
                inds.insert(i, ind)
            inds[i] = ind
        elif op == "shuffle":
            inds = draw(st.permutations(inds))
        elif op == "many" and inds:
            inds = (inds * (200 // len(inds) + 1))[:200]
        elif op == "none":
            inds = []
    data["indicators"] = inds
    return data


# -- random grids made of the form's own vocabulary: reach label-driven branches of read_form ----
@lru_cache(maxsize=1)
def vocabulary_cells() -> tuple[str, ...]:
    import yaml

    raw = yaml.safe_load((ROOT / "generator" / "data" / "vocabulary.yaml").read_text("utf-8"))
    cells: list[str] = []
    for key in ("header_fields", "funds_sections", "goal_headers", "level1", "level2"):
        cells.extend(raw[key])
    for key in ("section_markers", "indicator_headers", "categories", "table_titles"):
        cells.extend(raw[key])
    for value in raw["level1"].values():
        cells.extend(value)
    glyphs = raw["checked_glyphs"] + raw["unchecked_glyphs"]
    cells += [f"{c} {g}" for c in raw["categories"] for g in glyphs[:3]] + [f"{g} {c}" for c in raw["categories"] for g in glyphs[-3:]]
    cells += ["2023-01-01", "2023/13/01", "44561", "2023年1月1日", "9.00", "1,234.50", "-3", "＝１００．００（％）", "≥85%", "及时", "(2023年-2025年)"]
    return tuple(cells)


@st.composite
def vocabulary_grid(draw: st.DrawFn) -> str:
    cell = st.one_of(st.sampled_from(vocabulary_cells()), st.sampled_from(vocabulary_cells()).map(lambda c: c[: max(1, len(c) - 2)]), odd_text, st.just(""))
    rows = draw(st.lists(st.lists(cell, max_size=8), max_size=30))
    year = draw(st.sampled_from(["(2023年度)", "（２０２３年度）", "(1899年度)", "(9999年度)", ""]))
    return "财政项目支出绩效目标表\n" + year + "\n" + "\n".join("\t".join(r) for r in rows)


import_inputs = st.one_of(import_inputs, encoded_file(vocabulary_grid()))


# -- Markdown pages mixing raw HTML and Markdown: generator.rawblocks against html_block ----
MARKUP_LINES = (
    "", "", "", "<div>", "</div>", "<div class=\"jx-scroll\">", "<table>", "</table>", "<tbody>", "</tbody>",
    "<tr><td>a</td><td>b &amp; c</td></tr>", "<tr><td rowspan=\"2\">x", "y</td></tr>", "<p>text</p>",
    "<p>a</p><p>b</p>", "<p>unclosed", "</p>", "<p>a</p> tail *md*", "<h1 id=\"title\">T</h1>",
    "<nav><ol><li><a href=\"x.html\">x</a></li></ol></nav>", "<span>inline</span>", "<a href=\"y\">y</a> text",
    "<!-- comment -->", "<!-- jx-search {\"title\": \"t\"} -->", "<!-- open comment", "-->", "<br>",
    "<img src=\"a.png\">", "<svg><rect x=\"1\" /><title>t</title></svg>", "<figure><svg><g><text>z</text></g></svg></figure>",
    "<hr>", "<pre>  code</pre>", "<script>a < b</script>", "<style>p > a {}</style>", "<DIV>Upper</div>",
    "## Heading { #h }", "plain text with *emphasis*", "- a list item", "    indented code", "   <div>three</div>",
    "<div>a</span></div>", "<details><summary>s</summary>d</details>", "&lt;not a tag&gt;", "<div markdown=\"1\">*x*</div>",
)


WELL_FORMED = (
    "<h1 id=\"title\">T</h1>\n<p class=\"jx-subtitle\">s</p>\n<nav><ol><li>a</li></ol></nav>",
    "<div class=\"jx-scroll\">\n<table>\n<tbody>\n<tr><td rowspan=\"2\">a</td><td>b</td></tr>\n</tbody>\n</table>\n</div>",
    "<!-- jx-search {\"title\": \"t\"} -->", "<p class=\"jx-note\">n <a href=\"x\">x</a></p>",
    "<figure><svg><rect x=\"1\" /><g><text>z</text></g></svg></figure>", "## Heading { #h }", "Plain *text*.",
    "<Div class=\"X\"><P>a<BR>b</p></DIV>", "<TABLE>\n<tr><TD>x</td><td>y</TD></tr>\n</table>", "<div><!-- <B> --></DIV>",
)


@st.composite
def markup_page(draw: st.DrawFn) -> str:
    """A page of blank-line separated groups: generator-shaped blocks, Markdown, and lines drawn
    from raw-HTML and Markdown pieces (balanced or not), so both paths and their seams are hit."""
    line = st.one_of(st.sampled_from(MARKUP_LINES), odd_text.filter(lambda t: "\n" not in t))
    group = st.one_of(st.sampled_from(WELL_FORMED), st.lists(line, min_size=1, max_size=6).map("\n".join))
    groups = draw(st.lists(group, max_size=12))
    seps = draw(st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n", "\n  \n"]), min_size=len(groups), max_size=len(groups)))
    return "".join(g + sep for g, sep in zip(groups, seps))
