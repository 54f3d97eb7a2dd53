package e2e

// checks_test.go holds the checks. Each one looks at a page loaded in a tab
// (or at what the tab recorded) and returns the problems it found, so the
// tests of the real site and the tests that break a copy of it on purpose
// call exactly the same code.

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/png"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"
	"golang.org/x/text/unicode/norm"

	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/i18n"
)

//go:embed testdata/axe/axe.min.js
var axeSource string

// problem is one thing wrong with a page.
type problem struct {
	Check  string // console | network | host | link | chart | chart-data | kpi | table | a11y | mobile | tabs | sort | download | search | lang-switch | load
	Page   string
	Detail string
}

func (p problem) String() string { return fmt.Sprintf("[%s] %s: %s", p.Check, p.Page, p.Detail) }

// report collects the problems of one page.
type report struct {
	page     string
	problems []problem
}

func (r *report) add(check, format string, args ...any) {
	r.problems = append(r.problems, problem{Check: check, Page: r.page, Detail: fmt.Sprintf(format, args...)})
}

// origin is where the browser reads the site from.
type origin struct {
	Name string // "http" or "file"
	Base string // URL of the site's root, ending in "/"
	Dir  string // the folder on disk
}

func (o origin) url(rel string) string { return o.Base + rel }

// own reports whether u belongs to the site: under its root, or a data: or
// blob: URL the page made itself.
func (o origin) own(u string) bool {
	return strings.HasPrefix(u, o.Base) || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:")
}

// visit says which checks a page visit runs.
type visit struct {
	Axe      bool // axe-core in light mode (and on the tables a phone stacks)
	Dark     bool // axe-core's colour rules in dark mode too
	Phone    bool // reload at 390 px and check for horizontal scroll
	Interact bool // table view, sorting, downloads, search, language switch
	// PhoneOnly loads the page at 390 px only and checks its figures,
	// links and layout there (and axe-core on the whole page in light
	// mode, with Axe): for the pages of a shared layout that are not its
	// samples, whose layout the samples check at both widths, while their
	// own data is checked where it has the least room.
	PhoneOnly bool
	// Exported, when set, holds the chart types whose PNG and SVG a pass
	// has saved already (see checkDownloads); nil checks each type anew.
	Exported    *typeSet
	Screenshots string // folder for screenshots; "" takes none
	// Sample, when set, groups pages of one layout over other data; of
	// each group only the largest and the smallest get every check (see
	// sampleShapes). "" is a page of its own.
	Sample func(p *pageModel) string
	// LargestOnly samples the largest page of each group, not the
	// smallest too.
	LargestOnly bool
}

// checkPage loads one page and runs every check on it.
func checkPage(t *tab, s *builtSite, o origin, pg *pageModel, v visit) []problem {
	r := &report{page: o.Name + " " + pg.Path}
	t.takeRecords()
	if v.PhoneOnly {
		checkOnPhone(r, t, s, o, pg, v.Axe)
		return r.problems
	}
	if err := t.open(o.url(pg.Path), desktop); err != nil {
		r.add("load", "%v", err)
		return r.problems
	}
	checkContent(r, t, s, o, pg)
	if v.Phone {
		checkBarsKeepRoom(r, t, desktop)
		checkTablesFit(r, t, desktop, false)
	}
	if v.Screenshots != "" {
		if err := t.screenshot(filepath.Join(v.Screenshots, shotName(pg.Path, "desktop"))); err != nil {
			r.add("load", "desktop screenshot: %v", err)
		}
	}
	if v.Axe {
		checkAxe(r, t, "light")
	}
	if v.Dark {
		if err := t.setScheme("dark"); err != nil {
			r.add("a11y", "cannot switch to dark mode: %v", err)
		} else {
			checkAxe(r, t, "dark")
			if v.Screenshots != "" && pg.Kind == "home" {
				t.screenshot(filepath.Join(v.Screenshots, shotName(pg.Path, "desktop-dark")))
			}
		}
		t.setScheme("light")
	}
	if v.Interact {
		checkChartTabs(r, t)
		checkSort(r, t)
		checkDownloads(r, t, v.Exported)
		checkSearch(r, t, s, o, pg)
	}
	checkRecords(r, t.takeRecords(), o)
	if v.Phone {
		if err := t.open(o.url(pg.Path), phone); err != nil {
			r.add("load", "phone: %v", err)
		} else {
			checkMobile(r, t)
			checkBarsKeepRoom(r, t, phone)
			checkTablesFit(r, t, phone, v.Axe)
			if v.Screenshots != "" {
				if err := t.screenshot(filepath.Join(v.Screenshots, shotName(pg.Path, "phone"))); err != nil {
					r.add("load", "phone screenshot: %v", err)
				}
			}
			// The phone page is fresh (nothing typed or switched), so the
			// language switch is followed from it, as a reader on a phone
			// would, instead of from one more load.
			if v.Interact && len(pg.Other) > 0 {
				checkLangSwitch(r, t, s, o, pg)
			}
		}
		checkRecords(r, t.takeRecords(), o)
	} else if v.Interact && len(pg.Other) > 0 {
		// The switch is followed from the page as the interactions left
		// it, as a reader who has searched and sorted would.
		checkLangSwitch(r, t, s, o, pg)
		checkRecords(r, t.takeRecords(), o)
	}
	return r.problems
}

// checkContent checks what a loaded page shows against its sources:
// charts, KPI cards, headlines, tables and links.
func checkContent(r *report, t *tab, s *builtSite, o origin, pg *pageModel) {
	checkCharts(r, t, s, pg)
	checkKPIs(r, t, s, pg)
	checkHeadlines(r, t, s, pg)
	checkTables(r, t, s, pg)
	checkLinks(r, t, s, o)
}

// checkOnPhone is checkPage for visit.PhoneOnly: one load at a phone's
// width, where the page's figures, its layout and, with axe, axe-core's
// light-mode rules over the whole page are checked.
func checkOnPhone(r *report, t *tab, s *builtSite, o origin, pg *pageModel, axe bool) {
	if err := t.open(o.url(pg.Path), phone); err != nil {
		r.add("load", "phone: %v", err)
		return
	}
	checkContent(r, t, s, o, pg)
	checkMobile(r, t)
	checkBarsKeepRoom(r, t, phone)
	checkTablesFit(r, t, phone, false)
	if axe {
		checkAxe(r, t, "light")
	}
	checkRecords(r, t.takeRecords(), o)
}

func shotName(page, kind string) string {
	return strings.ReplaceAll(strings.TrimSuffix(page, ".html"), "/", "_") + "-" + kind + ".png"
}

