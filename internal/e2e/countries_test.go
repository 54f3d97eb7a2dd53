package e2e

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestCountryMapLinks opens the history of FDI from disk (file://, where
// only relative links work) in both languages, clicks the United States on
// the world map with real mouse events and expects the country's own page;
// then, back on the board, opens the map's table view and activates the
// same country's link with the keyboard, the alternative to the map; and
// last, chooses the country in the board's filter and follows the link to
// its page that appears beside it.
func TestCountryMapLinks(t *testing.T) {
	need(t)
	t.Parallel()
	for _, tc := range []struct{ board, page, name, h1 string }{
		{"historia-ied.html", "paises/us.html", "Estados Unidos", "Estados Unidos en DatACI"},
		{"en/historia-ied.html", "en/paises/us.html", "United States", "United States in DatACI"},
	} {
		t.Run(tc.board, func(t *testing.T) {
			tb := env.tabs.get()
			defer env.tabs.put(tb)
			board, want := env.file.url(tc.board), env.file.url(tc.page)

			// The mouse: the map's country, at the pixel ECharts draws it.
			if err := tb.open(board, desktop); err != nil {
				t.Fatal(err)
			}
			type point struct {
				X, Y float64
				Link string
			}
			pt, err := eval[point](tb, fmt.Sprintf(`(function () {
				var el = document.querySelector(".chart-map[data-links]");
				el.scrollIntoView({ block: "center" });
				return new Promise(function (done) {
					requestAnimationFrame(function () { requestAnimationFrame(function () {
						var p = echarts.getInstanceByDom(el).convertToPixel({ seriesIndex: 0 }, [-100, 40]), r = el.getBoundingClientRect();
						done({ x: r.left + p[0], y: r.top + p[1], link: JSON.parse(el.getAttribute("data-links"))[%q] || "" });
					}); });
				});
			})()`, tc.name))
			if err != nil {
				t.Fatal(err)
			}
			if pt.Link == "" || strings.Contains(pt.Link, "://") || strings.HasPrefix(pt.Link, "/") {
				t.Fatalf("the map's data-links give %s %q; want a relative link to its page", tc.name, pt.Link)
			}
			ctx, cancel := tb.step(10 * time.Second)
			err = chromedp.Do(ctx, chromedp.MouseClickXY(pt.X, pt.Y))
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			if err := arrive(tb, want, tc.h1); err != nil {
				t.Fatalf("clicking %s on the map: %v", tc.name, err)
			}

			// The keyboard: the table view's link, focused and activated.
			// Neither it nor the filter below needs the charts started.
			if err := tb.openWired(board, desktop); err != nil {
				t.Fatal(err)
			}
			if err := tb.click(`.chart-block:has(.chart-map[data-links]) button[data-view="table"]`); err != nil {
				t.Fatal(err)
			}
			sel := `.chart-block:has(.chart-map[data-links]) .table-view a[href="` + pt.Link + `"]`
			ctx, cancel = tb.step(10 * time.Second)
			err = chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(sel), chromedp.NodeVisible), chromedp.KeyEvent("\r"))
			cancel()
			if err != nil {
				t.Fatalf("the table view has no visible link to %s: %v", pt.Link, err)
			}
			if err := arrive(tb, want, tc.h1); err != nil {
				t.Fatalf("Enter on %s in the map's table view: %v", tc.name, err)
			}

			// The country filter: choosing the country shows a link to its page.
			if err := tb.openWired(board, desktop); err != nil {
				t.Fatal(err)
			}
			if _, err := eval[bool](tb, `(function () {
				var s = document.querySelector('[data-filter="country"]');
				s.value = "US";
				s.dispatchEvent(new Event("change"));
				return true;
			})()`); err != nil {
				t.Fatal(err)
			}
			if err := tb.click(`a.filter-page[data-filter-page="country"]`); err != nil {
				t.Fatalf("no link to the chosen country's page beside the filter: %v", err)
			}
			if err := arrive(tb, want, tc.h1); err != nil {
				t.Fatalf("the filter's link to %s: %v", tc.name, err)
			}
		})
	}
}

// arrive waits until the tab shows the page at url with heading h1. It asks
// the page again while the navigation replaces the document (an evaluation
// that fails then is not an answer) and gives up, as a hang detector, after
// slack(30 s).
func arrive(tb *tab, url, h1 string) error {
	ctx, cancel := tb.step(30 * time.Second)
	defer cancel()
	var last string
	for {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(function (done) {
			function look() {
				var h = document.querySelector("h1");
				if (document.readyState === "complete" && h) done(location.href + "\n" + h.textContent.trim());
				else setTimeout(look, 16);
			}
			look();
		})`, chromedp.EvalAwaitPromise))
		if err == nil {
			last = got
			if got == url+"\n"+h1 {
				return nil
			}
		}
		if ctx.Err() != nil {
			return errors.New("the tab stayed at " + strings.ReplaceAll(last, "\n", " (h1 ") + ")")
		}
		// The answer may be the board still (the click's navigation not
		// yet begun): wait a frame in the page and ask again.
		chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(function (done) { requestAnimationFrame(function () { done(true); }); })`, chromedp.EvalAwaitPromise))
	}
}
