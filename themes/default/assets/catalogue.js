// catalogue.js filters the data index of the catalogue page in the browser:
// selects over the facets the build wrote (dimension, category, geography,
// publisher) and a text search, accent-insensitive like the site search
// (window.tableroFold, from tablero.js). The choice is kept in the URL
// (?dimension=…&category=…&q=…), so a filtered index can be shared and
// survives a reload. Everything it shows is set as text.
(function () {
  "use strict";
  function init() {
    var root = document.querySelector("[data-catalogue]");
    if (!root) return;
    var fold = window.tableroFold;
    var selects = Array.prototype.slice.call(root.querySelectorAll("[data-index-filter]"));
    var search = root.querySelector("[data-index-search]");
    var status = root.querySelector("[data-index-status]");
    var none = root.querySelector("[data-index-none]");
    var entries = Array.prototype.map.call(root.querySelectorAll("[data-facets]"), function (el) {
      return { el: el, facets: new URLSearchParams(el.getAttribute("data-facets")), text: fold(el.textContent) };
    });
    var groups = Array.prototype.slice.call(root.querySelectorAll("[data-index-group]"));

    function apply(save) {
      var sel = {};
      selects.forEach(function (s) { if (s.value) sel[s.getAttribute("data-index-filter")] = s.value; });
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      entries.forEach(function (e) {
        var ok = Object.keys(sel).every(function (k) { return e.facets.get(k) === sel[k]; }) &&
          words.every(function (w) { return e.text.indexOf(w) >= 0; });
        e.el.hidden = !ok;
        if (ok) shown++;
      });
      groups.forEach(function (g) {
        var n = g.querySelectorAll("[data-facets]:not([hidden])").length;
        g.hidden = n === 0;
        var c = g.querySelector("[data-index-count]");
        var all = g.querySelectorAll("[data-facets]").length;
        if (c) c.textContent = "(" + (n === all ? all : n + "/" + all) + ")";
      });
      none.hidden = shown > 0;
      var text = status.getAttribute("data-index-status").replace("{n}", shown).replace("{m}", entries.length);
      if (status.textContent !== text) status.textContent = text;
      if (save) {
        // Only this page's own keys are rewritten; others stay as they were.
        var q = new URLSearchParams(location.search);
        selects.forEach(function (s) { q.delete(s.getAttribute("data-index-filter")); });
        q.delete("q");
        Object.keys(sel).forEach(function (k) { q.set(k, sel[k]); });
        if (search.value.trim()) q.set("q", search.value.trim());
        var qs = q.toString();
        try { history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash); } catch (e) {}
      }
    }

    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var v = params.get(s.getAttribute("data-index-filter"));
      if (v && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
      s.addEventListener("change", function () { apply(true); });
    });
    if (params.get("q")) search.value = params.get("q");
    search.addEventListener("input", function () { apply(true); });
    search.addEventListener("keydown", function (e) { if (e.key === "Escape") { search.value = ""; apply(true); } });
    root.querySelector("[data-index-clear]").addEventListener("click", function () {
      selects.forEach(function (s) { s.value = ""; });
      search.value = "";
      apply(true);
      search.focus();
    });
    apply(false);
    root.setAttribute("data-index-ready", "");
  }
  // The page loads it after tablero.js, once the page has painted.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