// checkRecords reports console errors, uncaught exceptions, failed
// requests, HTTP errors and requests that leave the site.
func checkRecords(r *report, recs []record, o origin) {
	for _, rec := range recs {
		switch rec.Kind {
		case "request":
			if !o.own(rec.URL) {
				r.add("host", "request to %s, outside the site (%s)", clip(rec.URL, 120), o.Base)
			}
		case "failed":
			r.add("network", "request failed: %s: %s", clip(rec.URL, 120), rec.Text)
		case "http-status":
			r.add("network", "HTTP %s for %s", rec.Text, rec.URL)
		case "console", "exception", "log":
			at := ""
			if rec.URL != "" {
				at = " (at " + clip(rec.URL, 120) + ")"
			}
			r.add("console", "%s: %s%s", rec.Kind, clip(rec.Text, 300), at)
		}
	}
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// island is a chart's JSON island (see internal/render).
type island struct {
	Option json.RawMessage `json:"option"`
	Type   string          `json:"type"`
	Title  string          `json:"title"`
	XLabel string          `json:"xLabel"`
	X      []string        `json:"x"`
	Series []islandSeries  `json:"series"`
	Unit   string          `json:"unit"`
}

type islandSeries struct {
	Name   string     `json:"name"`
	Values []*float64 `json:"values"`
	Labels []string   `json:"labels"` // the values with their qualifiers, when some has one
}

// chartState is what the page shows of one chart block.
type chartState struct {
	ID           string      `json:"id"`
	HasChart     bool        `json:"hasChart"`
	Empty        bool        `json:"empty"`
	Island       string      `json:"island"`
	Instance     bool        `json:"instance"`
	Started      bool        `json:"started"`
	Width        float64     `json:"width"`
	Height       float64     `json:"height"`
	CanvasWidth  int         `json:"canvasWidth"`
	CanvasHeight int         `json:"canvasHeight"`
	Ink          int         `json:"ink"`    // opaque pixels
	Colour       int         `json:"colour"` // opaque, saturated pixels: marks, not axes or text
	Drawn        []drawnData `json:"drawn"`
	Head         []string    `json:"head"`
	Rows         []struct {
		X     string `json:"x"`
		Cells []struct {
			Text string  `json:"text"`
			Sort *string `json:"sort"`
		} `json:"cells"`
	} `json:"rows"`
}

// drawnData is one series as the ECharts instance holds it.
type drawnData struct {
	Type string `json:"type"`
	Data []struct {
		Name  *string  `json:"name"`
		Value *float64 `json:"value"`
	} `json:"data"`
}

const chartProbe = `(function () {
  function val(d) {
    if (d == null || d === "-") return { name: null, value: null };
    if (typeof d === "number") return { name: null, value: isNaN(d) ? null : d };
    if (Array.isArray(d)) return val(d[d.length - 1]);
    var v = val(d.value);
    return { name: d.name == null ? null : String(d.name), value: v.value };
  }
  function pixels(cv) {
    var out = { ink: 0, colour: 0 };
    var ctx = cv.getContext("2d");
    if (!ctx || !cv.width || !cv.height) return out;
    var d = ctx.getImageData(0, 0, cv.width, cv.height).data;
    for (var i = 0; i < d.length; i += 4) {
      if (d[i + 3] < 160) continue;
      out.ink++;
      if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) >= 60) out.colour++;
    }
    return out;
  }
  return Array.prototype.map.call(document.querySelectorAll("figure.chart-block"), function (fig) {
    var el = fig.querySelector("[data-chart]");
    var r = { id: fig.id, hasChart: !!el, empty: !!fig.querySelector(".empty") };
    if (!el) return r;
    var isl = document.getElementById(el.getAttribute("data-chart"));
    r.island = isl ? isl.textContent : "";
    var inst = window.echarts ? echarts.getInstanceByDom(el) : null;
    r.instance = !!inst;
    r.started = !!(window.tablero && window.tablero.charts.some(function (c) { return c.el === el; }));
    var box = el.getBoundingClientRect();
    r.width = box.width; r.height = box.height;
    var cv = el.querySelector("canvas");
    if (cv) {
      r.canvasWidth = cv.width; r.canvasHeight = cv.height;
      var p = pixels(cv); r.ink = p.ink; r.colour = p.colour;
    }
    if (inst) {
      r.drawn = (inst.getOption().series || []).map(function (s) { return { type: s.type, data: (s.data || []).map(val) }; });
    }
    r.head = Array.prototype.map.call(fig.querySelectorAll(".table-view thead th"), function (th) { return th.textContent.trim(); });
    r.rows = Array.prototype.map.call(fig.querySelectorAll(".table-view tbody tr"), function (tr) {
      var th = tr.querySelector("th");
      return { x: th ? th.textContent.trim() : "", cells: Array.prototype.map.call(tr.querySelectorAll("td"), function (td) {
        return { text: td.textContent.trim(), sort: window.tablero.sortKey(td) };
      }) };
    });
    return r;
  });
})()`

// minColour is how many saturated pixels a drawn chart has at least: a
// single bar or slice has thousands, axes and labels (grey) have none.
const minColour = 150

// checkCharts checks every chart block of the page: drawn, of non-zero
// size, not blank, holding the island's numbers in its table view and in
// its ECharts series, and the island holding the dataset's numbers.
func checkCharts(r *report, t *tab, s *builtSite, pg *pageModel) {
	states, err := eval[[]chartState](t, chartProbe)
	if err != nil {
		r.add("chart", "cannot read the charts: %v", err)
		return
	}
	if len(states) != len(pg.Charts) {
		r.add("chart", "%s declares %d chart blocks, the page shows %d", pg.Source, len(pg.Charts), len(states))
	}
	for i, st := range states {
		if i >= len(pg.Charts) {
			break
		}
		spec := pg.Charts[i]
		name := fmt.Sprintf("chart %q (#%s, %s:%d)", spec.Title, st.ID, spec.File, spec.Line)
		exp, eerr := expectFrame(s, spec, pg.Lang)
		if eerr != nil {
			r.add("chart-data", "%s: %v", name, eerr)
			continue
		}
		if exp.empty {
			if st.HasChart || !st.Empty {
				r.add("chart-data", "%s: no row of %s meets where, so it must show its empty text; the page shows a chart", name, spec.Data)
			}
			continue
		}
		if !st.HasChart {
			r.add("chart", "%s: no chart container ([data-chart]) although %s has rows for it", name, spec.Data)
			continue
		}
		var isl island
		if err := json.Unmarshal([]byte(st.Island), &isl); err != nil {
			r.add("chart", "%s: the JSON island does not parse: %v", name, err)
			continue
		}
		checkDrawn(r, name, st, isl)
		checkTableView(r, name, st, isl, pg.Lang)
		for _, msg := range compareIsland(exp, spec, isl) {
			r.add("chart-data", "%s: %s", name, msg)
		}
	}
}

// checkDrawn checks that ECharts drew the chart, at a visible size, with
// marks on the canvas and the island's numbers in its series.
func checkDrawn(r *report, name string, st chartState, isl island) {
	switch {
	case !st.Instance:
		r.add("chart", "%s: no ECharts instance on the container (is echarts loaded?)", name)
		return
	case !st.Started:
		r.add("chart", "%s: not listed in window.tablero.charts", name)
	}
	if st.Width < 1 || st.Height < 1 || st.CanvasWidth == 0 || st.CanvasHeight == 0 {
		r.add("chart", "%s: drawn at zero size (box %.0fx%.0f, canvas %dx%d)", name, st.Width, st.Height, st.CanvasWidth, st.CanvasHeight)
		return
	}
	if st.Colour < minColour {
		r.add("chart", "%s: the canvas is blank: %d coloured pixels (of %d opaque) in %dx%d", name, st.Colour, st.Ink, st.CanvasWidth, st.CanvasHeight)
	}
	// What the instance draws must be what the island says.
	switch isl.Type {
	case "pie", "donut", "treemap", "map":
		if len(st.Drawn) != 1 {
			r.add("chart", "%s: ECharts holds %d series, want 1", name, len(st.Drawn))
			return
		}
		var want []string
		for i, x := range isl.X {
			if v := isl.Series[0].Values[i]; v != nil {
				want = append(want, x+"="+num(*v))
			}
		}
		var got []string
		for _, d := range st.Drawn[0].Data {
			n, v := "", "null"
			if d.Name != nil {
				n = *d.Name
			}
			if d.Value != nil {
				v = num(*d.Value)
			} else if isl.Type == "map" {
				continue // ECharts lists every region of the map, most without a value
			}
			got = append(got, n+"="+v)
		}
		if !slices.Equal(got, want) {
			r.add("chart", "%s: ECharts draws %v, the island says %v", name, got, want)
		}
	default:
		if len(st.Drawn) != len(isl.Series) {
			r.add("chart", "%s: ECharts holds %d series, the island %d", name, len(st.Drawn), len(isl.Series))
			return
		}
		for j, se := range isl.Series {
			var got, want []string
			for _, v := range se.Values {
				want = append(want, numPtr(v))
			}
			for _, d := range st.Drawn[j].Data {
				got = append(got, numPtr(d.Value))
			}
			if !slices.Equal(got, want) {
				r.add("chart", "%s: series %q: ECharts draws %v, the island says %v", name, se.Name, got, want)
			}
		}
	}
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func numPtr(v *float64) string {
	if v == nil {
		return "null"
	}
	return num(*v)
}

// checkTableView checks that the chart's table holds the island's numbers,
// written for the page's language.
func checkTableView(r *report, name string, st chartState, isl island, lang string) {
	want := []string{isl.XLabel}
	for _, se := range isl.Series {
		h := se.Name
		if h == "" {
			h = isl.Unit
		}
		want = append(want, h)
	}
	if !slices.Equal(st.Head, want) {
		r.add("chart", "%s: table view header %q, want %q", name, st.Head, want)
	}
	if len(st.Rows) != len(isl.X) {
		r.add("chart", "%s: table view has %d rows, the island %d categories", name, len(st.Rows), len(isl.X))
		return
	}
	for i, row := range st.Rows {
		if row.X != isl.X[i] {
			r.add("chart", "%s: table row %d is %q, the island's category is %q", name, i+1, row.X, isl.X[i])
		}
		if len(row.Cells) != len(isl.Series) {
			r.add("chart", "%s: table row %q has %d cells for %d series", name, row.X, len(row.Cells), len(isl.Series))
			continue
		}
		for j, c := range row.Cells {
			v := isl.Series[j].Values[i]
			sortKey := ""
			if c.Sort != nil {
				sortKey = *c.Sort
			}
			if v == nil {
				if sortKey != "" || c.Text != "—" {
					r.add("chart", "%s: table cell %q/%q shows %q (sort %q) for a missing value", name, row.X, isl.Series[j].Name, c.Text, sortKey)
				}
				continue
			}
			if k, err := strconv.ParseFloat(sortKey, 64); err != nil || !same(k, *v) {
				r.add("chart", "%s: table cell %q/%q sorts by %q, the island says %v", name, row.X, isl.Series[j].Name, sortKey, *v)
			}
			kind, figure, _ := unqualify(c.Text, lang)
			if shown, ok := parseLocal(figure, lang); !ok || !same(shown, *v) {
				r.add("chart", "%s: table cell %q/%q shows %q, which reads as %v in %s; the island says %v", name, row.X, isl.Series[j].Name, c.Text, shown, lang, *v)
			}
			if want := islandKind(isl.Series[j], i, lang); kind != want {
				r.add("chart", "%s: table cell %q/%q shows %q (%s), the island says %s", name, row.X, isl.Series[j].Name, c.Text, kind, want)
			}
		}
	}
}

// qualWords are the words a qualified figure is written with, per
// language: this suite's own list, kept apart from internal/chart's so a
// change there is caught here.
var qualWords = map[string]map[string]string{
	"es": {"más de ": dataset.QualMore, "menos de ": dataset.QualLess, "≈ ": dataset.QualApprox, " (proyección)": dataset.QualProjection},
	"en": {"more than ": dataset.QualMore, "less than ": dataset.QualLess, "≈ ": dataset.QualApprox, " (projection)": dataset.QualProjection},
}

// unqualify splits a figure written with its qualifier ("más de 1.690",
// "≈ 3,7", "2.800 (proyección)", "770–800") into its kind, the figure and
// a range's upper bound, as written.
func unqualify(s, lang string) (kind, figure, upper string) {
	s = strings.TrimSpace(s)
	for w, k := range qualWords[lang] {
		if strings.HasPrefix(w, " ") {
			if rest, ok := strings.CutSuffix(s, w); ok {
				return k, rest, ""
			}
		} else if rest, ok := strings.CutPrefix(s, w); ok {
			return k, rest, ""
		}
	}
	if lo, hi, ok := strings.Cut(s, "–"); ok && lo != "" {
		return dataset.QualRange, lo, hi
	}
	return dataset.QualExact, s, ""
}

// islandKind is the qualifier the island gives value i of series se.
func islandKind(se islandSeries, i int, lang string) string {
	if i >= len(se.Labels) {
		return dataset.QualExact
	}
	k, _, _ := unqualify(se.Labels[i], lang)
	return k
}

// qualProblem compares a figure shown as text with how row r of c, a
// column of t, is given by its source ("" when they agree).
func qualProblem(t *dataset.Table, c *dataset.Column, r int, text, lang string) string {
	want := t.Qualifier(c, r)
	kind, _, upper := unqualify(text, lang)
	if kind != want.Kind {
		return fmt.Sprintf("shows %q (%s), but %s line %d is given as %s", text, kind, t.Name, t.Lines[r], want.Kind)
	}
	if kind == dataset.QualRange {
		if u, ok := parseLocal(upper, lang); !ok || !same(u, want.Upper) {
			return fmt.Sprintf("shows the range %q, but %s line %d gives %v as its upper bound", text, t.Name, t.Lines[r], num(want.Upper))
		}
	}
	return ""
}

// parseLocal reads a number written for readers of lang: "1.234,5" in
// Spanish, "1,234.5" in English.
func parseLocal(s, lang string) (float64, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u2212", "-"))
	group, point := ".", ","
	if lang == "en" {
		group, point = ",", "."
	}
	s = strings.ReplaceAll(s, group, "")
	s = strings.Replace(s, point, ".", 1)
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// decimalsShown is how many decimals a number written for lang shows.
func decimalsShown(s, lang string) int {
	point := ","
	if lang == "en" {
		point = "."
	}
	if _, frac, ok := strings.Cut(s, point); ok {
		return len(frac)
	}
	return 0
}

func same(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// kpiState is what the page shows of one KPI card.
type kpiState struct {
	Title     string  `json:"title"`
	Empty     bool    `json:"empty"`
	Raw       *string `json:"raw"`
	Text      string  `json:"text"`
	Qualified string  `json:"qualified"` // the figure with its qualifier, without the unit
}

// figureJS reads a card's figure from its .kpi-value: the raw number, its
// text and the text with its qualifier but without the unit.
const figureJS = `function figure(box) {
  var d = box.querySelector("data"), v = box.querySelector(".kpi-value"), q = "";
  if (v) { v = v.cloneNode(true); v.querySelectorAll(".kpi-unit").forEach(function (u) { u.remove(); }); q = v.textContent.replace(/\s+/g, " ").trim(); }
  return { raw: d ? d.getAttribute("value") : null, text: d ? d.textContent.trim() : "", qualified: q };
}`

const kpiProbe = `(function () { ` + figureJS + `
return Array.prototype.map.call(document.querySelectorAll(".kpi"), function (k) {
  var t = k.querySelector(".kpi-title"), f = figure(k);
  f.title = t ? t.textContent.trim() : ""; f.empty = k.hasAttribute("data-empty");
  return f;
}); })()`

// checkKPIs compares every KPI card with the row its block selects.
func checkKPIs(r *report, t *tab, s *builtSite, pg *pageModel) {
	cards, err := eval[[]kpiState](t, kpiProbe)
	if err != nil {
		r.add("kpi", "cannot read the KPI cards: %v", err)
		return
	}
	if len(cards) != len(pg.KPIs) {
		r.add("kpi", "%s declares %d kpi blocks, the page shows %d cards", pg.Source, len(pg.KPIs), len(cards))
	}
	for i, card := range cards {
		if i >= len(pg.KPIs) {
			break
		}
		k := pg.KPIs[i]
		name := fmt.Sprintf("KPI %q (%s:%d)", card.Title, k.File, k.Line)
		tb := s.Tables[k.Data]
		if tb == nil {
			r.add("kpi", "%s: dataset %q does not exist", name, k.Data)
			continue
		}
		want, from, err := kpiValue(tb, k)
		if err != nil {
			r.add("kpi", "%s: %v", name, err)
			continue
		}
		if from == "" {
			if !card.Empty {
				r.add("kpi", "%s: no row of %s meets where, so the card must show its empty text", name, k.Data)
			}
			continue
		}
		checkFigure(r, name, tb, k, want, from, card, pg.Lang)
	}
}

// checkFigure compares a card's figure (its <data value>, its text, and its
// text with the qualifier) with want, the figure its block k selects of tb
// (described by from).
func checkFigure(r *report, name string, tb *dataset.Table, k kpiSpec, want float64, from string, card kpiState, lang string) {
	if card.Raw == nil {
		r.add("kpi", "%s: the card has no <data value>; %s says %v", name, from, num(want))
		return
	}
	raw, err := strconv.ParseFloat(*card.Raw, 64)
	if err != nil || !same(raw, want) {
		r.add("kpi", "%s: <data value=%q>, but %s says %v", name, *card.Raw, from, num(want))
	}
	shown, ok := parseLocal(card.Text, lang)
	tol := 0.5*math.Pow(10, -float64(decimalsShown(card.Text, lang))) + 1e-9*math.Abs(want)
	if !ok || math.Abs(shown-want) > tol {
		r.add("kpi", "%s: shows %q, which reads as %v in %s; %s says %v", name, card.Text, shown, lang, from, num(want))
	}
	if k.Aggregate == "" {
		rows, _ := blockRows(tb, k.common)
		if msg := qualProblem(tb, tb.Col(k.Value), rows[0], card.Qualified, lang); msg != "" {
			r.add("kpi", "%s: %s", name, msg)
		}
	}
}

// headlineState is what a home page shows on a board's card.
type headlineState struct {
	kpiState
	Href string `json:"href"`
}

const headlineProbe = `(function () { ` + figureJS + `
return Array.prototype.map.call(document.querySelectorAll(".board > a"), function (a) {
  var k = a.querySelector(".board-kpi"), f = k ? figure(k) : { raw: null };
  f.href = a.getAttribute("href");
  return f;
}); })()`

// checkHeadlines compares the headline figure on each board's card of a
// home page with the row its board's [headline] selects, and checks that
// a board without one keeps a card without a figure.
func checkHeadlines(r *report, t *tab, s *builtSite, pg *pageModel) {
	if pg.Kind != "home" {
		return
	}
	cards, err := eval[[]headlineState](t, headlineProbe)
	if err != nil {
		r.add("kpi", "cannot read the boards' cards: %v", err)
		return
	}
	dir := path.Dir(pg.Path)
	for _, c := range cards {
		board := s.page(path.Clean(path.Join(dir, c.Href)))
		if board == nil {
			continue // checkLinks reports it
		}
		k := board.Headline
		name := fmt.Sprintf("headline of %s on its card", board.Path)
		switch {
		case k == nil && c.Raw != nil:
			r.add("kpi", "%s: the card shows %q, but %s has no [headline]", name, c.Text, board.Source)
			continue
		case k == nil:
			continue
		case c.Raw == nil:
			r.add("kpi", "%s: %s has a [headline], the card shows no figure", name, board.Source)
			continue
		}
		tb := s.Tables[k.Data]
		if tb == nil {
			r.add("kpi", "%s: dataset %q does not exist", name, k.Data)
			continue
		}
		want, from, err := kpiValue(tb, *k)
		if err != nil {
			r.add("kpi", "%s: %v", name, err)
			continue
		}
		checkFigure(r, name, tb, *k, want, from, c.kpiState, pg.Lang)
	}
}

// tableState is what the page shows of one table block.
type tableState struct {
	Title string `json:"title"`
	Empty bool   `json:"empty"`
	Rows  [][]struct {
		Text string `json:"text"`
		Sort string `json:"sort"`
	} `json:"rows"`
}

const tableProbe = `Array.prototype.map.call(document.querySelectorAll("figure.table-block"), function (f) {
  var h = f.querySelector(".block-title");
  return { title: h ? h.textContent.trim() : "", empty: !!f.querySelector(".empty"),
    rows: Array.prototype.map.call(f.querySelectorAll("tbody tr"), function (tr) {
      return Array.prototype.map.call(tr.cells, function (td) { return { text: td.textContent.trim(), sort: window.tablero.sortKey(td) }; });
    }) };
})`

// checkTables compares every table block with the rows its block selects:
// the same rows, each cell written for the page's language.
func checkTables(r *report, t *tab, s *builtSite, pg *pageModel) {
	tables, err := eval[[]tableState](t, tableProbe)
	if err != nil {
		r.add("table", "cannot read the tables: %v", err)
		return
	}
	if len(tables) != len(pg.Tables) {
		r.add("table", "%s declares %d table blocks, the page shows %d", pg.Source, len(pg.Tables), len(tables))
	}
	for i, got := range tables {
		if i >= len(pg.Tables) {
			break
		}
		spec := pg.Tables[i]
		name := fmt.Sprintf("table %q (%s:%d)", got.Title, spec.File, spec.Line)
		tb := s.Tables[spec.Data]
		if tb == nil {
			r.add("table", "%s: dataset %q does not exist", name, spec.Data)
			continue
		}
		rows, err := blockRows(tb, spec.common)
		if err != nil {
			r.add("table", "%s: %v", name, err)
			continue
		}
		names := spec.Columns
		if len(names) == 0 {
			names = tb.ColumnNames()
		}
		var cols []*dataset.Column
		for _, n := range names {
			if c := tb.Col(n); c != nil {
				cols = append(cols, c)
			}
		}
		if len(rows) == 0 {
			if !got.Empty {
				r.add("table", "%s: no row of %s meets where, so it must show its empty text", name, spec.Data)
			}
			continue
		}
		if len(got.Rows) != len(rows) {
			r.add("table", "%s: %d rows, but %d rows of %s meet where", name, len(got.Rows), len(rows), spec.Data)
			continue
		}
		// Rows are matched by their raw values (the key the page sorts a
		// cell by: data-sort, or the number its text shows), whatever the
		// order.
		shown := map[string][]int{}
		for j, row := range got.Rows {
			var key []string
			for _, c := range row {
				key = append(key, c.Sort)
			}
			k := strings.Join(key, "\x1f")
			shown[k] = append(shown[k], j)
		}
		bad := 0
		for _, row := range rows {
			var key []string
			for _, c := range cols {
				key = append(key, c.Text(row))
			}
			k := strings.Join(key, "\x1f")
			if len(shown[k]) == 0 {
				r.add("table", "%s: %s line %d is not in the table", name, spec.Data, tb.Lines[row])
				continue
			}
			cells := got.Rows[shown[k][0]]
			shown[k] = shown[k][1:]
			for j, c := range cols {
				if msg := cellProblem(tb, c, row, cells[j].Text, pg.Lang); msg != "" {
					if bad++; bad <= 5 {
						r.add("table", "%s: %s line %d, column %s: %s", name, spec.Data, tb.Lines[row], c.Spec.Name, msg)
					}
				}
			}
		}
		if bad > 5 {
			r.add("table", "%s: and %d more cells like these", name, bad-5)
		}
	}
}

// cellProblem says what is wrong with text as row r of c for readers of
// lang ("" when nothing is).
func cellProblem(t *dataset.Table, c *dataset.Column, r int, text, lang string) string {
	var want string
	switch {
	case c.IsNull(r):
		want = ""
	case c.Spec.Type == dataset.TypeCountry:
		want = country.Name(c.Str[r], lang)
	case c.Spec.Type == dataset.TypeYear:
		want = strconv.Itoa(int(c.Num[r]))
	case c.Spec.Type == dataset.TypeDate:
		want = i18n.FormatDate(c.Str[r], lang)
	case c.Num != nil:
		if msg := qualProblem(t, c, r, text, lang); msg != "" {
			return msg
		}
		_, text, _ = unqualify(text, lang)
		v, ok := parseLocal(text, lang)
		tol := 0.5*math.Pow(10, -float64(decimalsShown(text, lang))) + 1e-9*math.Abs(c.Num[r])
		if !ok || math.Abs(v-c.Num[r]) > tol {
			return fmt.Sprintf("shows %q, which reads as %v in %s; the dataset says %v", text, v, lang, num(c.Num[r]))
		}
		return ""
	default:
		want = valueLabel(c, r, lang)
	}
	if text != want {
		return fmt.Sprintf("shows %q, want %q", text, want)
	}
	return ""
}

// checkLinks checks that every link and resource of the page that stays on
// the site points at a file the build wrote, and at an id that exists.
func checkLinks(r *report, t *tab, s *builtSite, o origin) {
	urls, err := eval[[]string](t, `Array.prototype.map.call(document.querySelectorAll("a[href], link[href], script[src], img[src]"), function (e) { return e.href || e.src; })`)
	if err != nil {
		r.add("link", "cannot read the links: %v", err)
		return
	}
	seen := map[string]bool{}
	base, err := url.Parse(o.Base)
	if err != nil {
		r.add("link", "the origin %s does not parse: %v", o.Base, err)
		return
	}
	host := base.Scheme + "://" + base.Host + "/" // "http://127.0.0.1:8080/", "file:///"
	for _, u := range urls {
		if seen[u] {
			continue
		}
		seen[u] = true
		if !strings.HasPrefix(u, o.Base) {
			// A link to the same host outside the site's folder is a
			// root-relative URL: it breaks where the site is published
			// below a host's root.
			if strings.HasPrefix(u, host) {
				r.add("link", "%s leaves the site's folder %s", clip(u, 120), o.Base)
			}
			continue
		}
		rel, frag, _ := strings.Cut(strings.TrimPrefix(u, o.Base), "#")
		rel, _, _ = strings.Cut(rel, "?")
		if p, err := url.PathUnescape(rel); err == nil {
			rel = p
		}
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		b, err := os.ReadFile(filepath.Join(s.Out, filepath.FromSlash(path.Clean(rel))))
		if err != nil {
			r.add("link", "%s points at %s, which the build did not write", clip(u, 120), rel)
			continue
		}
		if frag != "" && strings.HasSuffix(rel, ".html") && !bytes.Contains(b, []byte(`id="`+frag+`"`)) {
			r.add("link", "%s points at #%s, which %s does not have", clip(u, 120), frag, rel)
		}
	}
}

// axeViolation is one rule axe-core found broken.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
	Count int `json:"count"`
}

// axeRun runs, on the elements of a context (document, or a list of
// elements), the rules of only (axe-core's runOnly) and gives the
// violations.
const axeRun = `axe.run(%s, {
  runOnly: %s,
  resultTypes: ["violations"]
}).then(function (r) {
  return r.violations.map(function (v) {
    return { id: v.id, impact: v.impact || "", help: v.help, count: v.nodes.length,
      nodes: v.nodes.slice(0, 4).map(function (n) {
        return { target: n.target.map(String).join(" "), html: n.html.slice(0, 160), summary: (n.failureSummary || "").replace(/\s+/g, " ").slice(0, 240) };
      }) };
  });
})`

// checkAxe runs axe-core on the page and reports serious and critical
// violations of WCAG 2.1 A and AA. In "phone" mode it looks at the tables
// stacked as cards only: the rest of the page is the desktop page's
// markup, which the light run has checked.
func checkAxe(r *report, t *tab, scheme string) {
	ok, err := eval[bool](t, `typeof axe !== "undefined"`)
	if err != nil {
		r.add("a11y", "%v", err)
		return
	}
	if !ok {
		if _, err := eval[chromedp.Void](t, axeSource); err != nil {
			r.add("a11y", "cannot inject axe-core: %v", err)
			return
		}
	}
	// The WCAG 2.1 A and AA rules; in dark mode, where only colours change,
	// the rules about colour.
	only := `{ type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }`
	if scheme == "dark" {
		only = `{ type: "rule", values: ["color-contrast", "link-in-text-block"] }`
	}
	context := "document"
	if scheme == "phone" {
		context = `document.querySelectorAll(".table-scroll > table.stacked")`
	}
	vs, err := eval[[]axeViolation](t, fmt.Sprintf(axeRun, context, only))
	if err != nil {
		r.add("a11y", "axe-core failed (%s mode): %v", scheme, err)
		return
	}
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			continue
		}
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprintf("%s %s — %s", n.Target, n.HTML, n.Summary))
		}
		r.add("a11y", "%s mode: %s (%s, %d elements): %s; e.g. %s", scheme, v.ID, v.Impact, v.Count, v.Help, strings.Join(where, " | "))
	}
}

