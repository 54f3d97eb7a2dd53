// search.js searches the site's pages and datasets without a server: the
// index is a script (window.TABLERO_SEARCH), so it works from file:// too.
// Accents and case are ignored: "educacion" finds "educación".
(function () {
  "use strict";
  function norm(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  // Shared with the data index's own search box (catalogue.js): one rule
  // for what "the same word" means on the whole site.
  window.tableroFold = norm;
  // The index is loaded the first time the reader uses the search box, so
  // pages that are only read do not download it.
  function init() {
    var input = document.querySelector("[data-search]");
    var list = document.querySelector("[data-search-results]");
    if (!input || !list) return;
    var src = input.getAttribute("data-index");
    var root = src.split("assets/search-")[0];
    var prepared = null, loading = false;
    function load() {
      if (prepared || loading) return;
      loading = true;
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () {
        prepared = (window.TABLERO_SEARCH || []).map(function (d) { return { d: d, t: norm(d.t), x: norm(d.x) }; });
        run();
      };
      document.head.appendChild(s);
    }
    input.addEventListener("focus", load);
    function run() {
      if (!prepared) { load(); return; }
      var q = norm(input.value).split(/\s+/).filter(Boolean);
      list.textContent = "";
      if (!q.length) { list.hidden = true; return; }
      var hits = prepared.filter(function (p) {
        return q.every(function (w) { return p.t.indexOf(w) >= 0 || p.x.indexOf(w) >= 0; });
      }).sort(function (a, b) {
        var sa = q.every(function (w) { return a.t.indexOf(w) >= 0; }) ? 0 : 1;
        var sb = q.every(function (w) { return b.t.indexOf(w) >= 0; }) ? 0 : 1;
        return sa - sb;
      }).slice(0, 8);
      if (!hits.length) {
        var li = document.createElement("li"); li.className = "none"; li.textContent = list.getAttribute("data-none"); list.appendChild(li);
      }
      hits.forEach(function (h) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = root + h.d.u; a.textContent = h.d.t;
        li.appendChild(a); list.appendChild(li);
      });
      list.hidden = false;
    }
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; run(); }
      if (e.key === "Enter") { var a = list.querySelector("a"); if (a) location.href = a.href; }
    });
    document.addEventListener("click", function (e) { if (!e.target.closest(".search")) list.hidden = true; });
  }
  // A section index's filter box hides the cards whose title and summary
  // lack a word of the query (same folding as the search).
  function initSectionFilter() {
    var box = document.querySelector("[data-section-filter]");
    if (!box) return;
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-section] .card"));
    var none = document.querySelector("[data-section-none]");
    box.addEventListener("input", function () {
      var q = norm(box.value).split(/\s+/).filter(Boolean), shown = 0;
      cards.forEach(function (c) {
        var t = norm(c.textContent), ok = q.every(function (w) { return t.indexOf(w) >= 0; });
        c.hidden = !ok;
        if (ok) shown++;
      });
      if (none) none.hidden = shown > 0;
    });
  }
  function start() { init(); initSectionFilter(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
