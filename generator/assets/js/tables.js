/* Filter and sort the index tables in the browser. Vendored: served from the site, no CDN.
 *
 * Contract (set by the templates; without JavaScript the table simply shows in full):
 *   <table data-table>                      a table to enhance
 *   <th data-filter="select">               a drop-down of the column's values (year, department, category)
 *   <th data-filter="range">                min / max inputs for a numeric column (funds)
 *   <th data-type="number">                 sort numerically (auto-detected when every cell is a number)
 *   <td data-value="...">                   the value to filter/sort by when it differs from the text
 *   <table data-label-search="..." ...>     UI texts: search, all, min, max, shown ("{n} / {total}"), sum
 *   <tbody> per group, with                 rows grouped under a heading (a department page's 实施单位):
 *     <tr data-group="head">                the group's heading: hidden when none of its rows is shown;
 *                                           the table search also matches its text for the rows under it
 *     <tr data-group="sum">                 the group's subtotal: hidden while a filter hides any of its rows
 *                                           (it would no longer add up what is shown)
 *   Sorting then reorders the rows within each group; the headings and subtotals stay in place.
 * The count line also sums each range column over the rows shown (what a filter adds up to).
 * Every table also gets a free-text search over its rows, and every header sorts on click.
 * Also: [data-print] buttons and <a data-dl="csv|docx"> download links (downloads.js, loaded on the
 * first click) are shown only when JavaScript runs.
 */