// mobileState is the page's width at a phone's viewport.
type mobileState struct {
	ScrollWidth int      `json:"scrollWidth"`
	InnerWidth  int      `json:"innerWidth"`
	Wide        []string `json:"wide"`
}

const mobileProbe = `(function () {
  var de = document.documentElement, w = window.innerWidth;
  var r = { scrollWidth: de.scrollWidth, innerWidth: w, wide: [] };
  if (de.scrollWidth <= w) return r;
  function scrolls(e) {
    for (var p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      var ox = getComputedStyle(p).overflowX;
      if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") return true;
    }
    return false;
  }
  function name(e) {
    var s = e.tagName.toLowerCase();
    if (e.id) s += "#" + e.id;
    if (e.className && typeof e.className === "string") s += "." + e.className.trim().split(/\s+/).join(".");
    return s;
  }
  document.querySelectorAll("body *").forEach(function (e) {
    var b = e.getBoundingClientRect();
    if (b.width === 0 || b.right <= w + 1 || scrolls(e)) return;
    var pb = e.parentElement ? e.parentElement.getBoundingClientRect() : null;
    if (pb && pb.right > w + 1 && e.parentElement !== document.body) return;
    if (r.wide.length < 6) r.wide.push(name(e) + " (" + Math.round(b.width) + " px wide, right edge at " + Math.round(b.right) + ")");
  });
  return r;
})()`

