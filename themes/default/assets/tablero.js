// tablero.js starts the charts of the page from their JSON islands as they
// come near the viewport, and wires the table view, the downloads, the
// filters and table sorting. It is static: nothing in
// it is built from data, and every text it shows is set as text.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "es";
  // What "the same word" means on the whole site: accents and case are
  // ignored ("educacion" finds "educación"). The site search (search.js),
  // a section's filter and the data index's search (catalogue.js) use it;
  // internal/build folds its search shards the same way.
  window.tableroFold = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
  // Numbers are written as Intl.NumberFormat writes them for es-CO and
  // en-US (groups of three, "." or "," between them, trailing zeros of the
  // decimals dropped), by hand: making the first Intl format loads the
  // locale's data, a task of 70 ms on a mid-range phone.
  var group = lang === "en" ? "," : ".", point = lang === "en" ? "." : ",";
  function numberFormat(digits) {
    return { format: function (v) {
      if (typeof v !== "number" || !isFinite(v)) return String(v);
      // The shortest decimal of v (as Intl starts from), rounded half up
      // to the digits.
      var s = String(Math.abs(v));
      if (/e-/.test(s)) s = Math.abs(v).toFixed(20);
      if (/e/.test(s)) return String(v);
      var parts = s.split("."), ip = parts[0], fp = parts[1] || "";
      if (fp.length > digits) {
        var ds = (ip + fp.slice(0, digits)).split(""), i = ds.length - 1;
        if (fp.charCodeAt(digits) >= 53) {
          for (; i >= 0 && ds[i] === "9"; i--) ds[i] = "0";
          if (i < 0) ds.unshift("1"); else ds[i] = String(+ds[i] + 1);
        }
        var all = ds.join("");
        ip = all.slice(0, all.length - digits); fp = all.slice(all.length - digits);
      }
      fp = fp.replace(/0+$/, "");
      return (v < 0 || Object.is(v, -0) ? "-" : "") + ip.replace(/\B(?=(\d{3})+$)/g, group) + (fp ? point + fp : "");
    } };
  }
  var nf = numberFormat(10);
  function fmt(v) { return typeof v === "number" ? nf.format(v) : v; }
  var charts = [];
  var decals = false;
  try { decals = localStorage.getItem("tablero-decals") === "1"; } catch (e) {}

  // Phones get a different layout of some charts; the theme's CSS switches
  // at the same width.
  var phone = window.matchMedia ? window.matchMedia("(max-width: 600px)") : null;
  function narrow() { return phone ? phone.matches : window.innerWidth <= 600; }

  // css reads a colour of the theme. The values are kept until the scheme
  // changes (restyle): reading the computed style after a chart was added
  // would make the browser recompute the page's style in our task.
  var cssCache = {};
  function css(name) {
    if (!(name in cssCache)) cssCache[name] = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return cssCache[name];
  }

  // merge applies a patch the build prepared (a phone's layout) to an
  // option: objects key by key, arrays item by item, as ECharts merges
  // components (chart.Layout in internal/chart/layout.go).
  function merge(o, p) {
    function obj(x) { return x !== null && typeof x === "object" && !Array.isArray(x); }
    Object.keys(p).forEach(function (k) {
      var a = o[k], b = p[k];
      if (Array.isArray(b)) {
        a = a == null ? [] : [].concat(a);
        b.forEach(function (x, i) { a[i] = obj(x) && obj(a[i]) ? merge(a[i], x) : x; });
        o[k] = a;
      } else if (obj(b) && obj(a)) merge(a, b);
      else o[k] = b;
    });
    return o;
  }

  // themed returns a copy of the option laid out for the page's width,
  // coloured for the current light or dark scheme, with numbers written
  // for the page's language.
  function themed(island, forExport) {
    var o = JSON.parse(JSON.stringify(island.option));
    if (island.phone && narrow()) merge(o, JSON.parse(JSON.stringify(island.phone)));
    var fg = forExport ? "#1a1a1a" : css("--fg"), muted = forExport ? "#555" : css("--muted"), line = forExport ? "#ddd" : css("--line");
    o.textStyle = { color: fg, fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" };
    o.backgroundColor = forExport ? "#ffffff" : "transparent";
    if (o.legend) { o.legend = [].concat(o.legend).map(function (l) { l.textStyle = { color: fg }; l.type = "plain"; return l; }); }
    var unit = island.unit ? " " + island.unit : "";
    o.tooltip = [].concat(o.tooltip || {}).map(function (t) {
      t.valueFormatter = function (v) { return v == null || v === "-" || (typeof v === "number" && isNaN(v)) ? "—" : fmt(v) + unit; };
      t.confine = true;
      var qf = qualTooltip(island, unit);
      if (qf) t.formatter = qf;
      return t;
    });
    ["xAxis", "yAxis"].forEach(function (k) {
      if (!o[k]) return;
      o[k] = [].concat(o[k]).map(function (a) {
        a.axisLabel = a.axisLabel || {};
        a.axisLabel.color = muted;
        a.axisLabel.hideOverlap = true;
        a.axisLine = { lineStyle: { color: line } };
        a.splitLine = { lineStyle: { color: line } };
        if (a.type !== "category") { a.axisLabel.formatter = function (v) { return fmt(v); }; }
        return a;
      });
    });
    if (o.series) {
      o.series.forEach(function (s) {
        if (s.type === "pie") {
          s.label = s.label || {};
          s.label.color = fg; // each slice's label text comes written from the build
        }
        if (s.type === "map") {
          s.nameMap = window.TABLERO_COUNTRIES;
          s.showLegendSymbol = false;
          s.itemStyle = { areaColor: forExport ? "#f2f2f2" : css("--card"), borderColor: forExport ? "#bbb" : css("--line") };
          s.emphasis = { label: { color: fg }, itemStyle: { areaColor: "#E69F00" } };
        }
      });
    }
    if (o.visualMap) {
      o.visualMap = [].concat(o.visualMap).map(function (v) { v.textStyle = { color: fg }; return v; });
    }
    if (island.legendRows > 1) [].concat(o.grid || []).forEach(function (g) { g.bottom = 18 + 22 * island.legendRows; });
    o.aria = o.aria || {};
    o.aria.decal = { show: decals };
    return o;
  }

  // qualTooltip returns a tooltip formatter for a chart whose figures have
  // qualifiers ("más de 200", "770–800"): the island then carries each
  // value written with its qualifier (labels), shown instead of the bare
  // number. Without qualifiers it returns null and the default stays.
  function qualTooltip(data, unit) {
    if (!data.series || !data.series.some(function (s) { return s.labels; })) return null;
    function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
    return function (ps) {
      ps = [].concat(ps);
      var out = [], axis = ps[0] && ps[0].axisValueLabel != null;
      if (axis) out.push(esc(ps[0].axisValueLabel));
      ps.forEach(function (p) {
        var s = data.series[p.seriesIndex] || data.series[0], i = data.x.indexOf(p.name);
        var v = p.value != null && typeof p.value === "object" ? p.value.value : p.value;
        var text = s && s.labels && i >= 0 && s.labels[i] ? s.labels[i] + unit :
          (v == null || v === "-" || (typeof v === "number" && isNaN(v)) ? "—" : fmt(v) + unit);
        var name = axis ? p.seriesName : p.name;
        out.push((p.marker || "") + (name ? esc(name) + ": " : "") + "<b>" + esc(text) + "</b>");
      });
      return out.join("<br>");
    };
  }

  // legendRows estimates how many rows the legend of a chart with several
  // series takes at the container's width (a name of n characters about
  // 6.5n px plus its symbol), so that the grid leaves them room.
  function legendRows(el, island) {
    if (island.series.length < 2) return 0;
    var width = Math.max(200, (el.clientWidth || el.parentNode.clientWidth) - 16), rows = 1, used = 0;
    island.series.forEach(function (s) {
      var w = String(s.name).length * 6.5 + 35;
      if (used > 0 && used + w > width) { rows++; used = 0; }
      used += w;
    });
    return rows;
  }

  // height is the box's height the build chose for the page's width
  // (chart.Layout), with room for the rows of a long legend.
  function height(el, island) {
    island.legendRows = legendRows(el, island);
    return island.height[narrow() ? 1 : 0] + Math.max(0, island.legendRows - 1) * 22;
  }

  // Neutralise what a spreadsheet would run as a formula: the rule of
  // dataset.IsFormula in internal/dataset/neutralize.go (OWASP "CSV Injection").
  function csvCell(s) {
    s = s == null ? "" : String(s);
    if (/^\ufeff?[=@\t\r]/.test(s) || (/^\ufeff?[+-]/.test(s) && !/^\ufeff?[+-][0-9., ]*[0-9][0-9., ]*%?$/.test(s))) s = "'" + s;
    return /[",\n\r;]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  // csvOf writes the figures a chart shows (under the current filter) as
  // the CSV its download gives, with a BOM so that Excel reads UTF-8.
  function csvOf(data) {
    var rows = [[data.xLabel].concat(data.series.map(function (s) { return s.name || data.unit || "valor"; }))];
    data.x.forEach(function (x, i) { rows.push([x].concat(data.series.map(function (s) { return s.values[i] == null ? "" : s.values[i]; }))); });
    return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  // blobOf turns the data: URL ECharts gives into a Blob: the download then
  // has a short blob: URL, as the CSV has, for Chromium refuses to follow a
  // URL over 2 MB, which a large chart at twice its pixels can make.
  function blobOf(url) {
    var comma = url.indexOf(","), head = url.slice(5, comma), body = url.slice(comma + 1);
    var type = head.split(";")[0];
    if (!/;base64$/.test(head)) return new Blob([decodeURIComponent(body)], { type: type });
    var bin = atob(body), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type: type });
  }

  function download(name, href) {
    var a = document.createElement("a");
    a.href = href; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
  }

  // Every call into ECharts on a page's chart goes through drawable: ECharts
  // lays a chart out in its box, and a box without a size (a window a pixel
  // wide, a chart whose table view is showing, a page laid out in a zero-size
  // frame) gives a map a singular transform, on which ECharts throws
  // "Cannot read properties of null (reading '0')". Such a chart is marked
  // stale and redrawn when its box gets a size again (see watch).
  function drawable(c) {
    return !!c.chart && !c.chart.isDisposed() && c.el.offsetWidth > 0 && c.el.offsetHeight > 0;
  }

  // redraw applies the chart's current option (scheme, patterns, filter,
  // phone layout) and size, or defers it until the box has a size. The
  // option is applied lazily: ECharts lays it out and paints it in its own
  // next frame, so this task stays short on a slow phone.
  function redraw(c, option) {
    if (!drawable(c)) { c.stale = true; return; }
    c.stale = false;
    c.drawn = true;
    c.chart.setOption(option || themed(c.shown || c.island, false), { notMerge: true, lazyUpdate: true });
    if (c.chart.getWidth() !== c.el.clientWidth || c.chart.getHeight() !== c.el.clientHeight) c.chart.resize();
  }

  // fit follows a change of the box's size only.
  function fit(c) {
    if (c.stale) { redraw(c); return; }
    if (drawable(c)) c.chart.resize();
  }

  // watch redraws a chart whose box gets a size after it had none (and
  // starts one that had none when its turn came).
  var boxes = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) {
      var c = e.target.tableroChart;
      if (!c || !(e.contentRect.width > 0 && e.contentRect.height > 0)) return;
      if (!c.chart) start(c.el); else if (c.stale) redraw(c);
    });
  }) : null;

  // entry is the page's record of one chart block, started or not: its
  // island, and once started its ECharts instance (chart) and the data it
  // shows under the current filter (shown).
  function entry(el) {
    if (!el.tableroChart) {
      el.tableroChart = { el: el, island: JSON.parse(document.getElementById(el.getAttribute("data-chart")).textContent) };
    }
    return el.tableroChart;
  }

  // Scripts the charts need, fetched only when a chart is about to start:
  // the ECharts bundle for any chart, the world's geometry (and the
  // country names) only for a map.
  var body = document.body;
  var libs = {};
  function loadScript(src, done) {
    if (!src) { done(); return; }
    var l = libs[src];
    if (!l) {
      l = libs[src] = { done: false, waiting: [] };
      var s = document.createElement("script");
      s.src = src;
      // A script that fails to load still lets the page go on: the charts
      // that need it stay empty rather than every chart.
      s.onload = s.onerror = function () { l.done = true; l.waiting.splice(0).forEach(function (f) { f(); }); };
      document.head.appendChild(s);
    }
    if (l.done) done(); else l.waiting.push(done);
  }
  function needs(c) {
    var list = [body.getAttribute("data-echarts")];
    if (c.island.world) list.push(body.getAttribute("data-world"), body.getAttribute("data-countries"));
    return list.filter(Boolean);
  }
  // ready reports whether everything chart c needs has loaded.
  function ready(c) {
    return needs(c).every(function (src) { return libs[src] && libs[src].done; }) && (!!window.echarts || !body.getAttribute("data-echarts"));
  }
  // prepare loads, one after the other, what chart c needs, then calls done.
  function prepare(c, done) {
    var list = needs(c);
    (function next() { if (!list.length) done(); else loadScript(list.shift(), next); })();
  }

  // start makes chart el's ECharts instance and draws it, or with later
  // leaves the drawing to the caller's next slice.
  function start(el, later) {
    var c = entry(el);
    if (c.chart || !window.echarts) return;
    el.style.height = height(el, c.island) + "px";
    if (boxes && !c.watched) { boxes.observe(el); c.watched = true; }
    // Started in a box without a size, ECharts would lay the chart out at
    // zero size; the observer starts it when the box gets one.
    if (!(el.offsetWidth > 0 && el.offsetHeight > 0) && boxes) return;
    c.chart = echarts.init(el, null, { renderer: "canvas" });
    linkCountries(c);
    el.setAttribute("data-started", "");
    charts.push(c);
    if (!later) redraw(c);
  }

  // linkCountries makes a click on a map's country open the country's page,
  // when the page (data-links, by the name the chart gives the country,
  // written by Tablero) has one; the table view links the same pages.
  function linkCountries(c) {
    var links = pageLinks(c.el);
    // Inside another site's frame (embed mode) the page opens in its place.
    if (links) c.chart.on("click", function (p) { if (links[p.name]) window.open(links[p.name], embedded ? "_top" : "_self"); });
  }
  function pageLinks(el) {
    var l = el && el.getAttribute("data-links");
    return l ? JSON.parse(l) : null;
  }

  // Lazy start: a chart starts when its box comes within a screen of the
  // viewport, one chart per idle slice of the main thread, so a phone never
  // freezes starting charts the reader has not scrolled to. Charts in the
  // first screen start at once; those only near it wait until the reader
  // engages (scrolls, touches, clicks or presses a key): a reader still
  // reading the first screen is not made to wait for ECharts to load and
  // draw charts out of sight, and the first scroll still gives the next
  // charts a screen's head start.
  var queue = [], pending = false, allDone = [];
  function idle(f) {
    if (window.requestIdleCallback) requestIdleCallback(f, { timeout: 500 }); else setTimeout(f, 1);
  }
  function want(el) {
    var c = entry(el);
    if (c.chart || c.wanted) return;
    c.wanted = true;
    el.setAttribute("data-wanted", "");
    queue.push(c);
    pump();
  }
  function pump() {
    if (pending) return;
    if (!queue.length) { settled(); return; }
    pending = true;
    var c = queue[0];
    // Four slices per chart: its box's height, ECharts' instance and the
    // option, the option taken, the chart laid out (see hold); ECharts
    // paints it in its next frame.
    prepare(c, function () {
      idle(function () {
        if (!c.chart) c.el.style.height = height(c.el, c.island) + "px";
        idle(function () {
          start(c.el, true);
          // The option is made here, applied in the next slice.
          var o = c.chart ? themed(c.shown || c.island, false) : null;
          idle(function draw() {
            var held = false;
            if (c.chart && !c.drawn) { redraw(c, o); held = hold(c); }
            idle(function layout() {
              if (held) release(c);
              pending = false; if (queue[0] === c) queue.shift(); c.done = true; pump();
            });
          });
        });
      });
    });
  }
  // ECharts would lay out and paint an option in one frame, a phone's
  // longest task: hold stops its frame loop (zrender's), release lays the
  // chart out (resize: no entrance animation) and restarts the loop.
  function hold(c) {
    var zr = c.chart.getZr && c.chart.getZr();
    if (!zr || !zr.animation || typeof zr.animation.stop !== "function") return false;
    zr.animation.stop();
    return true;
  }
  function release(c) {
    if (!c.chart || c.chart.isDisposed()) return;
    if (drawable(c)) c.chart.resize(); else c.stale = true;
    c.chart.getZr().wakeUp();
  }
  // settled marks the page (data-charts-all) and calls back those waiting
  // for every chart (startAll) once every chart has had its turn.
  function settled() {
    var els = document.querySelectorAll("[data-chart]");
    if (Array.prototype.every.call(els, function (el) { return el.tableroChart && el.tableroChart.done; })) {
      document.documentElement.setAttribute("data-charts-all", "");
      allDone.splice(0).forEach(function (f) { f(); });
    }
  }
  // startAll queues every chart of the page, then calls done (tests,
  // printing from a script).
  function startAll(done) {
    if (done) allDone.push(done);
    document.querySelectorAll("[data-chart]").forEach(want);
    pump();
  }
  var engaged = false, unseen = [];
  function engage() {
    if (engaged) return;
    engaged = true;
    unseen.splice(0).forEach(want);
  }
  ["scroll", "wheel", "touchstart", "pointerdown", "keydown"].forEach(function (type) {
    window.addEventListener(type, engage, { passive: true, once: true });
  });
  var near = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (!e.isIntersecting) return;
      near.unobserve(e.target);
      var r = e.boundingClientRect;
      if (engaged || r.top < window.innerHeight && r.bottom > 0) want(e.target); else unseen.push(e.target);
    });
    document.documentElement.setAttribute("data-charts-observed", "");
  }, { rootMargin: "100% 0px" }) : null;

  // exportChart draws the chart offscreen at a fixed size, with the export
  // colours, and downloads it as PNG or SVG; it works whether or not the
  // chart on the page has started (it loads ECharts first if need be).
  function exportChart(c, fig, kind) {
    prepare(c, function () {
      if (!window.echarts) return;
      var el = c.el, data = c.shown || c.island;
      var o = themed(data, true);
      o.title = { text: data.title, left: 8, top: 4, textStyle: { fontSize: 14, color: "#1a1a1a" } };
      [].concat(o.grid || []).forEach(function (g) { g.top = 40; });
      var box = document.createElement("div");
      box.style.cssText = "position:absolute;left:-10000px;top:0;width:" + Math.max(600, el.clientWidth) + "px;height:" + Math.max(360, el.clientHeight + 40) + "px";
      document.body.appendChild(box);
      var off = echarts.init(box, null, { renderer: kind === "svg" ? "svg" : "canvas" });
      o.animation = false;
      off.setOption(o);
      var blob = blobOf(off.getDataURL({ type: kind, pixelRatio: 2, backgroundColor: "#ffffff" }));
      off.dispose(); box.remove();
      download(fig.id + "." + kind, URL.createObjectURL(blob));
    });
  }

  // wire gives a chart block its chart/table tabs and downloads, whether
  // or not its chart has started.
  function wire(el) {
    var fig = el.closest("figure"), c = {};
    if (!fig) return;
    // The island is read when first needed, not while the page starts.
    Object.defineProperty(c, "island", { get: function () { return entry(el).island; } });
    Object.defineProperty(c, "chart", { get: function () { return entry(el).chart; } });
    Object.defineProperty(c, "shown", { get: function () { return entry(el).shown; } });
    c.el = el;
    fig.querySelectorAll("[data-view]").forEach(function (b) {
      b.addEventListener("click", function () {
        var table = b.getAttribute("data-view") === "table";
        fig.querySelector(".table-view").hidden = !table;
        el.hidden = table;
        fig.querySelectorAll("[data-view]").forEach(function (x) { x.setAttribute("aria-pressed", String(x === b)); });
        if (!table) { if (c.chart) fit(entry(el)); else want(el); }
      });
    });
    fig.querySelectorAll("[data-download]").forEach(function (b) {
      b.addEventListener("click", function () {
        var kind = b.getAttribute("data-download");
        var data = c.shown || c.island;
        if (kind === "csv") {
          download(fig.id + ".csv", URL.createObjectURL(new Blob([csvOf(data)], { type: "text/csv;charset=utf-8" })));
          return;
        }
        exportChart(entry(el), fig, kind);
      });
    });
  }

  // Filters: every selection was drawn at build time (island.variants); the
  // browser only picks the matching one. The selection lives in the URL's
  // query so a filtered view can be shared.
  function selection() {
    var sel = {};
    document.querySelectorAll("[data-filter]").forEach(function (s) { if (s.value) sel[s.getAttribute("data-filter")] = s.value; });
    return sel;
  }

  // variantOption is the chart's option with the parts the build drew for
  // the variant's selection (v.option: its series, axis, scale…) in place.
  function variantOption(island, v) {
    var o = JSON.parse(JSON.stringify(island.option));
    Object.keys(v.option || {}).forEach(function (k) { o[k] = v.option[k]; });
    return o;
  }

  function variantFor(island, sel) {
    var cols = {};
    (island.variants || []).forEach(function (v) { Object.keys(v.select).forEach(function (k) { cols[k] = true; }); });
    var want = {}, any = false;
    Object.keys(sel).forEach(function (k) { if (cols[k]) { want[k] = sel[k]; any = true; } });
    if (!any) return null;
    var keys = Object.keys(want);
    for (var i = 0; i < island.variants.length; i++) {
      var v = island.variants[i], ks = Object.keys(v.select);
      if (ks.length === keys.length && keys.every(function (k) { return v.select[k] === want[k]; })) return v;
    }
    return { select: want, x: [], series: [] }; // a value this chart does not have
  }

  function fillTable(fig, shown) {
    var body = fig.querySelector(".table-view tbody");
    if (!body) return;
    body.textContent = "";
    var links = pageLinks(fig.querySelector("[data-links]")) || {};
    shown.x.forEach(function (x, i) {
      var tr = document.createElement("tr"), th = document.createElement("th");
      th.scope = "row"; tr.appendChild(th);
      if (links[x]) { var a = document.createElement("a"); a.href = links[x]; a.textContent = x; th.appendChild(a); } else th.textContent = x;
      shown.series.forEach(function (s) {
        var td = document.createElement("td"), v = s.values[i];
        td.className = "num"; td.setAttribute("data-sort", v == null ? "" : String(v));
        td.textContent = v == null ? "—" : (s.labels && s.labels[i]) || fmt(v); tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function applyFilters(push) {
    var sel = selection();
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (el) {
      var c = entry(el);
      if (!c.island.variants) return;
      var v = variantFor(c.island, sel), fig = c.el.closest("figure");
      var shown = c.island;
      var empty = v && !(v.x && v.x.length);
      // A selection is drawn in the chart's box: its height and the room
      // for the legend's rows are the chart's (height() keeps them).
      if (v && !empty) shown = { option: variantOption(c.island, v), phone: c.island.phone, title: c.island.title, xLabel: c.island.xLabel, unit: c.island.unit, x: v.x, series: v.series,
        get legendRows() { return c.island.legendRows; } };
      c.shown = shown;
      fig.querySelector(".filter-empty").hidden = !empty;
      c.el.style.visibility = empty ? "hidden" : "";
      if (!empty && c.chart) redraw(c);
      fillTable(fig, empty ? { x: [], series: [] } : shown);
      var gaps = fig.querySelector(".gaps"), missing = [];
      if (!empty) shown.x.forEach(function (x, i) { if (shown.series.every(function (s) { return s.values[i] == null; })) missing.push(x); });
      gaps.textContent = missing.length ? gaps.getAttribute("data-prefix") + ": " + missing.join(", ") + "." : "";
      gaps.hidden = !missing.length;
    });
    // Beside a filter whose values have pages (countries), a link to the
    // chosen value's page.
    document.querySelectorAll("[data-filter-page]").forEach(function (a) {
      var s = document.querySelector('[data-filter="' + a.getAttribute("data-filter-page") + '"]');
      var o = s && s.selectedIndex >= 0 ? s.options[s.selectedIndex] : null;
      a.hidden = !(o && o.getAttribute("data-page"));
      if (!a.hidden) { a.href = o.getAttribute("data-page"); a.textContent = o.getAttribute("data-page-title"); }
    });
    document.querySelectorAll("tr[data-filters]").forEach(function (tr) {
      var row = new URLSearchParams(tr.getAttribute("data-filters"));
      var ok = Object.keys(sel).every(function (k) { return !row.has(k) || row.get(k) === sel[k]; });
      tr.hidden = !ok;
    });
    if (push) {
      var q = new URLSearchParams();
      if (embedded) q.set("embed", embedded);
      Object.keys(sel).sort().forEach(function (k) { q.set(k, sel[k]); });
      var s = q.toString();
      try { history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash); } catch (e) {}
    }
  }

  function initFilters() {
    var selects = document.querySelectorAll("[data-filter]");
    if (!selects.length) return;
    var q = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var v = q.get(s.getAttribute("data-filter"));
      if (v && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
      s.addEventListener("change", function () { applyFilters(true); });
    });
    applyFilters(false);
  }

  function restyle() {
    cssCache = {};
    charts.forEach(function (c) { redraw(c); });
  }

  // Sortable tables: click a header to sort by it, again to reverse.
  // sortText is the key of a cell that has no data-sort: a number in the
  // page's notation ("305.796,63" in Spanish) as JavaScript writes it
  // ("305796.63"), any other text as it is. Tablero leaves data-sort out
  // only where its own sortText (internal/render) gives this same key.
  var notation = lang === "en" ? /^-?\d{1,3}(,\d{3})*(\.\d+)?$/ : /^-?\d{1,3}(\.\d{3})*(,\d+)?$/;
  function sortText(s) {
    if (!notation.test(s)) return s;
    return lang === "en" ? s.replace(/,/g, "") : s.replace(/\./g, "").replace(",", ".");
  }
  function sortKey(td) { return td.hasAttribute("data-sort") ? td.getAttribute("data-sort") : sortText(td.textContent); }
  function sortable(table) {
    table.querySelectorAll("thead th").forEach(function (th, col) {
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      function go() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (x) { x.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(r) {
          var s = sortKey(r.cells[col]);
          var n = parseFloat(s); return s !== "" && !isNaN(n) && /^-?[0-9.]+$/.test(s) ? n : s.toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === "" && y !== "") return 1;
          if (y === "" && x !== "") return -1;
          var r = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), lang);
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
    });
  }

  // Phones: a table block wider than the screen is shown as one card per
  // row, each cell under its column's name, instead of scrolling sideways.
  // The roles keep it a table for screen readers, whatever CSS does to it.
  function stackTables() { wideTables().forEach(stack); }
  // wideTables unstacks every table, reads every width (one layout) and
  // lists those too wide for the screen.
  function wideTables() {
    var all = Array.prototype.slice.call(document.querySelectorAll(".table-scroll > table.data"));
    all.forEach(function (t) { t.classList.remove("stacked"); });
    if (!narrow()) return [];
    return all.filter(function (t) {
      return t.tHead && t.tBodies[0] && t.scrollWidth > t.parentNode.clientWidth + 1;
    });
  }
  function stack(t) {
    if (!t.hasAttribute("data-labels")) {
      var heads = Array.prototype.map.call(t.tHead.rows[0].cells, function (th) { th.setAttribute("role", "columnheader"); return th.textContent; });
      t.setAttribute("role", "table");
      Array.prototype.forEach.call([t.tHead].concat(Array.prototype.slice.call(t.tBodies)), function (g) { g.setAttribute("role", "rowgroup"); });
      Array.prototype.forEach.call(t.rows, function (tr) {
        tr.setAttribute("role", "row");
        if (tr.parentNode === t.tHead) return;
        Array.prototype.forEach.call(tr.cells, function (td, i) { td.setAttribute("role", "cell"); td.setAttribute("data-label", heads[i] || ""); });
      });
      t.setAttribute("data-labels", "");
    }
    t.classList.add("stacked");
  }

  // Long tables: a table marked data-collapse="N" (Tablero marks table
  // blocks of more than ten rows, and the rows past the tenth, tr.beyond:
  // the stylesheet hides those where scripts run, so the first layout is
  // short) shows its first N rows and a button to show them all, and back.
  // Without JavaScript and in print every row shows. The rows counted are
  // those a filter leaves; after sorting, the first N are the new first N.
  // It watches the rows instead of being called by sorting and filtering,
  // which then need to know nothing of it.
  function longTables() { return Array.prototype.slice.call(document.querySelectorAll("table[data-collapse]")); }
  function collapseTable(t) {
    (function () {
      var body = t.tBodies[0], fold = parseInt(t.getAttribute("data-collapse"), 10);
      if (!body || !(fold > 0) || body.rows.length <= fold) return;
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "show-rows";
      var open = false;
      function update() {
        var shown = 0;
        Array.prototype.forEach.call(body.rows, function (tr) {
          if (tr.hidden) { tr.classList.remove("beyond"); return; }
          tr.classList.toggle("beyond", ++shown > fold);
        });
        t.classList.toggle("collapsed", !open);
        btn.hidden = shown <= fold;
        btn.setAttribute("aria-expanded", String(open));
        btn.textContent = open ? (lang === "en" ? "Show only " + fold + " rows" : "Ver solo " + fold + " filas") :
          (lang === "en" ? "Show all " + nf.format(shown) + " rows" : "Ver las " + nf.format(shown) + " filas");
      }
      t.classList.remove("folded"); // the HTML's first state: from now on, .collapsed
      btn.addEventListener("click", function () { open = !open; update(); });
      var box = t.parentNode.classList.contains("table-scroll") ? t.parentNode : t;
      box.insertAdjacentElement("afterend", btn);
      if (window.MutationObserver) {
        new MutationObserver(update).observe(body, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden"] });
      }
      update();
    })();
  }

  // beforeprint: a chart whose scripts are loaded starts at once (printing
  // cannot wait), and every chart takes the paper's width; a chart that
  // cannot start yet prints as its table (tablero.css hides its empty box).
  function beforePrint() {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var c = entry(el);
      if (!c.chart && ready(c)) start(el);
    });
    charts.forEach(function (c) { fit(c); if (drawable(c)) c.chart.resize(); });
  }

  // steps runs each function in a task of its own, after the page's first
  // frame, so that no step (nor the first layout) holds the main thread
  // long on a slow phone. The first step waits for that frame, however
  // late: a timer that ran first would make the step lay the whole page
  // out (a 100 ms task at 4× slowdown on a busy machine). Only a page
  // hidden from the start, which gets no frames, goes by the timer.
  // A step that returns true has changed the layout: the next one waits
  // for the frame that lays it out.
  function steps(list) {
    var frames = window.requestAnimationFrame && document.visibilityState !== "hidden";
    function next() {
      var f = list.shift();
      if (!f) return;
      if (f() && frames) requestAnimationFrame(first); else setTimeout(next, 0);
    }
    function first() { setTimeout(next, 0); }
    if (frames) requestAnimationFrame(first);
    else setTimeout(first, 100);
  }

  // Embed mode (page.html?embed=ID: chart ID alone, for an iframe on
  // another site) is embed.js's work, fetched only then; until it has
  // marked what stays, the stylesheet hides the page's content. The "Embed"
  // boxes, hidden without scripts, fetch it when one is opened, for the
  // code it writes.
  var embedded = new URLSearchParams(location.search).get("embed") || "";
  function initEmbed() {
    var main = document.querySelector("main[data-embed-script]");
    if (!main) return;
    var src = main.getAttribute("data-embed-script");
    if (embedded) {
      document.documentElement.classList.add("embedded");
      // Should embed.js not come, the whole page rather than a blank one.
      loadScript(src, function () { if (!window.tableroFillEmbed) document.documentElement.classList.remove("embedded"); });
      return;
    }
    document.querySelectorAll("details.embed[data-embed]").forEach(function (box) {
      box.hidden = false;
      box.addEventListener("toggle", function () {
        if (box.open) loadScript(src, function () { if (window.tableroFillEmbed) window.tableroFillEmbed(box); });
      });
    });
  }

  function init() {
    initEmbed();
    var els = Array.prototype.slice.call(document.querySelectorAll("[data-chart]"));
    // Long tables, folded by the stylesheet, get their button at once.
    longTables().forEach(collapseTable);
    // Then, after a frame, while the page's layout is still clean (measured
    // after other changes, tables would make the browser lay the whole page
    // out inside our task), each table too wide for a phone stacks in a
    // frame of its own (all at once: one 40 ms layout unthrottled).
    var list = [function () {
      list.unshift.apply(list, wideTables().map(function (t) { return function () { stack(t); return true; }; }));
    }, function () { document.querySelectorAll("table.sortable").forEach(sortable); }];
    els.forEach(function (el) { list.push(function () { wire(el); }); });
    list.push(initFilters, function () {
      if (els.length && !body.getAttribute("data-echarts")) els = []; // no chart library on this page
      // Without IntersectionObserver every chart is queued at once (still
      // one per idle slice).
      els.forEach(function (el) { if (near) near.observe(el); else want(el); });
      if (!near) document.documentElement.setAttribute("data-charts-observed", "");
      document.documentElement.setAttribute("data-charts-ready", "");
    });
    steps(list);
    var toggle = document.querySelector("[data-decals]");
    if (toggle) {
      toggle.setAttribute("aria-pressed", String(decals));
      toggle.addEventListener("click", function () {
        decals = !decals;
        toggle.setAttribute("aria-pressed", String(decals));
        try { localStorage.setItem("tablero-decals", decals ? "1" : "0"); } catch (e) {}
        restyle();
      });
    }
    var resizeTimer;
    window.addEventListener("resize", function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () {
        stackTables();
        charts.forEach(function (c) { c.el.style.height = height(c.el, c.island) + "px"; fit(c); });
        // A chart whose turn came while its box had no size takes another.
        document.querySelectorAll("[data-chart][data-wanted]:not([data-started])").forEach(function (el) {
          var c = entry(el);
          if (c.done && !c.chart) { c.wanted = false; c.done = false; want(el); }
        });
      }, 100);
    });
    // Crossing the phone width changes the options themselves (a legend
    // instead of labels, the map's scale below it), not only their size.
    if (phone && phone.addEventListener) {
      phone.addEventListener("change", function () {
        stackTables();
        charts.forEach(function (c) { c.el.style.height = height(c.el, c.island) + "px"; });
        restyle();
      });
    }
    if (window.matchMedia) {
      var mq = window.matchMedia("(prefers-color-scheme: dark)");
      if (mq.addEventListener) mq.addEventListener("change", restyle);
    }
    window.addEventListener("beforeprint", beforePrint);
  }
  // The search box's script (search.js) comes with the reader's first use
  // of the box, so a page that is only read does not load it; at once on
  // a section index, whose filter it also serves.
  function initSearch() {
    var box = document.querySelector("[data-search][data-script]");
    if (!box) return;
    function get() { loadScript(box.getAttribute("data-script"), function () {}); }
    if (document.querySelector("[data-section-filter]") || document.activeElement === box) get();
    else ["focus", "pointerdown"].forEach(function (t) { box.addEventListener(t, get, { once: true }); });
  }
  initSearch();
  // csv gives the text a chart block's CSV download holds; sortKey gives the key a table cell sorts by.
  window.tablero = { charts: charts, startAll: startAll, csv: function (el) { var c = entry(el); return csvOf(c.shown || c.island); }, sortKey: sortKey };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
