// search.js searches the site's pages and datasets without a server: the
// index is a script (window.TABLERO_SEARCH), so it works from file:// too.
// Accents and case are ignored: "educacion" finds "educación".
(function () {
  "use strict";
  // tablero.js loads this script when the reader first uses the search box
  // and gives the rule for what "the same word" means on the whole site.
  var norm = window.tableroFold;
  // The index is loaded the first time the reader uses the search box, so
  // pages that are only read do not download it.
  function init() {
    var input = document.querySelector("[data-search]");
    var list = document.querySelector("[data-search-results]");
    if (!input || !list) return;
    var src = input.getAttribute("data-index");
    var root = src.split("assets/search-")[0];
    var prepared = null, loading = false, sharded = null;
    function load() {
      if (prepared || loading) return;
      loading = true;
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () {
        var idx = window.TABLERO_SEARCH || [];
        if (!Array.isArray(idx)) { sharded = shardedSearch(idx, root, show, function () { list.textContent = ""; list.hidden = true; }); prepared = []; run(); return; }
        prepared = idx.map(function (d) { return { d: d, t: norm(d.t), x: norm(d.x) }; });
        run();
      };
      document.head.appendChild(s);
    }
    input.addEventListener("focus", load);
    // The focus that brought this script in has come already.
    if (document.activeElement === input) load();
    function run() {
      if (!prepared) { load(); return; }
      if (sharded) { sharded(input.value); return; }
      var q = norm(input.value).split(/\s+/).filter(Boolean);
      if (!q.length) { list.textContent = ""; list.hidden = true; return; }
      show(prepared.filter(function (p) {
        return q.every(function (w) { return p.t.indexOf(w) >= 0 || p.x.indexOf(w) >= 0; });
      }).sort(function (a, b) {
        var sa = q.every(function (w) { return a.t.indexOf(w) >= 0; }) ? 0 : 1;
        var sb = q.every(function (w) { return b.t.indexOf(w) >= 0; }) ? 0 : 1;
        return sa - sb;
      }).slice(0, 8).map(function (h) { return h.d; }));
    }
    // show lists hits ({t: title, u: address from the root}), or says
    // there are none.
    function show(hits) {
      list.textContent = "";
      // Which query the list answers: results arrive after the keys that
      // asked for them, and a reader (or a test) can tell a stale list.
      list.setAttribute("data-query", input.value);
      if (!hits.length) {
        var li = document.createElement("li"); li.className = "none"; li.textContent = list.getAttribute("data-none"); list.appendChild(li);
      }
      hits.forEach(function (h) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = root + h.u; a.textContent = h.t;
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
  // shardedSearch answers queries from a sharded index (a large site; see
  // SearchShardMin in internal/build/searchshard.go): each word of two
  // letters or more loads the shard of its first two letters, once, and
  // matches the site's words it begins; an entry must match every word,
  // and entries with every word in their title come first. Only the titles
  // of the results shown are loaded. It returns the function to call with
  // the query.
  function shardedSearch(manifest, root, show, hide) {
    var latest = "";
    function words(q) {
      return norm(q).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; });
    }
    // need loads the scripts at paths (once each) and then calls then.
    var loaded = {};
    function need(paths, then) {
      var left = paths.length + 1;
      function done() { if (--left === 0) then(); }
      paths.forEach(function (p) {
        if (loaded[p] === true) { done(); return; }
        if (loaded[p]) { loaded[p].push(done); return; }
        loaded[p] = [done];
        var s = document.createElement("script");
        s.src = root + p;
        s.onload = s.onerror = function () { var cbs = loaded[p]; loaded[p] = true; cbs.forEach(function (f) { f(); }); };
        document.head.appendChild(s);
      });
      done();
    }
    // ids adds to got the entries of the delta-coded lists of the words
    // of table that begin with w, with rank r.
    function ids(table, w, r, got) {
      Object.keys(table || {}).forEach(function (term) {
        if (term.lastIndexOf(w, 0) !== 0) return;
        var n = 0;
        table[term].forEach(function (d) { n += d; if (!(n in got) || got[n] > r) got[n] = r; });
      });
    }
    function answer(q, ws) {
      var all = window.TABLERO_SHARDS || {};
      var sets = ws.map(function (w) {
        var sh = all[w.slice(0, 2)] || {}, got = {};
        ids(sh.h, w, 0, got);
        ids(sh.x, w, 1, got);
        return got;
      });
      var hits = Object.keys(sets[0]).filter(function (i) { return sets.every(function (set) { return i in set; }); })
        .map(function (i) { return { i: +i, r: sets.reduce(function (m, set) { return Math.max(m, set[i]); }, 0) }; });
      hits.sort(function (a, b) { return a.r - b.r || a.i - b.i; });
      hits = hits.slice(0, 8);
      var chunks = {};
      hits.forEach(function (h) { chunks[Math.floor(h.i / manifest.c)] = true; });
      need(Object.keys(chunks).map(function (c) { return manifest.d[c]; }), function () {
        if (latest !== q) return;
        var docs = window.TABLERO_DOCS || {};
        show(hits.map(function (h) {
          var d = (docs[Math.floor(h.i / manifest.c)] || [])[h.i % manifest.c] || ["", ""];
          return { t: d[0], u: d[1] };
        }));
      });
    }
    return function (q) {
      var ws = words(q);
      latest = q;
      if (!ws.length) { hide(); return; }
      var paths = ws.map(function (w) { return manifest.s[w.slice(0, 2)]; }).filter(Boolean);
      need(paths, function () { if (latest === q) answer(q, ws); });
    };
  }

  // A section index's filter box hides the cards whose title and summary
  // lack a word of the query (same folding as the search).
  function initSectionFilter() {
    var box = document.querySelector("[data-section-filter]");
    if (!box) return;
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-section] .card"));
    var none = document.querySelector("[data-section-none]");
    function filter() {
      var q = norm(box.value).split(/\s+/).filter(Boolean), shown = 0;
      cards.forEach(function (c) {
        var t = norm(c.textContent), ok = q.every(function (w) { return t.indexOf(w) >= 0; });
        c.hidden = !ok;
        if (ok) shown++;
      });
      if (none) none.hidden = shown > 0;
    }
    box.addEventListener("input", filter);
    // A reader may type before this script has come (the page loads its
    // scripts after the first paint): what is in the box counts.
    if (box.value) filter();
    box.setAttribute("data-ready", "");
  }
  function start() { init(); initSectionFilter(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