(function () {
  "use strict";
  var HERE = document.currentScript && document.currentScript.src; // downloads.js sits beside this file
  var LABELS = { search: "搜索表格", all: "全部", min: "最小", max: "最大", shown: "显示 {n} / {total} 行", reset: "清除",
    sum: "{name}合计 {sum}" };

  function label(table, key) {
    return table.getAttribute("data-label-" + key) || LABELS[key];
  }
  function cellValue(cell) {
    if (!cell) return "";
    var v = cell.getAttribute("data-value");
    return (v !== null ? v : cell.textContent).trim();
  }
  function toNumber(text) {
    var t = String(text).replace(/[,\s，%]/g, "");
    return t === "" || isNaN(t) ? NaN : parseFloat(t);
  }
  function isNumeric(rows, col) {
    var seen = false;
    for (var i = 0; i < rows.length; i++) {
      var v = cellValue(rows[i].cells[col]);
      if (v === "" || v === "—") continue;
      if (isNaN(toNumber(v))) return false;
      seen = true;
    }
    return seen;
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function enhance(table) {
    if (table.getAttribute("data-enhanced")) return;
    table.setAttribute("data-enhanced", "1");
    if (!table.tBodies.length || !table.tHead) return;
    var heads = table.tHead.rows[0].cells;
    var rows = [];  // the data rows, over every group
    var groups = Array.prototype.map.call(table.tBodies, function (body) {
      var group = { head: null, sum: null, rows: [], text: "" };
      Array.prototype.forEach.call(body.rows, function (r) {
        var role = r.getAttribute("data-group");
        if (role === "head") { group.head = r; group.text = " " + r.textContent.toLowerCase(); }
        else if (role === "sum") group.sum = r;
        else { group.rows.push(r); rows.push(r); r.jxGroup = group; }
      });
      return group;
    });
    var controls = [];
    var sums = [];
    var bar = el("div", { "class": "table-filters", role: "search" });
    var count = el("span", { "class": "table-count", "aria-live": "polite" });

    Array.prototype.forEach.call(heads, function (th, col) {
      var kind = th.getAttribute("data-filter");
      var name = th.textContent.trim();
      var numeric = th.getAttribute("data-type") === "number" || isNumeric(rows, col);
      th.setAttribute("data-type", numeric ? "number" : "text");
      var button = el("button", { type: "button", "class": "table-sort" }, name);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(col, numeric, th); });
      if (kind === "select") {
        var values = {};
        rows.forEach(function (r) { values[cellValue(r.cells[col])] = true; });
        var select = el("select", { "aria-label": name, "data-col": col });
        select.appendChild(el("option", { value: "" }, name + "：" + label(table, "all")));
        Object.keys(values).sort(function (a, b) { return numeric ? toNumber(a) - toNumber(b) : a.localeCompare(b, "zh-CN"); })
          .forEach(function (v) { select.appendChild(el("option", { value: v }, v)); });
        controls.push({ col: col, test: function (v) { return !select.value || v === select.value; }, input: select });
        bar.appendChild(select);
      } else if (kind === "range") {
        sums.push({ col: col, name: name });
        var loText = label(table, "min") + " " + name, hiText = label(table, "max") + " " + name; // distinguishing word first
        var lo = el("input", { type: "number", step: "any", "aria-label": loText, placeholder: loText });
        var hi = el("input", { type: "number", step: "any", "aria-label": hiText, placeholder: hiText });
        controls.push({ col: col, input: lo, test: function (v) { var n = toNumber(v); return lo.value === "" || n >= parseFloat(lo.value); } });
        controls.push({ col: col, input: hi, test: function (v) { var n = toNumber(v); return hi.value === "" || n <= parseFloat(hi.value); } });
        bar.appendChild(lo);
        bar.appendChild(hi);
      }
    });
    var search = el("input", { type: "search", "aria-label": label(table, "search"), placeholder: label(table, "search") });
    bar.appendChild(search);
    var reset = el("button", { type: "button", "class": "table-reset" }, label(table, "reset"));
    bar.appendChild(reset);
    bar.appendChild(count);
    var anchor = table.closest(".jx-scroll, .md-typeset__scrollwrap") || table;
    anchor.parentNode.insertBefore(bar, anchor);

    function apply() {
      var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r) {
        var ok = controls.every(function (c) { return c.test(cellValue(r.cells[c.col])); });
        if (ok && words.length) {
          var text = r.textContent.toLowerCase() + r.jxGroup.text;
          ok = words.every(function (w) { return text.indexOf(w) !== -1; });
        }
        r.hidden = !ok;
        if (ok) shown++;
      });
      groups.forEach(function (g) {
        var n = g.rows.filter(function (r) { return !r.hidden; }).length;
        if (g.head) g.head.hidden = n === 0;
        if (g.sum) g.sum.hidden = n < g.rows.length;
      });
      var text = label(table, "shown").replace("{n}", shown).replace("{total}", rows.length);
      sums.forEach(function (s) {
        var cents = 0;
        rows.forEach(function (r) { var n = toNumber(cellValue(r.cells[s.col])); if (!r.hidden && !isNaN(n)) cents += Math.round(n * 100); });
        var sum = (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        text += " · " + label(table, "sum").replace("{name}", s.name).replace("{sum}", sum);
      });
      count.textContent = text;
    }
    function sortBy(col, numeric, th) {
      var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir);
      var sign = dir === "ascending" ? 1 : -1;
      rows.sort(function (a, b) {
        var x = cellValue(a.cells[col]), y = cellValue(b.cells[col]);
        if (numeric) {
          var nx = toNumber(x), ny = toNumber(y);
          if (isNaN(nx) || isNaN(ny)) return isNaN(nx) - isNaN(ny); // empty cells last either way
          return sign * (nx - ny);
        }
        return sign * x.localeCompare(y, "zh-CN");
      });
      rows.forEach(function (r) { r.parentNode.insertBefore(r, r.jxGroup.sum); });  // null sum: append
    }
    controls.forEach(function (c) { c.input.addEventListener("input", apply); c.input.addEventListener("change", apply); });
    search.addEventListener("input", apply);
    reset.addEventListener("click", function () {
      controls.forEach(function (c) { c.input.value = ""; });
      search.value = "";
      apply();
    });
    apply();
  }

  /* A project page's CSV and DOCX (<a data-dl="csv|docx" hidden>): made in the browser by downloads.js,
     fetched on the first click only (one <script>: works from file:// too). Hidden without JavaScript. */
  var loading = null;
  function withDownloads(then) {
    if (window.jxDownloads) return then();
    if (!loading) {
      loading = [];
      var script = document.createElement("script");
      script.src = new URL("downloads.js", HERE).href;
      script.onload = function () { loading.forEach(function (f) { f(); }); };
      document.head.appendChild(script);
    }
    loading.push(then);
  }
  function downloads() {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-dl]"), function (link) {
      if (!HERE) return;
      link.href = "#";
      link.hidden = false;
      link.onclick = function (event) {
        event.preventDefault();
        withDownloads(function () { window.jxDownloads.download(link.getAttribute("data-dl")); });
      };
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-table]"), enhance);
    downloads();
    // Print buttons only make sense with JavaScript; without it the browser's own print works.
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.onclick = function () { window.print(); };
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material instant navigation swaps pages without reloading scripts
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
