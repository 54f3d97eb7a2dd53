// Live reload and error overlay of `tablero serve`. Injected into pages by
// the preview server only; never part of a built site.
//
// The page carries its state as JSON in #tablero-live. The server's event
// stream sends "reload" after a good build and "build-failed" with the
// errors after a bad one. Every text is inserted with textContent: a
// message quoting a cell or a file name can never become markup.
(function () {
  "use strict";

  var state = {};
  try {
    state = JSON.parse(document.getElementById("tablero-live").textContent);
  } catch (e) {}

  var box = null;

  function el(tag, css, text) {
    var e = document.createElement(tag);
    if (css) e.style.cssText = css;
    if (text) e.textContent = text;
    return e;
  }

  function hide() {
    if (box) {
      box.remove();
      box = null;
    }
  }

  function show(s) {
    hide();
    if (!s || !s.errors || !s.errors.length) return;
    box = el("div", "position:fixed;top:0;right:0;bottom:0;left:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(16,16,16,.82);padding:2rem 1rem;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;text-align:left");
    box.id = "tablero-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", "tablero-overlay-title");
    var panel = el("div", "max-width:56rem;margin:0 auto;background:#fff;color:#1a1a1a;border-top:6px solid #b00020;" +
      "border-radius:6px;padding:1.5rem 2rem;box-shadow:0 8px 32px rgba(0,0,0,.4)");
    var h = el("h2", "margin:0 0 .5rem;font-size:1.5rem;color:#b00020", s.title);
    h.id = "tablero-overlay-title";
    panel.appendChild(h);
    if (s.intro) panel.appendChild(el("p", "margin:0 0 1.25rem", s.intro));
    var list = el("ol", "margin:0 0 1.25rem;padding-left:1.5rem");
    s.errors.forEach(function (e) {
      var li = el("li", "margin:0 0 1rem");
      if (e.pos) {
        li.appendChild(el("code", "display:block;font:600 15px/1.4 ui-monospace,Consolas,monospace;" +
          "color:#6a1b9a;word-break:break-all", e.pos));
      }
      li.appendChild(el("div", "", e.message));
      if (e.hint) li.appendChild(el("div", "color:#1b5e20;margin-top:.25rem", "→ " + e.hint));
      (e.notes || []).forEach(function (n) {
        var note = el("div", "margin-top:.25rem;padding-left:1rem;border-left:3px solid #ccc", "");
        if (n.pos) {
          note.appendChild(el("code", "font:600 14px/1.4 ui-monospace,Consolas,monospace;color:#6a1b9a;" +
            "word-break:break-all;margin-right:.5rem", n.pos));
        }
        note.appendChild(document.createTextNode(n.message));
        li.appendChild(note);
      });
      list.appendChild(li);
    });
    panel.appendChild(list);
    var btn = el("button", "font:inherit;padding:.4rem 1.2rem;border:1px solid #555;border-radius:4px;" +
      "background:#f2f2f2;color:#1a1a1a;cursor:pointer", s.hide || "×");
    btn.type = "button";
    btn.addEventListener("click", hide);
    panel.appendChild(btn);
    box.appendChild(panel);
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") hide();
    });
    document.body.appendChild(box);
    btn.focus();
  }

  function start() {
    show(state);
    if (!window.EventSource) return;
    var es = new EventSource("/__tablero/events?v=" + encodeURIComponent(state.version || ""));
    es.addEventListener("reload", function () {
      location.reload();
    });
    es.addEventListener("build-failed", function (ev) {
      try {
        show(JSON.parse(ev.data));
      } catch (e) {}
    });
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
