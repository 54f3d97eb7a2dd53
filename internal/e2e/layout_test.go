package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPieLayoutFollowsWidth opens a board with a pie at desktop width and
// narrows the window to a phone's: the pie must trade its labels for a
// legend whose rows stay below it, and get its labels back when the window
// widens again, without a reload.
func TestPieLayoutFollowsWidth(t *testing.T) {
	need(t)
	pages := pagesWith("chart chart-donut", "chart chart-pie")
	if len(pages) == 0 {
		t.Fatal("no page of the site draws a pie or a donut")
	}
	pg := pages[0]
	tb := env.tabs.get()
	defer env.tabs.put(tb)
	if err := tb.open(env.http.url(pg.Path), desktop); err != nil {
		t.Fatal(err)
	}
	type pie struct {
		Legend, Labels bool
		PieBottom      float64 // lowest pixel of the pie
		LegendTop      float64 // highest pixel of the legend, when shown
		Height         float64
	}
	// The pie's extent and the legend's come from the drawn elements, not
	// from the option, so the check holds whatever the theme computes.
	const read = `(function () {
		var c = window.tablero.charts.filter(function (c) {
			var s = c.chart.getOption().series; return s && s[0] && s[0].type === "pie";
		})[0];
		var o = c.chart.getOption(), s = o.series[0], legend = o.legend && o.legend[0] && o.legend[0].show;
		var bottom = 0, top = 1e9;
		c.chart.getModel().getSeriesByIndex(0).getData().each(function (i) {
			var l = c.chart.getModel().getSeriesByIndex(0).getData().getItemLayout(i);
			if (l) bottom = Math.max(bottom, l.cy + l.r);
		});
		if (legend) {
			var v = c.chart.getViewOfComponentModel(c.chart.getModel().getComponent("legend"));
			var r = v.group.getBoundingRect();
			top = v.group.y + r.y;
		}
		return { legend: !!legend, labels: !(s.label && s.label.show === false), piebottom: bottom, legendtop: top, height: c.el.clientHeight };
	})()`
	resize := func(vp viewport) {
		t.Helper()
		ctx, cancel := tb.step(10 * time.Second)
		defer cancel()
		opts := []chromedp.EmulateViewportOption{}
		if vp.Phone {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.Width, vp.Height, opts...)); err != nil {
			t.Fatal(err)
		}
		// The theme has followed the new width once every chart is drawn at
		// its box's new size.
		if err := tb.waitFor(fmt.Sprintf(`innerWidth === %d && window.tablero.charts.every(function (c) {
			return c.chart.getWidth() === c.el.clientWidth && c.chart.getHeight() === c.el.clientHeight; })`, vp.Width), 10*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	wide, err := eval[pie](tb, read)
	if err != nil {
		t.Fatal(err)
	}
	if wide.Legend || !wide.Labels {
		t.Errorf("%s at %d px: legend %v, labels %v; want labels around the pie", pg.Path, desktop.Width, wide.Legend, wide.Labels)
	}
	resize(phone)
	narrow, err := eval[pie](tb, read)
	if err != nil {
		t.Fatal(err)
	}
	if !narrow.Legend || narrow.Labels {
		t.Errorf("%s at %d px: legend %v, labels %v; want a legend instead of labels", pg.Path, phone.Width, narrow.Legend, narrow.Labels)
	}
	if narrow.PieBottom == 0 || narrow.PieBottom > narrow.LegendTop || narrow.LegendTop > narrow.Height {
		t.Errorf("%s at %d px: the pie reaches y=%.0f, the legend starts at y=%.0f in a %.0f px chart; the legend covers the pie or leaves the chart",
			pg.Path, phone.Width, narrow.PieBottom, narrow.LegendTop, narrow.Height)
	}
	resize(desktop)
	again, err := eval[pie](tb, read)
	if err != nil {
		t.Fatal(err)
	}
	if again.Legend || !again.Labels {
		t.Errorf("%s back at %d px: legend %v, labels %v; want the labels back", pg.Path, desktop.Width, again.Legend, again.Labels)
	}
	for _, p := range tb.takeRecords() {
		if p.Kind == "console" || p.Kind == "exception" {
			t.Errorf("%s: %s %s", p.Kind, p.URL, p.Text)
		}
	}
}

// TestHorizontalBarsKeepRoom opens, at a phone's width and a desktop's,
// every page with a horizontal bar chart: however long the category
// labels, the bars must keep at least 40 % of the chart's width (long
// labels wrap instead of squeezing the bars away).
func TestHorizontalBarsKeepRoom(t *testing.T) {
	need(t)
	tb := env.tabs.get()
	defer env.tabs.put(tb)
	checked := 0
	for _, p := range pagesWith("chart chart-hbar") {
		for _, vp := range []viewport{phone, desktop} {
			if err := tb.open(env.http.url(p.Path), vp); err != nil {
				t.Fatal(err)
			}
			type bars struct {
				ID          string
				Grid, Chart float64
			}
			got, err := eval[[]bars](tb, `window.tablero.charts.filter(function (c) { return c.island.type === "hbar"; }).map(function (c) {
				return { id: c.el.getAttribute("data-chart"), grid: c.chart.getModel().getComponent("grid").coordinateSystem.getRect().width, chart: c.chart.getWidth() };
			})`)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range got {
				checked++
				if c.Grid < 0.4*c.Chart {
					t.Errorf("%s at %d px: chart %s keeps %.0f of %.0f px for its bars", p.Path, vp.Width, c.ID, c.Grid, c.Chart)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no horizontal bar chart in the site")
	}
}

// TestWideTablesStackOnPhones opens every page with a table block at a
// phone's width: a table wider than the screen must be shown as cards (one
// per row, each cell labelled with its column's name, nothing scrolling
// sideways) and stay a table for assistive technology (axe-core at that
// width); a table that fits stays a table; at desktop width none is stacked.
func TestWideTablesStackOnPhones(t *testing.T) {
	need(t)
	tb := env.tabs.get()
	defer env.tabs.put(tb)
	type table struct {
		Stacked, Overflows bool
		Bad                []string // cells whose label is not their column's name
	}
	const read = `Array.prototype.map.call(document.querySelectorAll(".table-scroll > table.data"), function (t) {
		var heads = Array.prototype.map.call(t.tHead.rows[0].cells, function (th) { return th.textContent; });
		var bad = [];
		Array.prototype.forEach.call(t.tBodies[0].rows, function (tr) {
			Array.prototype.forEach.call(tr.cells, function (td, i) {
				if (t.classList.contains("stacked") && td.getAttribute("data-label") !== heads[i]) bad.push(heads[i] + "/" + td.getAttribute("data-label"));
			});
		});
		return { stacked: t.classList.contains("stacked"), overflows: t.parentNode.scrollWidth > t.parentNode.clientWidth + 1, bad: bad.slice(0, 3) };
	})`
	stacked := 0
	for _, p := range pagesWith(`class="block table-block"`) {
		if err := tb.open(env.http.url(p.Path), phone); err != nil {
			t.Fatal(err)
		}
		tables, err := eval[[]table](tb, read)
		if err != nil {
			t.Fatal(err)
		}
		here := 0
		for i, tab := range tables {
			if tab.Overflows {
				t.Errorf("%s at %d px: table %d scrolls sideways (stacked: %v)", p.Path, phone.Width, i+1, tab.Stacked)
			}
			if len(tab.Bad) > 0 {
				t.Errorf("%s at %d px: table %d labels cells wrongly (column/label): %v", p.Path, phone.Width, i+1, tab.Bad)
			}
			if tab.Stacked {
				here++
			}
		}
		stacked += here
		if here > 0 {
			r := &report{page: p.Path}
			checkAxe(r, tb, "phone")
			for _, pr := range r.problems {
				t.Error(pr)
			}
		}
		if err := tb.open(env.http.url(p.Path), desktop); err != nil {
			t.Fatal(err)
		}
		if tables, err = eval[[]table](tb, read); err != nil {
			t.Fatal(err)
		}
		for i, tab := range tables {
			if tab.Stacked {
				t.Errorf("%s at %d px: table %d is stacked", p.Path, desktop.Width, i+1)
			}
		}
	}
	if stacked == 0 {
		t.Error("no table was stacked at a phone's width; the site has wide tables")
	}
}

// pagesWith lists the pages of the site whose HTML contains one of markers.
func pagesWith(markers ...string) []*pageModel {
	var out []*pageModel
	for _, p := range env.site.Pages {
		b, err := os.ReadFile(filepath.Join(env.site.Out, filepath.FromSlash(p.Path)))
		if err != nil {
			continue
		}
		for _, m := range markers {
			if strings.Contains(string(b), m) {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
