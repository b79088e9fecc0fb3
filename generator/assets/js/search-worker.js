/* Site search worker: a drop-in for Material's lunr worker (same messages), built for 10,000+ projects.
 *
 * Why not Material's worker: it rebuilds a lunr index in the browser on every page load
 * (7.9 s for the full text of 10,000 projects, 0.56 s for titles only), so a first result
 * within a second would allow titles only. Here the index is text searched by substring:
 * setup is a JSON parse of 3.6 MB at 10,000 projects (recurring words written once, below), a
 * query looks at ~5,000 words and the annual goals in a few milliseconds, and Chinese needs no
 * word segmentation ("标准" is found inside "高标准", which lunr cannot).
 *
 * Contract with Material's bundle (mkdocs-material 9.x, integrations/search/worker/message):
 *   in  {type: 0 SETUP, data: {config, docs: [{location, title, text}]}}  → out {type: 1 READY}
 *       (the page sends none: this worker fetches search/search_index.json itself, see the end)
 *   in  {type: 2 QUERY, data: "query text"}  → out {type: 3 RESULT, data: {items: [[doc]]}}
 * title/text in the index are HTML-escaped text (generator/postbuild.py writes them; tags, if
 * any, are dropped); this worker searches the plain text and escapes it again around its <mark>s
 * (Material renders both as HTML). A query that arrives before
 * the index is answered as soon as the index is ready (Material would drop it).
 *
 * Ranking: documents containing every query term first (AND), else those containing the most;
 * a title hit outweighs a text hit; on a tie, the newest year first; at most 500 results; a Han term found nowhere is matched by its two-character
 * pieces (at least half of them), so "法律援助补贴" still finds "法律援助办案补贴".
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_RESULTS = 500;
var SPLIT = /[\s\u200b\u3000\-、。，．？！；：（）【】《》“”‘’()\[\],.;:!?'"·]+/;
var HAN = /^[\u3400-\u9fff\uf900-\ufaff]+$/;
var docs = null;
var pending = null;

function escapeHTML(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", "#x27": "'" };

function plain(html) {
  return String(html || "").replace(/\u200b/g, "").replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (m, name) { return ENTITIES[name]; });
}

/* The index (generator/searchindex.py): recurring tokens of the texts, and whole titles, are
 * numbers into data.words. A term (never holding a space) is in a text exactly when it is in one
 * of its space-separated tokens, so a query looks up each word once (prepare) and then only
 * reads numbers and the few literal strings of each document; the whole text is put together
 * only for a document that is shown (full). Material's own form ({docs: [{location, title,
 * text}]}) is one literal string per document. */
var words = [], lowWords = [];

function setup(data) {
  var raw = data.entries ? data.words : [];
  words = raw;
  lowWords = raw.map(function (w) { return plain(w).toLowerCase(); });
  var entries = data.entries || data.docs.map(function (doc) { return [doc.location, doc.title, [String(doc.text || "")]]; });
  docs = entries.map(function (e) {
    var title = plain(typeof e[1] === "number" ? raw[e[1]] : e[1]);
    var lits = [];
    e[2].forEach(function (part) { if (typeof part !== "number") lits.push(plain(part).toLowerCase()); });
    return { location: e[0], title: title, t: title.toLowerCase(), parts: e[2], lits: lits, text: null, x: null };
  });
}

/* A document's whole text (plain and lower-cased), put together once it is shown. */
function full(doc) {
  if (doc.text === null) {
    doc.text = plain(doc.parts.map(function (part) { return typeof part === "number" ? words[part] : part; }).join(" "));
    doc.x = doc.text.toLowerCase();
  }
  return doc;
}

function parse(query) {
  var seen = {};
  return query.toLowerCase().split(SPLIT).filter(function (term) {
    if (!term || seen[term]) return false;
    return (seen[term] = true);
  }).slice(0, 10);
}

function grams(term) {
  var out = [];
  for (var i = 0; i + 2 <= term.length; i++) out.push(term.slice(i, i + 2));
  return out;
}

/* A term with the words that hold it (one look at each word per query). */
function prepare(term) {
  var inWords = new Uint8Array(lowWords.length);
  for (var i = 0; i < lowWords.length; i++) inWords[i] = lowWords[i].indexOf(term) >= 0 ? 1 : 0;
  return { term: term, words: inWords };
}

function inText(doc, q) {
  var parts = doc.parts, lits = doc.lits;
  for (var i = 0; i < parts.length; i++) if (typeof parts[i] === "number" && q.words[parts[i]]) return true;
  for (var j = 0; j < lits.length; j++) if (lits[j].indexOf(q.term) >= 0) return true;
  return false;
}

/* One prepared term against one document: 0 = absent, else a score (title hits weigh more). */
function hit(doc, q) {
  var at = doc.t.indexOf(q.term);
  if (at >= 0) return doc.t === q.term ? 30 : at === 0 ? 15 : 10;
  return inText(doc, q) ? 2 : 0;
}

