package e2e

// robust_test.go: the page under conditions a busy machine, a background
// tab or a slow phone create (issue 12), each made deterministic.

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// sliver is a window one pixel wide: every chart's box is zero wide in it.
// Headless Chromium gave a tab such a viewport for a moment while the suite
// drove another tab of a busy machine; a reader gets one from a window
// snapped to nothing or a page in a collapsed frame.
var sliver = viewport{Width: 1, Height: 800}

// setViewport changes the loaded page's viewport (no reload).
func (t *tab) setViewport(vp viewport) error {
	ctx, cancel := t.step(10 * time.Second)
	defer cancel()
	opts := []chromedp.EmulateViewportOption{}
	if vp.Phone {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	return chromedp.Do(ctx, chromedp.EmulateViewport(vp.Width, vp.Height, opts...))
}

// chartsDrawn holds when every chart block of the page has an ECharts
// instance drawn at its box's size. The canvas is read too: a chart's
// instance is made a slice before its option, and it paints a frame after
// that (issue 18).
const chartsDrawn = `window.echarts && Array.prototype.every.call(document.querySelectorAll("[data-chart]"), function (el) {
	var c = echarts.getInstanceByDom(el), canvas = el.querySelector("canvas");
	return c && !c.isDisposed() && el.clientWidth > 0 && c.getWidth() === el.clientWidth && c.getHeight() === el.clientHeight &&
		!!canvas && canvas.width > 0;
})`

// TestChartsSurviveZeroSize drives the boards with a world map (the chart
// ECharts cannot lay out in a box without a size) through every way their
// charts can find themselves without one, and asserts that the page throws
// nothing and that every chart ends up drawn with the right numbers:
//
//   - the window shrinks to a sliver after the charts started (the phone
//     layout switch and the resize handler redraw every chart);
//   - the page loads into a sliver, so the charts would start at zero size,
//     then the window widens;
//   - the colour scheme changes while a chart's table view hides it.
//
// On the theme before issue 12's fix the first two throw "Cannot read
// properties of null (reading '0')" inside ECharts, as the suite saw under
// load. The boards are driven in the site's first language: the other
// runs the same code over the same figures, with other words.
func TestChartsSurviveZeroSize(t *testing.T) {
	need(t)
	t.Parallel()
	var pages []*pageModel
	for _, pg := range pagesWith("chart chart-map") {
		if pg.Lang == env.site.Langs[0] {
			pages = append(pages, pg)
		}
	}
	if len(pages) == 0 {
		t.Fatal("no page of the site draws a world map")
	}
	for _, pg := range pages {
		t.Run(pg.Path, func(t *testing.T) {
			t.Parallel()
			tb := env.tabs.get()
			defer env.tabs.put(tb)
			url := env.http.url(pg.Path)
			check := func(when string) {
				t.Helper()
				if err := tb.setViewport(desktop); err != nil {
					t.Fatal(err)
				}
				if err := tb.waitFor(chartsDrawn, 30*time.Second); err != nil {
					t.Errorf("%s: %v", when, err)
				}
				r := &report{page: pg.Path + " (" + when + ")"}
				checkRecords(r, tb.takeRecords(), env.http)
				checkCharts(r, tb, env.site, pg)
				for _, p := range r.problems {
					t.Error(p)
				}
			}

			tb.takeRecords()
			if err := tb.open(url, desktop); err != nil {
				t.Fatal(err)
			}
			if err := tb.setViewport(sliver); err != nil {
				t.Fatal(err)
			}
			// The phone layout switch runs when the media query flips; the
			// resize handler once the window has been still for a moment.
			if err := tb.waitFor(`matchMedia("(max-width: 600px)").matches && innerWidth === 1`, 10*time.Second); err != nil {
				t.Fatal(err)
			}
			if err := tb.waitFor(`window.tablero.charts.every(function (c) { return c.stale || c.chart.getWidth() === c.el.clientWidth; })`, 10*time.Second); err != nil {
				t.Fatal(err)
			}
			check("window shrunk to 1 px after the charts started, then widened")

			if err := tb.open(url, sliver); err != nil {
				t.Fatal(err)
			}
			check("page loaded into a 1 px window, then widened")

			// The map's table view is showing while the scheme turns dark:
			// the map must come back in dark colours.
			if err := tb.open(url, desktop); err != nil {
				t.Fatal(err)
			}
			const mapFig = `figure.chart-block:has(.chart-map)`
			if err := tb.click(mapFig + ` [data-view=table]`); err != nil {
				t.Fatal(err)
			}
			if err := tb.setScheme("dark"); err != nil {
				t.Fatal(err)
			}
			if err := tb.click(mapFig + ` [data-view=chart]`); err != nil {
				t.Fatal(err)
			}
			colours, err := eval[[]string](tb, fmt.Sprintf(`(function () {
				var el = document.querySelector(%q), c = echarts.getInstanceByDom(el);
				return [c.getOption().textStyle.color, getComputedStyle(document.documentElement).getPropertyValue("--fg").trim()];
			})()`, mapFig+" [data-chart]"))
			if err != nil {
				t.Fatal(err)
			}
			if colours[0] != colours[1] {
				t.Errorf("the map shown again after a scheme change under its table view draws text in %s, the dark scheme's is %s", colours[0], colours[1])
			}
			tb.setScheme("light")
			check("scheme changed while the map's table view showed")
		})
	}
}
