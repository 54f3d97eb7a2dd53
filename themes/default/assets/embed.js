// embed.js runs in a chart's embed page (embed/ID.html) inside another
// site's iframe: it tells the embedding page the height it needs, as the
// snippet of the "Embed" box expects ({tablero: "height", height}), when
// the page loads and whenever its content changes size (the chart draws,
// the reader opens the table view, the window narrows).
(function () {
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
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.body);
  else window.addEventListener("resize", post);
})();