// checkMobile checks that a phone-width page does not scroll sideways.
func checkMobile(r *report, t *tab) {
	m, err := eval[mobileState](t, mobileProbe)
	if err != nil {
		r.add("mobile", "%v", err)
		return
	}
	if m.InnerWidth != int(phone.Width) {
		r.add("mobile", "viewport is %d px wide, want %d", m.InnerWidth, phone.Width)
	}
	if m.ScrollWidth > m.InnerWidth {
		r.add("mobile", "scrolls sideways at %d px: the page is %d px wide; widest: %s", m.InnerWidth, m.ScrollWidth, strings.Join(m.Wide, "; "))
	}
}

// checkChartTabs switches the first chart to its table and back.
func checkChartTabs(r *report, t *tab) {
	id, err := eval[string](t, `(function () { var f = document.querySelector("figure.chart-block [data-view]"); return f ? f.closest("figure").id : ""; })()`)
	if err != nil || id == "" {
		return
	}
	fig := fmt.Sprintf(`figure[id=%q]`, id)
	state := fmt.Sprintf(`(function () { var f = document.querySelector(%q);
	  return [f.querySelector(".table-view").hidden, f.querySelector("[data-chart]").hidden,
	    f.querySelector("[data-view=table]").getAttribute("aria-pressed"), f.querySelector("[data-view=chart]").getAttribute("aria-pressed")].join(","); })()`, fig)
	if err := t.click(fig + " [data-view=table]"); err != nil {
		r.add("tabs", "#%s: cannot click the table button: %v", id, err)
		return
	}
	if got, _ := eval[string](t, state); got != "false,true,true,false" {
		r.add("tabs", "#%s: after clicking Table, (table hidden, chart hidden, table pressed, chart pressed) = %s", id, got)
	}
	if err := t.click(fig + " [data-view=chart]"); err != nil {
		r.add("tabs", "#%s: cannot click the chart button: %v", id, err)
		return
	}
	if got, _ := eval[string](t, state); got != "true,false,false,true" {
		r.add("tabs", "#%s: after clicking Chart, (table hidden, chart hidden, table pressed, chart pressed) = %s", id, got)
	}
	if w, _ := eval[float64](t, fmt.Sprintf(`document.querySelector(%q).getBoundingClientRect().width`, fig+" [data-chart] canvas")); w < 1 {
		r.add("tabs", "#%s: back on the chart, its canvas is %v px wide", id, w)
	}
}

