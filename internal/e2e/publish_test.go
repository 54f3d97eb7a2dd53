package e2e

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestFilterUpdatesChartsAndURL picks a value in a board's filter and
// checks that what is drawn changes, the table view and the table rows
// follow, and the choice lands in the URL; opening that URL restores it.
func TestFilterUpdatesChartsAndURL(t *testing.T) {
	need(t)
	t.Parallel()
	pg := firstPageWith(t, "data-filter=")
	tb := env.tabs.get()
	defer env.tabs.put(tb)
	if err := tb.open(env.http.url(pg.Path), desktop); err != nil {
		t.Fatal(err)
	}
	type state struct {
		Column, Value, Search string
		Options               []string
		Hidden, Rows          int
		Drawn                 string
	}
	const read = `(function () {
		var s = document.querySelector("[data-filter]");
		var opts = Array.prototype.map.call(s.options, function (o) { return o.value; }).filter(Boolean);
		var drawn = window.tablero.charts.map(function (c) {
			return JSON.stringify(c.chart.getOption().series.map(function (x) { return x.data; }));
		}).join("|");
		return { column: s.getAttribute("data-filter"), value: s.value, search: location.search, options: opts,
			hidden: document.querySelectorAll("tr[data-filters][hidden]").length,
			rows: document.querySelectorAll("tr[data-filters]").length, drawn: drawn };
	})()`
	before, err := eval[state](tb, read)
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Options) < 2 {
		t.Fatalf("filter %q offers %v", before.Column, before.Options)
	}
	pick := before.Options[0]
	after, err := eval[state](tb, fmt.Sprintf(`(function () {
		var s = document.querySelector("[data-filter]");
		s.value = %q;
		s.dispatchEvent(new Event("change"));
		return %s;
	})()`, pick, read))
	if err != nil {
		t.Fatal(err)
	}
	if after.Drawn == before.Drawn {
		t.Errorf("choosing %s=%s changed no chart", before.Column, pick)
	}
	want := "?" + (url.Values{before.Column: {pick}}).Encode()
	if after.Search != want {
		t.Errorf("URL query = %q, want %q", after.Search, want)
	}
	if after.Rows > 0 && after.Hidden == 0 {
		t.Errorf("no table row hidden after filtering (%d rows)", after.Rows)
	}
	// The shared link opens the same view.
	if err := tb.open(env.http.url(pg.Path)+after.Search, desktop); err != nil {
		t.Fatal(err)
	}
	again, err := eval[state](tb, read)
	if err != nil {
		t.Fatal(err)
	}
	if again.Value != pick || again.Drawn != after.Drawn {
		t.Errorf("opening %s%s: filter %q, same drawing %v", pg.Path, after.Search, again.Value, again.Drawn == after.Drawn)
	}
	for _, p := range tb.takeRecords() {
		if p.Kind == "console" || p.Kind == "exception" {
			t.Errorf("%s: %s %s", p.Kind, p.URL, p.Text)
		}
	}
}

// TestHostileTextDoesNotRun builds a site whose data, schema, configuration
// and Markdown carry markup and script (internal/build/testdata/hostile)
// and opens its pages: no dialog may open, no injected element may exist,
// and the strings must read as text.
func TestHostileTextDoesNotRun(t *testing.T) {
	need(t)
	t.Parallel()
	_, out := buildTestdata(t, "internal/build/testdata/hostile")
	srv := httptest.NewServer(staticFiles(out))
	defer srv.Close()

	ctx, cancel := chromedp.NewContext(env.browser.ctx)
	defer cancel()
	// Listen opens the tab and subscribes before the first navigation. An
	// iterator over the tab's events, started in a goroutine beside that
	// navigation, raced it to open the tab (the likely cause of a 30 s stall
	// in CI) and could miss a dialog opened early.
	var dialogs atomic.Int32
	err := chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
			t.Logf("dialog opened: %q", d.Message)
			// Listeners must not run commands: answer from another goroutine.
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "en/index.html"} {
		for _, base := range []string{srv.URL + "/", (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/"}).String()} {
			step, stop := context30(ctx)
			err := chromedp.Do(step, chromedp.Navigate(base+p))
			stop()
			if err != nil {
				t.Fatalf("%s%s: %v", base, p, err)
			}
			// Wait until the theme has started every chart (charts start
			// near the viewport; startAll starts the rest). Any script the
			// data injected would have run by then.
			step, stop = context30(ctx)
			_, err = chromedp.Run(step, chromedp.Evaluate[bool](`new Promise(function (done) {
				(function poll() {
					var d = document.documentElement;
					if (d.hasAttribute("data-charts-ready")) window.tablero.startAll();
					if (d.hasAttribute("data-charts-all")) done(true); else setTimeout(poll, 16);
				})();
			})`, chromedp.EvalAwaitPromise))
			stop()
			if err != nil {
				t.Fatalf("%s%s: the charts did not start: %v", base, p, err)
			}
			step, stop = context30(ctx)
			got, err := chromedp.Run(step, chromedp.Evaluate[struct {
				Injected, Charts int
				Text             string
			}](`({
				injected: document.querySelectorAll('img[src="x"], body script:not([src]):not([type="application/json"]):not([data-scripts]), b[onmouseover]').length,
				charts: document.querySelectorAll("canvas").length,
				text: document.body.innerText
			})`))
			stop()
			if err != nil {
				t.Fatalf("%s%s: %v", base, p, err)
			}
			if got.Injected > 0 {
				t.Errorf("%s%s: %d elements injected from the data", base, p, got.Injected)
			}
			if got.Charts == 0 {
				t.Errorf("%s%s: no chart drawn", base, p)
			}
			for _, s := range []string{"<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>"} {
				if !strings.Contains(got.Text, s) {
					t.Errorf("%s%s: %q does not read as text", base, p, s)
				}
			}
		}
	}
	if n := dialogs.Load(); n > 0 {
		t.Errorf("%d dialogs opened: hostile text ran as script", n)
	}
}

func context30(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, slack(30*time.Second))
}
