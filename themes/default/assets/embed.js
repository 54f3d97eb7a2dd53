// embed.js serves a chart's embedding, fetched by tablero.js only when it
// is needed. On a page in embed mode (page.html?embed=ID, the address an
// iframe on another site loads) it shows chart ID alone: it marks the
// figure, the page's filters and the folders holding them, which the
// stylesheet then leaves visible; adds a link back to the whole page;
// makes links open in the reader's window, not in the frame; and tells
// the frame the height it needs ({tablero: "height", height}), which the
// snippet below listens for. The rest of the page stays hidden, and its
// charts are never started (they start near the viewport).
// On a page read as such, it writes the code of a chart's "Embed" box.
(function () {
  "use strict";
  var main = document.querySelector("main");
  var id = new URLSearchParams(location.search).get("embed");

  function esc(s) { return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  // tableroFillEmbed writes into an "Embed" box the code to paste: an
  // iframe of the page in embed mode, with the reader's filters, absolute
  // from the page's own address; a script that takes the height the page
  // posts; a link where iframes are not shown.
  window.tableroFillEmbed = function (box) {
    var fig = box.closest("figure"), area = box.querySelector("textarea");
    var q = new URLSearchParams(location.search);
    q.delete("embed");
    var rest = q.toString(), page = location.href.split("#")[0].split("?")[0];
    var src = page + "?embed=" + encodeURIComponent(fig.id) + (rest ? "&" + rest : "");
    var t = fig.querySelector(".block-title"), title = esc(t ? t.textContent : ""), f = "tablero-" + fig.id;
    area.value = '<iframe src="' + esc(src) + '" title="' + title + '" id="' + f + '" style="width:100%;border:0" height="560" loading="lazy"></iframe>\n' +
      '<script>addEventListener("message",function(e){var d=e.data,f=document.getElementById("' + f + '");if(d&&d.tablero==="height"&&f&&e.source===f.contentWindow)f.style.height=d.height+"px"})</script>\n' +
      '<noscript><a href="' + esc(page + "#" + fig.id) + '">' + title + '</a></noscript>';
    area.focus();
    area.select();
  };

  var fig = id && document.getElementById(id);
  if (!main || !fig || !fig.classList.contains("chart-block")) {
    // No such chart: the whole page, rather than an empty frame.
    document.documentElement.classList.remove("embedded");
    return;
  }
  [fig, document.querySelector("form[data-filters]")].forEach(function (el) {
    if (!el || !main.contains(el)) return;
    el.setAttribute("data-embed-keep", "");
    for (var a = el.parentElement; a !== main; a = a.parentElement) a.setAttribute("data-embed-path", "");
  });
  var base = document.createElement("base");
  base.target = "_top";
  document.head.appendChild(base);
  var back = document.createElement("p"), a = document.createElement("a");
  back.className = "embed-back";
  a.href = location.pathname + "#" + id;
  a.textContent = main.getAttribute("data-embed-back") || document.title;
  back.appendChild(a);
  main.appendChild(back);

  if (window.parent === window) return;
  var last = 0;
  function post() {
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h === last || h === 0) return;
    last = h;
    window.parent.postMessage({ tablero: "height", height: h }, "*");
  }
  post();
  window.addEventListener("load", post);
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.body); else window.addEventListener("resize", post);
})();