// sortState is a sortable table after a click on one of its headers.
type sortState struct {
	Aria    string   `json:"aria"`
	Numeric bool     `json:"numeric"`
	Keys    []string `json:"keys"`
	Rows    []string `json:"rows"`
}

// checkSort clicks a header of the first visible sortable table twice and
// checks aria-sort and the order of the rows.
func checkSort(r *report, t *tab) {
	pick, err := eval[string](t, `(function () {
	  var tables = Array.prototype.filter.call(document.querySelectorAll("table.sortable"), function (tb) { return tb.offsetParent !== null && tb.tBodies[0] && tb.tBodies[0].rows.length > 1; });
	  if (!tables.length) return "";
	  var tb = tables[0], ths = tb.querySelectorAll("thead th"), col = 0;
	  for (var i = 0; i < ths.length; i++) if (ths[i].classList.contains("num")) { col = i; break; }
	  ths[col].setAttribute("data-e2e-sort", "");
	  return ths[col].textContent.trim();
	})()`)
	if err != nil || pick == "" {
		return
	}
	state := `(function () {
	  var th = document.querySelector("[data-e2e-sort]"), tb = th.closest("table");
	  var col = Array.prototype.indexOf.call(th.parentNode.children, th);
	  var rows = Array.prototype.slice.call(tb.tBodies[0].rows);
	  return { aria: th.getAttribute("aria-sort"), numeric: th.classList.contains("num"),
	    keys: rows.map(function (r) { return window.tablero.sortKey(r.cells[col]); }),
	    rows: rows.map(function (r) { return r.textContent.replace(/\s+/g, " ").trim(); }) };
	})()`
	var seen []sortState
	for _, want := range []string{"ascending", "descending"} {
		if err := t.click("[data-e2e-sort]"); err != nil {
			r.add("sort", "cannot click header %q: %v", pick, err)
			return
		}
		st, err := eval[sortState](t, state)
		if err != nil {
			r.add("sort", "%v", err)
			return
		}
		if st.Aria != want {
			r.add("sort", "header %q: aria-sort is %q after a click, want %q", pick, st.Aria, want)
		}
		if msg := sortedBy(st.Keys, st.Numeric, want == "descending"); msg != "" {
			r.add("sort", "header %q, %s: %s", pick, want, msg)
		}
		seen = append(seen, st)
	}
	if len(seen) == 2 && distinct(seen[0].Keys) > 1 && slices.Equal(seen[0].Rows, seen[1].Rows) {
		r.add("sort", "header %q: a second click did not reorder the rows", pick)
	}
}

