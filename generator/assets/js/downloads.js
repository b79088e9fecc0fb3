/* A project page's CSV and DOCX downloads, made in the browser when the reader clicks.
 * Vendored: served from the site, no CDN, no dependency. Loaded by tables.js on the first click
 * of an <a data-dl="csv|docx"> in the page's .jx-downloads bar; works from file:// too (Blob URL).
 *
 * The bytes are what the Python exporters make (the reference the tests compare against):
 *   CSV   generator/export/opendata.py project_csv: that project's rows of data/indicators.csv
 *         (UTF-8 with BOM, CRLF, minimal quoting as Python's csv module).
 *   DOCX  generator/export/docx_form.py document_xml: the same word/document.xml, string-equal;
 *         the ZIP container holds stored (uncompressed) entries dated with the page's 最后更新 day.
 * The data is read from the page's own tables (read below); the parsed operator / number / unit
 * come from a port of generator/values.py (parse below); whatever the page cannot carry exactly
 * comes from the bar's data-fix JSON (generator/export/downloads.py explains when).
 * CONFIG (labels, column names, XML constants) is filled in by the build from the Python modules
 * (generator/export/downloads_js.py), so there is one source for each of them.
 */
(function () {
  "use strict";
  var C = /*@CONFIG@*/null;

  /* --- generator/values.py: parse_value --------------------------------------------------------- */

  /* Python's str.isspace() characters (what str.split() and strip() remove). */
  var PY_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var SPACES = new RegExp("[" + PY_SPACE + "]+", "g");
  var IS_SPACE = new RegExp("^[" + PY_SPACE + "]$");
  var DIGIT = /^\p{Nd}$/u;

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&"); }
  var OP_KEYS = Object.keys(C.values.operators).sort(function (a, b) { return b.length - a.length; });
  /* values.py _VALUE on normalised text: its \s can only meet single spaces there, its \d is \p{Nd}. */
  var NUMBER = "[-+]?(?:\\p{Nd}{1,3}(?:,\\p{Nd}{3})+|\\p{Nd}+)(?:\\.\\p{Nd}+)?";
  var VALUE = new RegExp(
    "^(" + OP_KEYS.map(escapeRe).join("|") + ")? *(" + NUMBER + ") *" +
    "(?:\\(([^()]*)\\)|([%‰A-Za-z\\u4e00-\\u9fff/]+(?:/[A-Za-z\\u4e00-\\u9fff]+)*))? *$", "u");
  var PLAIN = /^[-+]?\p{Nd}+(?:\.\p{Nd}+)?$/u;

  function normalise(text) {
    var folded = text.normalize("NFKC").replace(/\u3000/g, " ").replace(/（/g, "(").replace(/）/g, ")");
    return folded.split(SPACES).filter(Boolean).join(" ");
  }
  /* A Unicode decimal digit's value: Nd digits come in runs of ten, 0 to 9, in code point order. */
  function digit(ch) {
    var cp = ch.codePointAt(0);
    if (cp < 128) return ch;
    var start = cp;
    while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
    return String((cp - start) % 10);
  }
  /* yamlio.format_number of Decimal(text): no sign for +, no leading or trailing zeros, never 1E+2. */
  function numberText(raw) {
    var cleaned = normalise(raw).replace(/,/g, "");
    if (!PLAIN.test(cleaned)) return null;
    var sign = cleaned[0] === "-" ? "-" : "";
    var body = Array.from(cleaned.replace(/^[-+]/, ""), digit).join("");
    var parts = body.split(".");
    var whole = parts[0].replace(/^0+/, "") || "0";
    var frac = (parts[1] || "").replace(/0+$/, "");
    return sign + whole + (frac ? "." + frac : "");
  }
  /* [operator, number, unit] as the CSV writes them ("" for none). */
  function parse(text) {
    var m = VALUE.exec(normalise(text));
    if (!m) return ["", "", ""];
    var unit = m[3] !== undefined ? m[3] : m[4];
    unit = unit ? unit.replace(/^ +| +$/g, "") : "";
    var num = numberText(m[2]);
    if (num === null) return ["", "", ""];
    if (!m[1] && unit && C.values.count_units.indexOf(unit) < 0) return ["", "", ""];
    if (!m[1] && unit && C.values.time_units.some(function (t) { return unit.indexOf(t) === 0; })) return ["", "", ""];
    return [m[1] ? C.values.operators[m[1]] : "", num, unit];
  }

  /* --- the page ------------------------------------------------------------------------------- */

  /* A cell's text as the data has it: <br> is a line break, the source's label variants are not part. */
  function text(node) {
    var out = "";
    node.childNodes.forEach(function (n) {
      if (n.nodeType === 3) out += n.data;
      else if (n.nodeName === "BR") out += "\n";
      else if (n.nodeType === 1 && !n.classList.contains("jx-published")) out += text(n);
    });
    return out;
  }
  function q(selector, root) {
    var found = (root || document).querySelector(selector);
    if (!found) throw new Error("downloads: no " + selector + " on this page");
    return found;
  }

  /* The project as the exporters need it (keys: generator/export/downloads.py). */
  function read(doc) {
    doc = doc || document;
    var bar = q(".jx-downloads", doc);
    var fix = JSON.parse(bar.getAttribute("data-fix") || "{}");
    var sub = q(".jx-subtitle", doc);
    var region = sub.querySelector("span");
    var form = q("table.jx-form", doc).rows, n = form.length;
    var catCell = form[1].cells[1], cat = catCell.querySelector("a");
    var funds = q("table.jx-funds", doc).rows;
    var goals = q("table.jx-goals", doc);
    var head = text(goals.tHead.rows[0].cells[0]);
    var open = head.indexOf("（"), close = head.lastIndexOf("）");
    var time = doc.querySelector(".jx-updated time");
    var p = {
      id: q('a[href$=".yaml"]', bar).getAttribute("href").replace(/^.*\//, "").replace(/\.yaml$/, ""),
      year: parseInt(text(q("a", sub)), 10),
      table_type: C.types.filter(function (t) { return sub.firstChild.data.indexOf(t) >= 0; })[0],
      region: region ? text(region) : "",
      name: text(form[0].cells[1]),
      category: cat ? text(cat) : null,
      project_class: cat ? "" : text(catCell),
      attribute: n === 5 ? text(form[2].cells[1]) : null,
      department: text(form[n - 2].cells[1]),
      implementer: text(form[n - 2].cells[3]),
      start_date: text(form[n - 1].cells[1]),
      end_date: text(form[n - 1].cells[3]),
      unit: "万元",
      funds: [funds[0].cells[1], funds[1].cells[1], funds[3].cells[1], funds[0].cells[3], funds[1].cells[3],
        funds[2].cells[2], funds[3].cells[3]].map(function (td) { return text(td).replace(/,/g, ""); }),
      goal_period: open >= 0 && close > open ? head.slice(open + 1, close) : "",
      goal_total: text(goals.tBodies[0].rows[0].cells[0]),
      goal_annual: text(goals.tBodies[0].rows[0].cells[1]),
      updated: time ? time.getAttribute("datetime") : "",
      rows: []
    };
    var table = q("table.jx-indicators", doc);
    var columns = Array.prototype.slice.call(table.tHead.rows[0].cells, 4).map(function (th) { return th.getAttribute("data-k"); });
    p.columns = columns;
    var l1 = "", l2 = "";
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr, i) {
      var cells = tr.cells, at = cells.length - 2 - columns.length;
      if (at === 2) l1 = text(cells[0]);
      if (at >= 1) l2 = text(cells[at - 1]);
      var row = { level1: l1, level2: l2, name: text(cells[at]), text: text(cells[at + 1]), long_text: "",
        weight: "", direction: "", explanation: "", standard: "" };
      columns.forEach(function (key, j) { row[key === "long_term_target" ? "long_text" : key] = text(cells[at + 2 + j]); });
      Object.assign(row, (fix.i || {})[i]);
      var t = parse(row.text), lt = parse(row.long_text);
      row = Object.assign({ shown1: row.level1, shown2: row.level2, op: t[0], num: t[1], unit: t[2],
        long_op: lt[0], long_num: lt[1], long_unit: lt[2], weight_csv: row.weight }, row);
      p.rows.push(row);
    });
    delete fix.i;
    return Object.assign(p, fix);
  }

  /* --- CSV: generator/export/opendata.py project_csv -------------------------------------------- */

  function csvCell(value) {
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }
  function csv(p) {
    var lines = [C.csv.header];
    p.rows.forEach(function (r, i) {
      var values = {
        project_id: p.id, position: String(i + 1), level1: r.level1, level2: r.level2, name: r.name,
        text: r.text, operator: r.op, number: r.num, unit: r.unit,
        long_term_text: r.long_text, long_term_operator: r.long_op, long_term_number: r.long_num, long_term_unit: r.long_unit,
        weight: r.weight_csv, direction: r.direction, explanation: r.explanation, standard: r.standard
      };
      lines.push(C.csv.header.map(function (name) {
        if (!(name in values)) throw new Error("downloads: no value for CSV column " + name);
        return values[name];
      }));
    });
    return "\ufeff" + lines.map(function (cells) { return cells.map(csvCell).join(",") + "\r\n"; }).join("");
  }

  /* --- DOCX: generator/export/docx_form.py + docx_xml.py ----------------------------------------- */

  var X = C.docx.xml, L = C.docx.labels;
  function fill(template, values) { return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; }); }
  function escapeXml(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function run(t) {
    var space = IS_SPACE.test(t.slice(0, 1)) || IS_SPACE.test(t.slice(-1)) ? ' xml:space="preserve"' : "";
    return X.RUN + "<w:t" + space + ">" + escapeXml(t) + "</w:t></w:r>";
  }
  function paragraphs(t, centred) {
    var props = centred ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : "";
    return (t || "").split(/\r\n?|\n/).map(function (line) { return line ? "<w:p>" + props + run(line) + "</w:p>" : "<w:p/>"; }).join("");
  }
  function tc(t, cols, rows, label) {
    var props = cols > 1 ? '<w:gridSpan w:val="' + cols + '"/>' : "";
    if (rows !== 1) props += rows ? '<w:vMerge w:val="restart"/>' : "<w:vMerge/>";
    return '<w:tc><w:tcPr>' + props + '<w:vAlign w:val="center"/></w:tcPr>' + (rows ? paragraphs(t, label) : "<w:p/>") + "</w:tc>";
  }
  function Grid(rows, width) { this.rows = rows; this.width = width; this.at = {}; }
  Grid.prototype.put = function (r, c0, c1, t, r1, label) {
    var cols = c1 - c0 + 1, rows = (r1 === undefined || r1 === null ? r : r1) - r + 1;
    this.at[r + "," + c0] = [tc(t, cols, rows, !!label), cols];
    for (var rr = r + 1; rows > 1 && rr < r + rows; rr++) this.at[rr + "," + c0] = [tc("", cols, 0, false), cols];
  };
  Grid.prototype.xml = function (widths) {
    var out = ["<w:tbl><w:tblPr>" + fill(X.TABLE_PROPS, { width: widths.reduce(function (a, b) { return a + b; }, 0) }) + "</w:tblPr><w:tblGrid>"];
    widths.forEach(function (w) { out.push('<w:gridCol w:w="' + w + '"/>'); });
    out.push("</w:tblGrid>");
    var blank = [tc("", 1, 1, false), 1];
    for (var r = 0; r < this.rows; r++) {
      out.push("<w:tr>");
      for (var c = 0; c < this.width;) {
        var it = this.at[r + "," + c] || blank;
        out.push(it[0]);
        c += it[1];
      }
      out.push("</w:tr>");
    }
    out.push("</w:tbl>");
    return out.join("");
  };
  function heading(t, halfPoints, bold, newPage) {
    return '<w:p><w:pPr>' + (newPage ? "<w:pageBreakBefore/>" : "") + '<w:spacing w:after="120"/><w:jc w:val="center"/></w:pPr>' +
      "<w:r><w:rPr>" + X.FONTS + (bold ? "<w:b/>" : "") + '<w:sz w:val="' + halfPoints + '"/>' + X.LANG + "</w:rPr><w:t>" + escapeXml(t) + "</w:t></w:r></w:p>";
  }
  function ticked(options, chosen) {
    return options.map(function (c) { return c + " " + (c === chosen ? C.docx.checked : C.docx.unchecked); }).join(" ");
  }
  function categoryCell(p) {
    if (p.category === null) return p.project_class || "";
    var boxes = L.form_categories.slice();
    if (boxes.indexOf(p.category) < 0) boxes.push(p.category);
    return ticked(boxes, p.category);
  }
  function natural(p) {
    return X.BASE_WIDTHS.concat(p.columns.map(function (k) { return X.EXTRA_WIDTHS[k]; }));
  }
  function scaled(raw, width) {
    var total = raw.reduce(function (a, b) { return a + b; }, 0);
    var widths = raw.map(function (w) { return Math.floor(w * width / total); });
    widths[widths.length - 1] += width - widths.reduce(function (a, b) { return a + b; }, 0);
    return widths;
  }
  function cellOf(r, key) {
    return key === "long_term_target" ? r.long_text : r[key];
  }
  function indicators(grid, top, p) {
    var rows = p.rows, count = Math.max(rows.length, 1);
    grid.put(top, 0, 0, L.indicators, top + count, true);
    [[1, "level1"], [2, "level2"], [3, "name3"]].forEach(function (ck) { grid.put(top, ck[0], ck[0] + (ck[1] === "name3" ? 1 : 0), L[ck[1]], null, true); });
    ["target"].concat(p.columns).forEach(function (key, j) { grid.put(top, 5 + j, 5 + j, L[key], null, true); });
    var shown = rows.map(function (r) { return [r.shown1, r.shown2, r.level1, r.level2]; });
    [1, 2].forEach(function (tier) {
      var start = 0;
      for (var k = 1; k <= rows.length; k++) {
        var same = k < rows.length;
        for (var t = 0; same && t < tier; t++) same = shown[k][t] === shown[start][t] && shown[k][2 + t] === shown[start][2 + t];
        if (!same) {
          grid.put(top + 1 + start, tier, tier, shown[start][tier - 1], top + k, true);
          start = k;
        }
      }
    });
    rows.forEach(function (r, k) {
      grid.put(top + 1 + k, 3, 4, r.name);
      grid.put(top + 1 + k, 5, 5, r.text);
      p.columns.forEach(function (key, j) { grid.put(top + 1 + k, 6 + j, 6 + j, cellOf(r, key)); });
    });
  }
  function form(p, width) {
    var last = 5 + p.columns.length, head = p.attribute ? 4 : 3;
    var grid = new Grid(head + 6 + 1 + Math.max(p.rows.length, 1), 6 + p.columns.length);
    [["name", p.name, "category", categoryCell(p)], ["department", p.department, "implementer", p.implementer],
      ["start_date", p.start_date, "end_date", p.end_date]].forEach(function (row, r) {
      grid.put(r, 0, 0, L[row[0]], null, true);
      grid.put(r, 1, 2, row[1]);
      grid.put(r, 3, 3, L[row[2]], null, true);
      grid.put(r, 4, last, row[3]);
    });
    if (p.attribute) {
      grid.put(3, 0, 0, L.attribute, null, true);
      grid.put(3, 1, last, ticked(L.attributes, p.attribute));
    }
    var f = p.funds;
    grid.put(head, 0, 0, fill(L.funds, { unit: p.unit }), head + 3, true);
    var left = [["total", f[0]], ["fiscal", f[1]], [null, ""], ["other", f[2]]];
    var right = [["annual_total", f[3]], ["annual_fiscal", f[4]], ["annual_carryover", f[5]], ["annual_other", f[6]]];
    left.forEach(function (lv, i) {
      grid.put(head + i, 1, 2, lv[0] ? L[lv[0]] : "");
      grid.put(head + i, 3, 3, lv[1]);
      grid.put(head + i, 4, 4, L[right[i][0]]);
      grid.put(head + i, 5, last, right[i][1]);
    });
    grid.put(head + 4, 0, 0, L.goals, head + 5, true);
    grid.put(head + 4, 1, 3, L.goal_total + (p.goal_period ? " (" + p.goal_period + ")" : ""), null, true);
    grid.put(head + 4, 4, last, L.goal_annual, null, true);
    grid.put(head + 5, 1, 3, p.goal_total);
    grid.put(head + 5, 4, last, p.goal_annual);
    indicators(grid, head + 6, p);
    return heading((p.region || "") + L.titles[p.table_type], 32, true, false) +
      heading(fill(L.year, { year: p.year }), 22) + grid.xml(scaled(natural(p), width));
  }
  function documentXml(p) {
    var wide = natural(p).reduce(function (a, b) { return a + b; }, 0) > X.PORTRAIT * X.SQUEEZE;
    var size = wide ? [X.A4[1], X.A4[0]] : X.A4;
    var page = fill(X.SECTION, { w: size[0], h: size[1], orient: wide ? ' w:orient="landscape"' : "", m: X.MARGIN });
    return X.HEAD + '<w:document xmlns:w="' + X.W + '"><w:body>' + form(p, wide ? X.LANDSCAPE : X.PORTRAIT) + X.END + page + "</w:body></w:document>";
  }

  /* --- a stored ZIP (generator/export/stablezip.py's layout, without deflate) ------------------- */

  var CRC = [];
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    CRC[n] = c >>> 0;
  }
  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }
  function zip(files, day) {
    var d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || "");
    var y = d ? +d[1] : 1980, dosDate = y >= 1980 ? ((y - 1980) << 9) | (+d[2] << 5) | +d[3] : 33;
    var enc = new TextEncoder(), parts = [], central = [], offset = 0;
    function header(size) { var b = new DataView(new ArrayBuffer(size)); return b; }
    files.forEach(function (f) {
      var name = enc.encode(f[0]), data = enc.encode(f[1]), crc = crc32(data);
      var local = header(30);
      [[0, 0x04034b50, 4], [4, 10, 2], [6, 0, 2], [8, 0, 2], [10, 0, 2], [12, dosDate, 2], [14, crc, 4], [18, data.length, 4],
        [22, data.length, 4], [26, name.length, 2], [28, 0, 2]].forEach(function (v) { v[2] === 4 ? local.setUint32(v[0], v[1], true) : local.setUint16(v[0], v[1], true); });
      var dir = header(46);
      [[0, 0x02014b50, 4], [4, 0x030a, 2], [6, 10, 2], [8, 0, 2], [10, 0, 2], [12, 0, 2], [14, dosDate, 2], [16, crc, 4],
        [20, data.length, 4], [24, data.length, 4], [28, name.length, 2], [30, 0, 2], [32, 0, 2], [34, 0, 2], [36, 0, 2],
        [38, 0x81a40000, 4], [42, offset, 4]].forEach(function (v) { v[2] === 4 ? dir.setUint32(v[0], v[1], true) : dir.setUint16(v[0], v[1], true); });
      parts.push(local, name, data);
      central.push(dir, name);
      offset += 30 + name.length + data.length;
    });
    var size = central.reduce(function (a, b) { return a + b.byteLength; }, 0);
    var end = header(22);
    [[0, 0x06054b50, 4], [4, 0, 2], [6, 0, 2], [8, files.length, 2], [10, files.length, 2], [12, size, 4], [16, offset, 4], [20, 0, 2]]
      .forEach(function (v) { v[2] === 4 ? end.setUint32(v[0], v[1], true) : end.setUint16(v[0], v[1], true); });
    return new Blob(parts.concat(central, [end]), { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
  }
  function docx(p) {
    var files = Object.keys(X.STATIC).map(function (name) { return [name, X.STATIC[name]]; });
    files.push(["word/document.xml", documentXml(p)]);
    return zip(files, p.updated);
  }

  /* --- the click ---------------------------------------------------------------------------------- */

  function save(blob, name) {
    var url = URL.createObjectURL(blob), a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }
  function download(kind) {
    var p = read(document);
    if (kind === "csv") save(new Blob([csv(p)], { type: "text/csv;charset=utf-8" }), fill(C.csv.name, { id: p.id }));
    else save(docx(p), fill(C.docx.name, { id: p.id }));
  }
  window.jxDownloads = { parse: parse, read: read, csv: csv, documentXml: documentXml, docx: docx, download: download };
})();
