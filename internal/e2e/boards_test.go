package e2e

import (
	"context"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/sitetest"
)

// TestBoardLayout builds the small site of internal/e2e/testdata/boards
// and opens its sector board at a desktop's width and a phone's: the two
// half-width charts share a row on the desktop, each drawn at its cell's
// width, and stack on the phone; the long table shows ten of its rows and
// a button for all of them, which sorting keeps, and all of them without
// scripts; a qualified figure keeps
// its qualifier in the chart's tooltip; the home page's card of the board
// shows its headline figure.
func TestBoardLayout(t *testing.T) {
	need(t)
	t.Parallel()
	src, out := buildTestdata(t, "internal/e2e/testdata/boards")
	srv := httptest.NewServer(staticFiles(out))
	defer srv.Close()
	tb := env.tabs.get()
	defer env.tabs.put(tb)

	type box struct{ Top, Bottom, Left, Width, Drawn float64 }
	type state struct {
		Half    []box
		Main    float64
		Rows    int // table rows shown
		All     int // table rows in the page
		Button  string
		Open    string
		First   string // the first row's value cell
		Tooltip string
		Chart   float64 // how far down the first chart starts
		Screen  float64 // the window's height
	}
	const read = `(function () {
		var half = Array.prototype.map.call(document.querySelectorAll(".half-row > figure"), function (f) {
			var r = f.getBoundingClientRect(), el = f.querySelector("[data-chart]");
			var c = window.tablero.charts.filter(function (c) { return c.el === el; })[0];
			return { top: r.top, bottom: r.bottom, left: r.left, width: r.width, drawn: c ? c.chart.getWidth() : 0 };
		});
		var t = document.querySelector("figure.table-block table"), b = document.querySelector(".show-rows");
		var rows = Array.prototype.filter.call(t.tBodies[0].rows, function (r) { return r.getClientRects().length > 0; });
		var line = window.tablero.charts.filter(function (c) { return c.island.type === "line"; })[0];
		var f = line.chart.getOption().tooltip[0].formatter;
		return { half: half, main: document.querySelector("main .prose").getBoundingClientRect().width,
			rows: rows.length, all: t.tBodies[0].rows.length, button: b ? b.textContent : "", open: b ? b.getAttribute("aria-expanded") : "",
			first: rows.length ? rows[0].cells[2].textContent : "",
			chart: document.querySelector("[data-chart]").getBoundingClientRect().top, screen: window.innerHeight,
			tooltip: typeof f === "function" ? f([{ seriesIndex: 0, name: "2015", value: 3.7, axisValueLabel: "2015", seriesName: "Valor", marker: "" }]) : "" };
	})()`
	get := func(what string) state {
		t.Helper()
		st, err := eval[state](tb, read)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return st
	}
	for _, vp := range []viewport{desktop, phone} {
		if err := tb.open(srv.URL+"/sectores/uno.html", vp); err != nil {
			t.Fatal(err)
		}
		at := func(s string) string {
			return s + " at " + map[bool]string{true: "390", false: "1280"}[vp.Phone] + " px"
		}
		st := get(at("load"))
		if len(st.Half) != 2 {
			t.Fatalf("%s: %d half-width blocks, want 2", at("the board"), len(st.Half))
		}
		a, b := st.Half[0], st.Half[1]
		if vp.Phone {
			if b.Top < a.Bottom || math.Abs(a.Width-st.Main) > 2 {
				t.Errorf("%s: the half blocks do not stack in one column: %+v %+v (column %.0f)", at("phone"), a, b, st.Main)
			}
		} else if math.Abs(a.Top-b.Top) > 1 || b.Left <= a.Left+a.Width || a.Width > 0.55*st.Main {
			t.Errorf("%s: the half blocks are not side by side: %+v %+v (column %.0f)", at("desktop"), a, b, st.Main)
		}
		for _, h := range st.Half {
			if h.Drawn < h.Width-2 || h.Drawn > h.Width+2 {
				t.Errorf("%s: a chart is drawn %.0f px wide in a %.0f px cell", at("half block"), h.Drawn, h.Width)
			}
		}
		// The first screen of a desktop shows the title, the KPI row and the
		// top of the first charts.
		if !vp.Phone && st.Chart > st.Screen-120 {
			t.Errorf("%s: the first chart starts %.0f px down a %.0f px window", at("load"), st.Chart, st.Screen)
		}
		if st.All != 13 || st.Rows != 10 || st.Button != "Ver las 13 filas" || st.Open != "false" {
			t.Errorf("%s: long table shows %d of %d rows, button %q (expanded %s); want 10 of 13 and \"Ver las 13 filas\"", at("load"), st.Rows, st.All, st.Button, st.Open)
		}
		if !strings.Contains(st.Tooltip, "≈ 3,7") {
			t.Errorf("%s: the tooltip of an approximate figure reads %q", at("load"), st.Tooltip)
		}
		if err := tb.click(".show-rows"); err != nil {
			t.Fatal(err)
		}
		if st = get(at("show all")); st.Rows != 13 || st.Button != "Ver solo 10 filas" || st.Open != "true" {
			t.Errorf("%s: %d rows, button %q (expanded %s); want 13 and \"Ver solo 10 filas\"", at("after show all"), st.Rows, st.Button, st.Open)
		}
		if err := tb.click(".show-rows"); err != nil {
			t.Fatal(err)
		}
		// Sorting by the value column, smallest first: still ten rows, the
		// ten smallest.
		if !vp.Phone {
			if err := tb.click("figure.table-block thead th:nth-child(3)"); err != nil {
				t.Fatal(err)
			}
			if st = get(at("sorted")); st.Rows != 10 || st.First != "≈ 3,7" {
				t.Errorf("%s: %d rows, first %q; want 10 rows starting with ≈ 3,7", at("after sorting"), st.Rows, st.First)
			}
		}
	}

	checkLongTableWithoutScripts(t, srv.URL+"/sectores/uno.html")

	// The home page: board "uno" shows its headline, a range, checked by
	// the same check as the DatACI site's; board "dos" has none.
	site, err := readSite(src, out)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"", "en/"} {
		pg := site.page(lang + "index.html")
		if err := tb.open(srv.URL+"/"+pg.Path, desktop); err != nil {
			t.Fatal(err)
		}
		r := &report{page: "boards " + pg.Path}
		checkHeadlines(r, tb, site, pg)
		for _, p := range r.problems {
			t.Error(p)
		}
		cards, err := eval[[]headlineState](tb, headlineProbe)
		if err != nil {
			t.Fatal(err)
		}
		if len(cards) != 2 || cards[0].Qualified != "770–800" || cards[1].Raw != nil {
			t.Errorf("%s: board cards %+v; want the first with 770–800, the second without a figure", pg.Path, cards)
		}
	}
}