// sortedBy says what is out of order in keys ("" when sorted). Empty keys
// go last either way.
func sortedBy(keys []string, numeric, desc bool) string {
	var vals []string
	for i, k := range keys {
		if k == "" {
			if slices.ContainsFunc(keys[i:], func(s string) bool { return s != "" }) {
				return "an empty cell comes before a filled one"
			}
			break
		}
		vals = append(vals, k)
	}
	for i := 1; i < len(vals); i++ {
		var c int
		if numeric {
			a, aerr := strconv.ParseFloat(vals[i-1], 64)
			b, berr := strconv.ParseFloat(vals[i], 64)
			if aerr != nil || berr != nil {
				continue
			}
			c = cmpFloat(a, b)
		} else {
			continue // text order follows the reader's locale; only numbers are checked
		}
		if desc {
			c = -c
		}
		if c > 0 {
			return fmt.Sprintf("%s comes before %s", vals[i-1], vals[i])
		}
	}
	return ""
}

// distinct counts the different non-empty keys, ignoring case as the
// page's sort does.
func distinct(keys []string) int {
	set := map[string]bool{}
	for _, k := range keys {
		if k != "" {
			set[strings.ToLower(k)] = true
		}
	}
	return len(set)
}

// typeSet is a set of chart types that parallel page checks share.
type typeSet struct {
	mu   sync.Mutex
	done map[string]bool
}

