package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestEmbedFromAnotherOrigin takes a chart's embed code from a board with
// a filter chosen, pastes it in a page served on a second loopback port
// (another origin, as the agency's news site would be), and checks that the
// iframe shows the chart and takes the height the embed page asks for.
// Then it opens the embed page itself: the chart drawn with the reader's
// filter, no console error, and no serious axe-core violation.
func TestEmbedFromAnotherOrigin(t *testing.T) {
	need(t)
	t.Parallel()
	pages := pagesWith("data-filter=")
	if len(pages) == 0 {
		t.Fatal("no board has both a filter and an embeddable chart")
	}
	pg := pages[0]
	tb := env.tabs.get()
	defer env.tabs.put(tb)
	if err := tb.open(env.http.url(pg.Path), desktop); err != nil {
		t.Fatal(err)
	}
	type picked struct {
		Column, Value, Code, ID string
	}
	// Choose the first value of the filter, open the first chart's box.
	p, err := eval[picked](tb, `(function () {
		var s = document.querySelector("[data-filter]");
		var v = Array.prototype.map.call(s.options, function (o) { return o.value; }).filter(Boolean)[0];
		s.value = v;
		s.dispatchEvent(new Event("change"));
		var box = document.querySelector("details.embed");
		return new Promise(function (done) {
			box.addEventListener("toggle", function () {
				done({ column: s.getAttribute("data-filter"), value: v, code: box.querySelector("textarea").value,
					id: box.closest("figure").id });
			}, { once: true });
			box.open = true;
		});
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	prefix := ""
	if pg.Lang != env.site.Langs[0] {
		prefix = pg.Lang + "/"
	}
	src := env.http.Base + prefix + "embed/" + p.ID + ".html?" + p.Column + "=" + p.Value
	if !strings.Contains(p.Code, `src="`+src+`"`) {
		t.Fatalf("the embed code does not point at %s with the filter:\n%s", src, p.Code)
	}
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!DOCTYPE html><html lang=\"es\"><head><title>Noticias</title></head><body><h1>Noticia</h1>\n%s\n<p>Fin.</p></body></html>", p.Code)
	}))
	defer host.Close()
	if strings.HasPrefix(host.URL, strings.TrimSuffix(env.http.Base, "/")) {
		t.Fatal("the host page must be served from another origin")
	}
	if err := tb.open(host.URL+"/", desktop); err != nil {
		t.Fatal(err)
	}
	// Wait until the embed page has told its height: the iframe's style
	// changes when its message arrives.
	h, err := eval[float64](tb, `new Promise(function (done) {
		var f = document.querySelector("iframe");
		function check() { if (f.style.height) { done(parseFloat(f.style.height)); return true; } return false; }
		if (!check()) new MutationObserver(function () { check(); }).observe(f, { attributes: true });
	})`)
	if err != nil {
		t.Fatalf("the iframe never received its height: %v", err)
	}
	if h < 250 || h == 560 {
		t.Errorf("the iframe's height is %v px: not the embed page's own", h)
	}

	// The embed page itself, as the iframe loads it.
	if err := tb.open(src, desktop); err != nil {
		t.Fatal(err)
	}
	type state struct {
		Value     string
		Drawn     bool
		Back      string
		Boxes     int
		Headings1 int
	}
	st, err := eval[state](tb, `(function () {
		var s = document.querySelector("[data-filter]");
		var el = document.querySelector("[data-chart]");
		return { value: s ? s.value : "", drawn: !!(window.echarts && el && echarts.getInstanceByDom(el)),
			back: document.querySelector(".embed-back a").href, boxes: document.querySelectorAll("details.embed").length,
			headings1: document.querySelectorAll("h1").length };
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if st.Value != p.Value || !st.Drawn {
		t.Errorf("embed page: filter %q (want %q), chart drawn %v", st.Value, p.Value, st.Drawn)
	}
	if !strings.HasSuffix(st.Back, pg.Path+"#"+p.ID) || st.Boxes != 0 || st.Headings1 != 1 {
		t.Errorf("embed page: back link %q, %d embed boxes, %d h1", st.Back, st.Boxes, st.Headings1)
	}
	for _, rec := range tb.takeRecords() {
		if rec.Kind == "console" || rec.Kind == "exception" || rec.Kind == "failed" || rec.Kind == "http-status" {
			t.Errorf("%s: %s %s", rec.Kind, rec.URL, rec.Text)
		}
	}
	var r report
	checkAxe(&r, tb, "light")
	for _, pr := range r.problems {
		t.Errorf("embed page: %s", pr)
	}
}