// buildTestdata copies the site at dir (relative to the repository root)
// and the default theme into a temporary folder, builds it and returns
// that folder and the one the site was written to.
func buildTestdata(t *testing.T, dir string) (src, out string) {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	src = t.TempDir()
	sitetest.CopyTree(t, filepath.Join(root, filepath.FromSlash(dir)), src)
	sitetest.CopyTree(t, filepath.Join(root, "themes/default"), filepath.Join(src, "themes/default"))
	res := build.Build(os.DirFS(src))
	if !res.OK() {
		t.Fatal(res.Diagnostics.Format("en"))
	}
	out = filepath.Join(t.TempDir(), "public")
	if err := build.Write(out, res.Files); err != nil {
		t.Fatal(err)
	}
	return src, out
}

// checkLongTableWithoutScripts: the rows a long table folds (marked in
// the HTML, hidden by the stylesheet where scripts run) all show when the
// browser runs no script.
func checkLongTableWithoutScripts(t *testing.T, url string) {
	t.Helper()
	tb := freshTab(t)
	if err := cdpDo(tb, 10*time.Second, func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := tb.step(30 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phone.Width, phone.Height), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[2]int](`(function () {
		var t = document.querySelector("figure.table-block table");
		return [Array.prototype.filter.call(t.tBodies[0].rows, function (r) { return r.getClientRects().length > 0; }).length,
			t.querySelectorAll("tr.beyond").length];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if rows != [2]int{13, 3} {
		t.Errorf("without scripts the long table shows %d rows (%d marked beyond the fold); want all 13 (3 marked)", rows[0], rows[1])
	}
}