function ranges(lower, needles) {
  var out = [];
  needles.forEach(function (n) {
    for (var i = lower.indexOf(n); n && i >= 0; i = lower.indexOf(n, i + n.length)) out.push([i, i + n.length]);
  });
  out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  var merged = [];
  out.forEach(function (r) {
    var last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  });
  return merged;
}

function mark(text, lower, needles, from, to) {
  var html = "", pos = from;
  ranges(lower.slice(from, to), needles).forEach(function (r) {
    html += escapeHTML(text.slice(pos, from + r[0])) + "<mark>" + escapeHTML(text.slice(from + r[0], from + r[1])) + "</mark>";
    pos = from + r[1];
  });
  return html + escapeHTML(text.slice(pos, to));
}

/* The text shown under a title: its start (year, department, …) and, when a query term is not
 * in that start, the passage of the earliest such term ("居民满意度 2023" shows the year in the
 * start and the indicator further on). */
function teaser(doc, needles) {
  var head = Math.min(doc.x.length, 80);
  var first = -1;
  needles.forEach(function (n) {
    var i = doc.x.indexOf(n);
    if (i >= 0 && i + n.length <= head) return;  // shown in the start already
    if (i >= 0 && i < head) i = doc.x.indexOf(n, head);  // cut by the start's end: the next one
    if (i >= 0 && (first < 0 || i < first)) first = i;
  });
  var html = mark(doc.text, doc.x, needles, 0, head) + (head < doc.text.length ? " …" : "");
  if (first >= head) {
    var from = Math.max(head, first - 30), to = Math.min(doc.text.length, first + 90);
    var space = doc.text.lastIndexOf(" ", from);  // start at a word ("2023年度", not "023年度")
    if (space >= head && from - space <= 12) from = space + 1;
    html += " " + mark(doc.text, doc.x, needles, from, to) + (to < doc.text.length ? " …" : "");
  }
  return "<p>" + html + "</p>";
}

function search(query) {
  var terms = parse(query);
  if (!terms.length || !docs) return { items: [] };
  var parts = terms.map(function (term) {
    var q = prepare(term);
    var any = docs.some(function (doc) { return hit(doc, q) > 0; });
    return { term: term, q: q, pieces: !any && HAN.test(term) && term.length > 2 ? grams(term).map(prepare) : null };
  });
  var found = [];
  docs.forEach(function (doc, order) {
    var score = 0, matched = 0, needles = [], status = {};
    parts.forEach(function (p) {
      var s = hit(doc, p.q);
      if (!s && p.pieces) {
        var got = p.pieces.filter(function (g) { return hit(doc, g) > 0; });
        if (got.length * 2 >= p.pieces.length) {
          s = got.reduce(function (sum, g) { return sum + hit(doc, g); }, 0) / p.pieces.length;
          needles = needles.concat(got.map(function (g) { return g.term; }));
        }
      } else if (s) needles.push(p.term);
      status[p.term] = s > 0;
      if (s > 0) { matched += 1; score += s; }
    });
    if (matched) found.push({ doc: doc, order: order, score: score, matched: matched, needles: needles, terms: status });
  });
  var best = found.reduce(function (m, f) { return Math.max(m, f.matched); }, 0);
  found = found.filter(function (f) { return f.matched === best; });
  found.sort(function (a, b) {
    // ties: shorter title (closer match), then later in the index (page paths start with the
    // year, so the newest table of a recurring project comes first)
    return b.score - a.score || a.doc.title.length - b.doc.title.length || b.order - a.order;
  });
  return {
    items: found.slice(0, MAX_RESULTS).map(function (f) {
      full(f.doc);
      return [{
        location: f.doc.location,
        title: mark(f.doc.title, f.doc.t, f.needles, 0, f.doc.title.length),
        text: teaser(f.doc, f.needles),
        score: f.score,
        terms: f.terms
      }];
    })
  };
}

function answer(query) {
  var data;
  try {
    data = search(String(query));
  } catch (err) {
    console.warn(err);
    data = { items: [] };
  }
  postMessage({ type: RESULT, data: data });
}

function ready(data) {
  if (docs) return;  // the index came the other way first
  setup(data);
  postMessage({ type: READY });
  if (pending !== null) answer(pending);
  pending = null;
}

addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    ready(message.data);
  } else if (message.type === QUERY) {
    if (docs) answer(message.data);
    else pending = message.data;
  }
});

/* The index is fetched here, as soon as the worker starts: the page's search form is not named
 * "search" (overrides/assets/jx/js/scope.js), so Material's bundle neither fetches it on the
 * page's main thread (a 7.7 MB JSON parse at 10,000 projects) nor copies it over as a SETUP
 * message (a structured clone of 10,000 objects); Material sends queries once READY comes.
 * The worker lives in assets/jx/js/, three folders below the site root. From disk (file:)
 * there is no search (mkdocs.yml). */
if (/^https?:$/.test(self.location.protocol)) {
  fetch(new URL("../../../search/search_index.json", self.location.href)).then(function (response) {
    if (!response.ok) throw new Error("search index: HTTP " + response.status);
    return response.json();
  }).then(ready).catch(function (err) {
    console.warn(err);
  });
}