// first reports whether typ is new to the set, and adds it.
func (s *typeSet) first(typ string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done == nil {
		s.done = map[string]bool{}
	}
	n := !s.done[typ]
	s.done[typ] = true
	return n
}

// checkDownloads checks the CSV of every chart (the first by a click) and
// downloads the PNG and SVG of the page's first chart and of the first
// chart of each type that exported has not seen. An image is drawn by
// the same code for a type on every page (ECharts offscreen, with the
// chart's option), and each costs a full render, so a pass exports each
// type once, and each page once, proving its buttons' path to a file.
func checkDownloads(r *report, t *tab, exported *typeSet) {
	states, err := eval[[]chartState](t, chartProbe)
	if err != nil {
		r.add("download", "%v", err)
		return
	}
	if exported == nil {
		exported = &typeSet{}
	}
	clicked, imaged := false, false
	for _, st := range states {
		if !st.HasChart {
			continue
		}
		var isl island
		if json.Unmarshal([]byte(st.Island), &isl) != nil {
			continue
		}
		fig := fmt.Sprintf(`figure[id=%q]`, st.ID)
		// Every chart's CSV is checked; the first is also downloaded by a
		// click, which must save exactly that text (one click a page
		// proves the path from button to file, and each click costs a
		// download's round trip).
		text, err := eval[string](t, fmt.Sprintf(`window.tablero.csv(document.querySelector(%q))`, fig+" [data-chart]"))
		if err != nil {
			r.add("download", "#%s CSV: %v", st.ID, err)
			continue
		}
		d := &download{Name: st.ID + ".csv", Data: []byte(text)}
		if !clicked {
			clicked = true
			if d, err = t.download(fig + " [data-download=csv]"); err != nil {
				r.add("download", "#%s CSV: %v", st.ID, err)
				continue
			}
			if string(d.Data) != text {
				r.add("download", "#%s CSV: the file holds %q, the chart's CSV is %q", st.ID, clip(string(d.Data), 80), clip(text, 80))
			}
		}
		checkCSV(r, st, isl, d)
		if !exported.first(isl.Type) && imaged {
			continue
		}
		imaged = true
		for _, kind := range []string{"png", "svg"} {
			d, err := t.download(fig + " [data-download=" + kind + "]")
			if err != nil {
				r.add("download", "#%s %s: %v", st.ID, strings.ToUpper(kind), err)
				continue
			}
			if !strings.HasSuffix(d.Name, "."+kind) {
				r.add("download", "#%s %s: saved as %q", st.ID, strings.ToUpper(kind), d.Name)
			}
			switch kind {
			case "png":
				cfg, err := png.DecodeConfig(bytes.NewReader(d.Data))
				if !bytes.HasPrefix(d.Data, []byte("\x89PNG\r\n\x1a\n")) || err != nil || cfg.Width == 0 || cfg.Height == 0 {
					r.add("download", "#%s PNG: not a PNG image (%d bytes, starts %q, %v)", st.ID, len(d.Data), clip(string(d.Data), 12), err)
				}
			case "svg":
				if root, err := xmlRoot(d.Data); err != nil || root != "svg" {
					r.add("download", "#%s SVG: does not parse as <svg> (root %q, %v; starts %q)", st.ID, root, err, clip(string(d.Data), 40))
				}
			}
		}
	}
}

