package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEmbedFromAnotherOrigin takes a chart's embed code from a board with
// a filter chosen, pastes it in a page served on a second loopback port
// (another origin, as the agency's news site would be), and checks that the
// iframe shows the chart and takes the height the embedded page asks for.
// Then it opens the board in embed mode itself (?embed=ID, as the iframe
// does): that chart alone drawn with the reader's filter, the rest of the
// board hidden and never started, links leaving the frame, no console
// error, and no serious axe-core violation.
func TestEmbedFromAnotherOrigin(t *testing.T) {
	need(t)
	t.Parallel()
	pg := firstPageWith(t, "data-filter=")
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
		// The code is written once embed.js has come: wait for it.
		return new Promise(function (done) {
			var area = box.querySelector("textarea");
			(function check() {
				if (!area.value) { requestAnimationFrame(check); return; }
				done({ column: s.getAttribute("data-filter"), value: v, code: area.value, id: box.closest("figure").id });
			})();
			box.open = true;
		});
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	src := env.http.Base + pg.Path + "?embed=" + p.ID + "&" + p.Column + "=" + p.Value
	if !strings.Contains(p.Code, `src="`+strings.ReplaceAll(src, "&", "&amp;")+`"`) {
		t.Fatalf("the embed code does not point at %s with the filter:\n%s", src, p.Code)
	}
	// The article shows the chart at once, or (/far) a screen and a half
	// down: near enough for the browser to load the lazy iframe, off screen,
	// where it does not paint it. The page must tell its height all the
	// same, or the article jumps as the reader scrolls to it.
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		spacer := ""
		if r.URL.Path == "/far" {
			spacer = `<div style="height:150vh"></div>`
		}
		fmt.Fprintf(w, "<!DOCTYPE html><html lang=\"es\"><head><title>Noticias</title></head><body><h1>Noticia</h1>\n%s%s\n<p>Fin.</p></body></html>", spacer, p.Code)
	}))
	defer host.Close()
	if strings.HasPrefix(host.URL, strings.TrimSuffix(env.http.Base, "/")) {
		t.Fatal("the host page must be served from another origin")
	}
	for _, where := range []string{"/", "/far"} {
		if err := tb.openBare(host.URL+where, desktop); err != nil {
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
			t.Fatalf("%s: the iframe never received its height: %v", where, err)
		}
		if h < 250 || h == 560 {
			t.Errorf("%s: the iframe's height is %v px: not the embed page's own", where, h)
		}
	}

	// The board in embed mode, as the iframe loads it.
	if err := tb.open(src, desktop); err != nil {
		t.Fatal(err)
	}
	type state struct {
		Value, Back, Target, URL string
		Drawn, Header            bool
		Shown, Started, Boxes    int
		Headings1                int
	}
	// Waits for the chart's start: it is the only one on screen.
	st, err := eval[state](tb, fmt.Sprintf(`new Promise(function (done) {
		var el = document.getElementById(%q).querySelector("[data-chart]");
		function visible(x) { return x.getClientRects().length > 0; }
		function check() {
			if (!el.hasAttribute("data-started")) return false;
			var s = document.querySelector("[data-filter]");
			done({ value: s ? s.value : "", drawn: !!(window.echarts && echarts.getInstanceByDom(el)),
				back: document.querySelector(".embed-back a").href, target: (document.querySelector("base") || {}).target || "",
				url: location.search, header: visible(document.querySelector("body > header")),
				shown: Array.prototype.filter.call(document.querySelectorAll("figure, .kpi, table"), visible).length,
				started: document.querySelectorAll("[data-started]").length,
				boxes: Array.prototype.filter.call(document.querySelectorAll("details.embed"), visible).length,
				headings1: document.querySelectorAll("h1").length });
			return true;
		}
		if (!check()) new MutationObserver(check).observe(el, { attributes: true });
	})`, p.ID))
	if err != nil {
		t.Fatal(err)
	}
	if st.Value != p.Value || !st.Drawn {
		t.Errorf("embed mode: filter %q (want %q), chart drawn %v", st.Value, p.Value, st.Drawn)
	}
	if !strings.HasSuffix(st.Back, pg.Path+"#"+p.ID) || st.Target != "_top" || st.Boxes != 0 || st.Headings1 != 1 {
		t.Errorf("embed mode: back link %q, links open in %q, %d embed boxes shown, %d h1", st.Back, st.Target, st.Boxes, st.Headings1)
	}
	// The figure and its table view (hidden behind the tab) count once;
	// nothing else of the board shows or starts.
	if st.Header || st.Shown != 1 || st.Started != 1 {
		t.Errorf("embed mode: header shown %v, %d figures/tables/cards shown, %d charts started; want the one chart", st.Header, st.Shown, st.Started)
	}
	if !strings.Contains(st.URL, "embed="+p.ID) {
		t.Errorf("embed mode: the address lost ?embed= (%q): a reload would show the whole board", st.URL)
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

// TestEmbedWithoutItsScript opens a board in embed mode on a copy of the
// site that lacks embed.js (a failed request, a host that drops a file):
// the stylesheet hides the page until embed.js has marked the chart, so
// without it the page must show whole, not stay blank.
func TestEmbedWithoutItsScript(t *testing.T) {
	need(t)
	t.Parallel()
	pg := firstPageWith(t, "data-embed-script=")
	dir := t.TempDir()
	if _, err := env.site.copyTo(dir); err != nil {
		t.Fatal(err)
	}
	scripts, _ := filepath.Glob(filepath.Join(dir, "assets", "embed.*.js"))
	if len(scripts) != 1 {
		t.Fatalf("want one embed.js in assets/, found %v", scripts)
	}
	if err := os.Remove(scripts[0]); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(staticFiles(dir))
	defer srv.Close()
	html, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(pg.Path)))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<figure class="block chart-block" id="([^"]+)"`).FindSubmatch(html)
	if m == nil {
		t.Fatalf("%s has no chart", pg.Path)
	}
	tb := env.tabs.get()
	defer env.tabs.put(tb)
	if err := tb.open(srv.URL+"/"+pg.Path+"?embed="+string(m[1]), desktop); err != nil {
		t.Fatal(err)
	}
	// tablero.js marks the page embedded as it starts and takes the mark
	// off once embed.js has failed to load; a page that keeps it hides its
	// header for good, and this wait runs out.
	if err := tb.waitFor(`window.tablero && !document.documentElement.classList.contains("embedded")`, chartWait); err != nil {
		t.Fatal(err)
	}
	header, err := eval[bool](tb, `document.querySelector("body > header").getClientRects().length > 0`)
	if err != nil {
		t.Fatal(err)
	}
	if !header {
		t.Error("without embed.js the page in embed mode hides its header: the page must show whole")
	}
	tb.takeRecords() // the missing script's 404 is this test's doing
}
