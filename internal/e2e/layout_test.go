package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
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
	t.Parallel()
	pg := firstPageWith(t, "chart chart-donut", "chart chart-pie")
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

// Layout checks run inside every page's visit (checkPage), at desktop and
// at phone width, on the page already loaded for the other checks: a
// separate pass would load every page twice more. The counters prove that
// the site had something for them to check (see TestSiteOverHTTP).
var (
	hbarsChecked   atomic.Int64 // horizontal bar charts measured
	tablesStacked  atomic.Int64 // tables shown as cards at a phone's width
	tablesMeasured atomic.Int64 // tables measured at a phone's width
)

// checkBarsKeepRoom: however long the category labels of a horizontal bar
// chart, its bars keep at least 40 % of the chart's width (long labels wrap
// instead of squeezing the bars away).
func checkBarsKeepRoom(r *report, t *tab, vp viewport) {
	type bars struct {
		ID          string
		Grid, Chart float64
	}
	got, err := eval[[]bars](t, `window.tablero ? window.tablero.charts.filter(function (c) { return c.chart && c.island.type === "hbar"; }).map(function (c) {
		return { id: c.el.getAttribute("data-chart"), grid: c.chart.getModel().getComponent("grid").coordinateSystem.getRect().width, chart: c.chart.getWidth() };
	}) : []`)
	if err != nil {
		r.add("layout", "cannot measure the horizontal bars at %d px: %v", vp.Width, err)
		return
	}
	for _, c := range got {
		hbarsChecked.Add(1)
		if c.Grid < 0.4*c.Chart {
			r.add("layout", "at %d px chart %s keeps %.0f of %.0f px for its bars", vp.Width, c.ID, c.Grid, c.Chart)
		}
	}
}

// checkTablesFit: at a phone's width a table wider than the screen is shown
// as cards (one per row, each cell labelled with its column's name, nothing
// scrolling sideways) and stays a table for assistive technology (axe-core
// at that width, when axe is on); a table that fits stays a table; at
// desktop width none is stacked.
func checkTablesFit(r *report, t *tab, vp viewport, axe bool) {
	type table struct {
		Stacked, Overflows bool
		Bad                []string // cells whose label is not their column's name
	}
	tables, err := eval[[]table](t, `Array.prototype.map.call(document.querySelectorAll(".table-scroll > table.data"), function (t) {
		var heads = Array.prototype.map.call(t.tHead.rows[0].cells, function (th) { return th.textContent; });
		var bad = [];
		Array.prototype.forEach.call(t.tBodies[0].rows, function (tr) {
			Array.prototype.forEach.call(tr.cells, function (td, i) {
				if (t.classList.contains("stacked") && td.getAttribute("data-label") !== heads[i]) bad.push(heads[i] + "/" + td.getAttribute("data-label"));
			});
		});
		return { stacked: t.classList.contains("stacked"), overflows: t.parentNode.scrollWidth > t.parentNode.clientWidth + 1, bad: bad.slice(0, 3) };
	})`)
	if err != nil {
		r.add("layout", "cannot read the tables at %d px: %v", vp.Width, err)
		return
	}
	stacked := 0
	for i, tab := range tables {
		if !vp.Phone {
			if tab.Stacked {
				r.add("layout", "at %d px table %d is stacked", vp.Width, i+1)
			}
			continue
		}
		tablesMeasured.Add(1)
		if tab.Overflows {
			r.add("layout", "at %d px table %d scrolls sideways (stacked: %v)", vp.Width, i+1, tab.Stacked)
		}
		if len(tab.Bad) > 0 {
			r.add("layout", "at %d px table %d labels cells wrongly (column/label): %v", vp.Width, i+1, tab.Bad)
		}
		if tab.Stacked {
			stacked++
		}
	}
	tablesStacked.Add(int64(stacked))
	if stacked > 0 && axe {
		checkAxe(r, t, "phone")
	}
}

// firstPageWith returns the first page of the site whose HTML contains one
// of markers, and stops the test when none does: what it checks would
// then go unchecked.
func firstPageWith(t *testing.T, markers ...string) *pageModel {
	t.Helper()
	pages := pagesWith(markers...)
	if len(pages) == 0 {
		t.Fatalf("no page of the site has any of %q", markers)
	}
	return pages[0]
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