// checkCSV checks a chart's CSV download against its table view.
func checkCSV(r *report, st chartState, isl island, d *download) {
	if !strings.HasSuffix(d.Name, ".csv") {
		r.add("download", "#%s CSV: saved as %q", st.ID, d.Name)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(d.Data, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		r.add("download", "#%s CSV: does not parse: %v", st.ID, err)
		return
	}
	if len(recs) != len(st.Rows)+1 {
		r.add("download", "#%s CSV: %d lines for %d table rows (+ header)", st.ID, len(recs), len(st.Rows))
		return
	}
	if recs[0][0] != isl.XLabel {
		r.add("download", "#%s CSV: header starts %q, want %q", st.ID, recs[0][0], isl.XLabel)
	}
	for i, row := range st.Rows {
		rec := recs[i+1]
		if len(rec) != len(row.Cells)+1 || rec[0] != row.X {
			r.add("download", "#%s CSV: line %d is %q, the table row is %q with %d cells", st.ID, i+2, rec, row.X, len(row.Cells))
			continue
		}
		for j, c := range row.Cells {
			key := ""
			if c.Sort != nil {
				key = *c.Sort
			}
			if rec[j+1] == key {
				continue
			}
			a, aerr := strconv.ParseFloat(rec[j+1], 64)
			b, berr := strconv.ParseFloat(key, 64)
			if aerr != nil || berr != nil || !same(a, b) {
				r.add("download", "#%s CSV: %q/%q is %q, the table says %q", st.ID, row.X, recs[0][j+1], rec[j+1], c.Text)
			}
		}
	}
}

func xmlRoot(b []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local, nil
		}
	}
}

// fold lowercases s and drops its accents, as the search does.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// searchQuery picks a word of the site, written with an accent, to search
// for without it: "educación" when the site has it.
func searchQuery(docs []searchDoc) (accented, query string) {
	counts := map[string]int{}
	for _, d := range docs {
		for _, w := range strings.FieldsFunc(d.Title+" "+d.Text, func(r rune) bool { return !unicode.IsLetter(r) }) {
			w = strings.ToLower(w)
			if fold(w) != w && len([]rune(w)) >= 7 {
				counts[w]++
			}
		}
	}
	if counts["educación"] > 0 {
		return "educación", "educacion"
	}
	for w, n := range counts {
		if n > counts[accented] || (n == counts[accented] && w < accented) {
			accented = w
		}
	}
	return accented, fold(accented)
}

// checkSearch types a query without its accent and checks the results: at
// least one, each a page or dataset whose text has the word.
func checkSearch(r *report, t *tab, s *builtSite, o origin, pg *pageModel) {
	docs := s.Search[pg.Lang]
	accented, q := searchQuery(docs)
	if q == "" {
		r.add("search", "the %s search index has no accented word to search for", pg.Lang)
		return
	}
	want := map[string]bool{}
	for _, d := range docs {
		if strings.Contains(fold(d.Title), q) || strings.Contains(fold(d.Text), q) {
			want[o.url(d.URL)] = true
		}
	}
	if err := t.typeInto("[data-search]", q); err != nil {
		r.add("search", "cannot type into the search box: %v", err)
		return
	}
	// The results may wait for the index, which loads on first use.
	if err := t.waitFor(`!document.querySelector("[data-search-results]").hidden`, 30*time.Second); err != nil {
		r.add("search", "typing %q left the results hidden: %v", q, err)
		return
	}
	got, err := eval[[]string](t, `Array.prototype.map.call(document.querySelectorAll("[data-search-results] a"), function (a) { return a.href; })`)
	if err != nil {
		r.add("search", "%v", err)
		return
	}
	if len(got) == 0 {
		r.add("search", "%q finds nothing, but %d entries of the index contain %q", q, len(want), accented)
	}
	for _, u := range got {
		if !want[u] {
			r.add("search", "%q lists %s, which does not contain it (or is not where the index says)", q, u)
		}
	}
	if len(want) <= 8 && len(got) != len(want) {
		r.add("search", "%q lists %d results, the index has %d matching entries", q, len(got), len(want))
	}
}

// checkLangSwitch follows the language link and checks that it leads to
// the same board in the other language.
func checkLangSwitch(r *report, t *tab, s *builtSite, o origin, pg *pageModel) {
	other, err := eval[string](t, `(function () { var a = document.querySelector("a[data-lang-switch]"); return a ? a.getAttribute("hreflang") : ""; })()`)
	if err != nil || other == "" {
		r.add("lang-switch", "no a[data-lang-switch] link (%v)", err)
		return
	}
	want := o.url(pg.Other[other])
	if s.page(pg.Other[other]) == nil {
		r.add("lang-switch", "the %s version %s was not written", other, pg.Other[other])
		return
	}
	if err := t.click("a[data-lang-switch]"); err != nil {
		r.add("lang-switch", "cannot click it: %v", err)
		return
	}
	// The click navigates: wait, in Go (the page is replaced under any
	// script), until a complete document at another address is there.
	var got, lang string
	deadline := time.Now().Add(slack(30 * time.Second))
	for time.Now().Before(deadline) {
		got, _ = eval[string](t, `document.readyState === "complete" ? location.href : ""`)
		if got != "" && got != o.url(pg.Path) {
			break
		}
		time.Sleep(50 * time.Millisecond) // a polling interval, not a wait for something to happen
	}
	lang, _ = eval[string](t, `document.documentElement.lang`)
	if got != want || lang != other {
		r.add("lang-switch", "leads to %s (lang %q), want %s (lang %q)", got, lang, want, other)
	}
}
