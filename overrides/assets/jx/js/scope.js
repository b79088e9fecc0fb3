{#-
  Rendered once per build by MkDocs (a theme static template: `static_templates` in mkdocs.yml),
  not copied: the site-wide parts of every page, loaded from this one cached file in <head>.
  Material's own strings come from its translations here (lang.t), the features from mkdocs.yml.
-#}
{%- import "partials/language.html" as lang with context -%}
{%- set features = (config.theme.features or []) | reject("in", ["navigation.indexes", "navigation.footer"]) | list -%}
{%- set search = [lang.t("search.placeholder"), lang.t("search.reset"), lang.t("search.result.initializer")] -%}
{%- set translations = {
  "search.result.placeholder": lang.t("search.result.placeholder"),
  "search.result.none": lang.t("search.result.none"),
  "search.result.one": lang.t("search.result.one"),
  "search.result.other": lang.t("search.result.other"),
  "search.result.term.missing": lang.t("search.result.term.missing"),
} -%}
/* Material's page-scope helpers (mkdocs-material partials/javascripts/base.html, MIT), loaded from
   this file instead of inline on every page; the site root is three folders up from this file
   (assets/jx/js/scope.js), which is what Material computes from each page's base_url. */
__md_scope=new URL("../../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
/* Material's <script id="__config"> (base.html's config block, ~480 bytes a page before), put into
   <head> right after this script, before Material's bundle reads it at the end of <body>. Slimmer
   than Material's: only the strings its bundle uses; features only those its bundle reads
   (navigation.indexes/footer act in the templates); no clipboard strings (no code blocks), no
   "more results on this page" (our worker returns one entry per page), no annotate/tags/version
   (unused; the bundle treats absent as off). "base" is the site root as an absolute URL (the bundle
   resolves it against the page anyway) and "search" is our worker
   (generator/assets/js/search-worker.js: plain-text search, no in-browser lunr indexing). */
(c=>{c.id="__config",c.type="application/json",c.text=JSON.stringify({base:__md_scope.href,features:{{ features | tojson }},translations:{{ translations | tojson }},search:new URL("assets/jx/js/search-worker.js",__md_scope).href}),document.currentScript.after(c)})(document.createElement("script"))
/* The inside of Material's search dialog (its partials/search.html, minus search.share/suggest),
   written into the empty dialog element just before the inline call (overrides/partials/search.html)
   instead of being repeated in every page; placeholder, reset and initializer are Material's strings.
   The form is named "jx-search", not "search": Material's bundle fetches and parses the whole index
   on the page's main thread, then copies it into the worker, only when a form named "search" is
   there; our worker fetches the index itself instead (generator/assets/js/search-worker.js). */
__jx_search=()=>{const d=document.currentScript.previousElementSibling,e=t=>String(t).replace(/[&<>"]/g,c=>"&#"+c.charCodeAt(0)+";"),s=e(d.getAttribute("aria-label")),[p,r,i]={{ search | tojson }}.map(e);d.innerHTML=`<label class="md-search__overlay" for="__search"></label><div class="md-search__inner" role="search"><form class="md-search__form" name="jx-search"><input type="text" class="md-search__input" name="query" aria-label="${p}" placeholder="${p}" autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" data-md-component="search-query" required><label class="md-search__icon md-icon" for="__search"><svg class="jx-i-magnify"></svg><svg class="jx-i-arrow-left"></svg></label><nav class="md-search__options" aria-label="${s}"><button type="reset" class="md-search__icon md-icon" title="${r}" aria-label="${r}" tabindex="-1"><svg class="jx-i-close"></svg></button></nav></form><div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix><div class="md-search-result" data-md-component="search-result"><div class="md-search-result__meta">${i}</div><ol class="md-search-result__list" role="presentation"></ol></div></div></div></div>`}
