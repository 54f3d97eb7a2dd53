// Package e2e tests the DatACI site in a real browser (GitHub issue 7). It
// builds the site once, serves it from a loopback HTTP server and from
// file://, and drives Chromium over every page in both languages: no
// console error, failed request or request to another host; every chart
// drawn and holding the dataset's numbers; KPI cards equal to their rows;
// the language switch, search, downloads and table sorting working;
// axe-core finding no serious or critical WCAG 2.1 A/AA violation in light
// and dark mode; no sideways scroll at 390 px. With -shots (make
// screenshots), screenshots of every page land in testout/screenshots/ for
// a person to look at; they are not taken by default, for a full-page PNG
// costs as much as a page's axe-core run and no check reads it.
//
// `go test -short` skips it. Without Chromium it fails (apt-get install
// chromium); in CI (CI=true) it needs /usr/bin/chromium.
package e2e

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// env is what every test shares: one build, one server, one browser.
var env struct {
	site    *builtSite
	http    origin // the site at the server's root
	subPath origin // the same files under /datos/ on the same server
	file    origin
	browser *browserProc
	tabs    tabPool
	shots   string // testout/screenshots with -shots, else ""
	err     error  // why the suite cannot run; every browser test fails with it
}

var shots = flag.Bool("shots", false, "write screenshots of every page (desktop, phone, dark home) to testout/screenshots/")

// tabs is how many pages are checked at once (the suite targets 2 cores).
const tabs = 2

func TestMain(m *testing.M) {
	flag.Parse()
	start := time.Now()
	cleanup := func() {}
	if !testing.Short() {
		cleanup = setup()
	}
	code := m.Run()
	cleanup()
	if !testing.Short() {
		fmt.Printf("e2e: %s in all (build, browser start, every page and every check)\n", time.Since(start).Round(100*time.Millisecond))
	}
	os.Exit(code)
}

// setup builds the site, serves it and starts Chromium. A failure is kept
// in env.err for the tests to report.
func setup() (cleanup func()) {
	var done []func()
	cleanup = func() {
		for i := len(done) - 1; i >= 0; i-- {
			done[i]()
		}
	}
	root, err := repoRoot()
	if err != nil {
		env.err = err
		return cleanup
	}
	tmp, err := os.MkdirTemp("", "tablero-e2e-")
	if err != nil {
		env.err = err
		return cleanup
	}
	done = append(done, func() { os.RemoveAll(tmp) })
	out := filepath.Join(tmp, "public")
	t0 := time.Now()
	if env.site, err = buildSite(root, out); err != nil {
		env.err = err
		return cleanup
	}
	fmt.Printf("e2e: built %d pages in %s\n", len(env.site.Pages), time.Since(t0).Round(time.Millisecond))
	srv := httptest.NewServer(underSubPath("/datos/", staticFiles(out)))
	done = append(done, srv.Close)
	env.http = origin{Name: "http", Base: srv.URL + "/", Dir: out}
	env.subPath = origin{Name: "http /datos/", Base: srv.URL + "/datos/", Dir: out}
	env.file = origin{Name: "file", Base: (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/"}).String(), Dir: out}
	if *shots {
		env.shots = filepath.Join(root, "testout", "screenshots")
		os.RemoveAll(env.shots)
		if err := os.MkdirAll(env.shots, 0o755); err != nil {
			env.err = err
			return cleanup
		}
	}
	exe, err := findChromium()
	if err != nil {
		env.err = err
		return cleanup
	}
	// Chromium once exited at start without a word, right after another
	// suite's browser had closed (seen once, in stop 30): a second start
	// tells that apart from a browser that cannot run here.
	if env.browser, err = launch(exe); err != nil {
		fmt.Printf("e2e: %v; starting it again\n", err)
		if env.browser, err = launch(exe); err != nil {
			env.err = err
			return cleanup
		}
	}
	done = append(done, env.browser.close)
	if env.tabs, err = env.browser.newPool(tabs); err != nil {
		env.err = fmt.Errorf("cannot open tabs: %w", err)
	}
	return cleanup
}

// staticFiles serves dir the way a plain static host does, without the
// redirect of index.html to ./ that http.FileServer makes.
func staticFiles(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") {
			p = path.Join(p, "index.html")
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, st.Name(), st.ModTime(), f)
	})
}

// underSubPath serves files both at the root and under prefix, as a host
// that publishes the site at https://example.org/datos/ would.
func underSubPath(prefix string, files http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rest, ok := strings.CutPrefix(r.URL.Path, prefix); ok {
			r.URL.Path = "/" + rest
		}
		files.ServeHTTP(w, r)
	})
}

// need skips under -short and fails when the suite cannot run.
func need(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped with -short")
	}
	if env.err != nil {
		t.Fatal(env.err)
	}
}

// TestSiteOverHTTP checks every page served from a loopback server under a
// sub-path, /datos/, as GitHub Pages or a shared host would publish it:
// figures, links, console, layout and screenshots, at a desktop's and at a
// phone's width (the pages of a shared layout that are not its samples at
// a phone's only, where they have the least room). A request that leaves
// /datos/ (an absolute URL in the site) is reported as leaving the site,
// so the pass proves the site works at any depth; the other browser tests
// open it at the server's root. Pages of their own and the samples of
// each shared layout (see sampleShapes) also get axe-core in light and
// dark mode and every interaction. It is
// the one browser test that runs alone, first (its layout counters must
// count its own pages); every other one calls t.Parallel and runs after
// it, at most -parallel (GOMAXPROCS) at once, over the shared tabs or tabs
// of its own.
func TestSiteOverHTTP(t *testing.T) {
	need(t)
	if !checkAll(t, env.subPath, visit{Axe: true, Dark: true, Phone: true, Interact: true, Screenshots: env.shots, Sample: sharedLayout}) {
		return // -run picked some pages
	}
	// The layout checks can only fail if the site gives them something to
	// measure: DatACI has horizontal bar charts and tables too wide for a
	// phone.
	if hbarsChecked.Load() == 0 {
		t.Error("no horizontal bar chart was measured; the site has some")
	}
	if tablesMeasured.Load() == 0 || tablesStacked.Load() == 0 {
		t.Errorf("%d tables measured at a phone's width, %d stacked; the site has wide tables", tablesMeasured.Load(), tablesStacked.Load())
	}
}

// TestSiteFromFile checks the pages opened from disk, as a person who
// downloaded the site would: loading, charts, KPIs, links, downloads,
// search and the language switch (axe and layout do not depend on how the
// page is loaded, so they run over HTTP only). Every page of its own is
// visited; of the pages that share one layout over other data (the sector
// boards, a template's pages) the largest per language, which loads the
// same scripts and files in the same way as the others: how a page loads
// from disk does not depend on its rows, as the figures over HTTP do.
func TestSiteFromFile(t *testing.T) {
	need(t)
	t.Parallel()
	checkAll(t, env.file, visit{Interact: true, Sample: sharedLayout, LargestOnly: true})
}

// sharedLayout groups the sector boards and each template's pages by
// language: the largest and the smallest of each group stand for the
// others in the checks that depend on the layout, not on the figures.
func sharedLayout(p *pageModel) string {
	switch {
	case p.Kind == "sector":
		return p.Kind + " " + p.Lang
	case p.Generated:
		return p.Source + " " + p.Lang
	}
	return ""
}

// checkAll checks every page over o and reports whether every page ran
// (not only those a -run pattern picked).
func checkAll(t *testing.T, o origin, v visit) (all bool) {
	s := env.site
	if len(s.Pages) == 0 {
		t.Fatal("the build wrote no page")
	}
	for _, lang := range s.Langs {
		for _, p := range s.Pages {
			if p.Lang == s.Langs[0] && p.Other[lang] != "" && s.page(p.Other[lang]) == nil {
				t.Errorf("%s has no %s version (%s)", p.Path, lang, p.Other[lang])
			}
		}
	}
	for _, lang := range s.Langs {
		accented, q := searchQuery(s.Search[lang])
		t.Logf("search (%s): typing %q, which the site writes %q", lang, q, accented)
	}
	start := time.Now()
	charts, kpis := 0, 0
	samples := sampleShapes(s, v.Sample, !v.LargestOnly)
	exported := &typeSet{}
	var want int64
	var ran atomic.Int64
	t.Logf("%s: pages of a shared layout with every check: %s", o.Name, strings.Join(slices.Sorted(maps.Keys(samples)), ", "))
	t.Run("page", func(t *testing.T) {
		for _, pg := range s.Pages {
			pv := v
			pv.Exported = exported
			if v.Sample != nil && v.Sample(pg) != "" && !samples[pg.Path] {
				if !v.Phone {
					continue
				}
				// Over HTTP every page is loaded at a phone's width, the
				// narrowest, and its figures and layout checked there; a
				// board written by hand also gets axe-core in light mode,
				// as its own text can break a rule, while a template's
				// pages differ from their samples in figures only. With
				// -shots it is loaded at both widths, for the pictures.
				pv.Axe = pv.Axe && !pg.Generated
				pv.Dark, pv.Interact = false, false
				pv.PhoneOnly = v.Screenshots == ""
			}
			charts += len(pg.Charts)
			kpis += len(pg.KPIs)
			want++
			t.Run(pg.Path, func(t *testing.T) {
				ran.Add(1)
				t.Parallel()
				tb := env.tabs.get()
				defer env.tabs.put(tb)
				t0 := time.Now()
				for _, p := range checkPage(tb, s, o, pg, pv) {
					t.Error(p)
				}
				t.Logf("%s in %s", pg.Path, time.Since(t0).Round(time.Millisecond))
			})
		}
	})
	t.Logf("%s: %d pages, %d chart blocks, %d KPI cards checked in %s (%d tabs; %d download clicks repeated so far)",
		o.Name, ran.Load(), charts, kpis, time.Since(start).Round(100*time.Millisecond), tabs, downloadRetries.Load())
	return ran.Load() == want
}

// sampleShapes picks, among the pages shape puts in one group (one
// layout over other rows, in one language), the largest and the smallest:
// the same markup with the most rows and with the most empty blocks. They
// get every check. The others' figures are recomputed by the build's
// TestDatACIFigures: over HTTP they are loaded at a phone's width and
// their charts, cards, tables, links, layout and console checked (and
// axe-core in light mode on the boards written by hand), but the desktop
// layout, axe-core in dark mode and the interactions are checked on the
// samples only, and the other origins visit the samples only.
func sampleShapes(s *builtSite, shape func(p *pageModel) string, smallest bool) map[string]bool {
	type pick struct {
		small, large string
		min, max     int64
	}
	by := map[string]*pick{}
	for _, p := range s.Pages {
		g := ""
		if shape != nil {
			g = shape(p)
		}
		if g == "" {
			continue
		}
		st, err := os.Stat(filepath.Join(s.Out, filepath.FromSlash(p.Path)))
		if err != nil {
			continue
		}
		n := st.Size()
		k := by[g]
		if k == nil {
			by[g] = &pick{p.Path, p.Path, n, n}
			continue
		}
		if n < k.min {
			k.small, k.min = p.Path, n
		}
		if n > k.max {
			k.large, k.max = p.Path, n
		}
	}
	out := map[string]bool{}
	for _, k := range by {
		out[k.large] = true
		if smallest {
			out[k.small] = true
		}
	}
	return out
}

// TestCheckerCatches breaks a copy of the built site on purpose, one way
// at a time, and asserts that the checks report it: proof that the suite
// can fail.
func TestCheckerCatches(t *testing.T) {
	need(t)
	t.Parallel()
	pg := victim(env.site)
	if pg == nil {
		t.Fatal("no page has both a chart and a KPI card to break")
	}
	src, err := os.ReadFile(filepath.Join(env.site.Out, filepath.FromSlash(pg.Path)))
	if err != nil {
		t.Fatal(err)
	}
	page := string(src)
	wrongKPI := func(h string) (string, error) {
		return replaceFirst(h, regexp.MustCompile(`<data value="[^"]*">`), `<data value="987654.321">`)
	}
	unnamedButton := func(h string) (string, error) {
		return insert(h, `<h1>`, `<button type="button" data-e2e-broken></button>`)
	}
	cases := []struct {
		name   string
		check  string // the check that must report it
		needle string // and a text its report must contain
		visit  visit  // the checks the broken page gets: those that can report it
		breaks func(html string) (string, error)
	}{
		// Without ECharts no export can start: with downloads checked,
		// this case would wait out every download's deadline.
		{"blank chart: ECharts not loaded", "chart", "no ECharts instance", visit{}, func(h string) (string, error) {
			// The theme names the library in a <script> or in data-echarts.
			return cut(h, regexp.MustCompile(`<script src="[^"]*echarts-[^"]*"[^>]*></script>| data-echarts="[^"]*"`))
		}},
		{"blank chart: series without data", "chart", "the canvas is blank", visit{}, emptySeries},
		{"asset from another host", "host", "https://cdn.example.com/x.js", visit{}, func(h string) (string, error) {
			return insert(h, "</head>", `<script src="https://cdn.example.com/x.js"></script>`)
		}},
		{"root-relative link (breaks under a sub-path)", "link", "leaves the site's folder", visit{}, func(h string) (string, error) {
			return insert(h, "<h1>", `<a href="/index.html">home</a>`)
		}},
		{"root-relative script (breaks under a sub-path)", "host", "/assets/e2e-broken.js, outside the site", visit{}, func(h string) (string, error) {
			return insert(h, "</head>", `<script src="/assets/e2e-broken.js"></script>`)
		}},
		{"KPI disagrees with its data", "kpi", `<data value="987654.321">`, visit{}, wrongKPI},
		// A page of a shared layout, not a sample, is loaded at a phone's
		// width only: its figures and axe-core are checked there.
		{"KPI disagrees with its data, on a phone", "kpi", `<data value="987654.321">`, visit{PhoneOnly: true}, wrongKPI},
		{"button without a name, on a phone", "a11y", "button-name", visit{PhoneOnly: true, Axe: true}, unnamedButton},
		{"image without alt text", "a11y", "image-alt", visit{Axe: true}, func(h string) (string, error) {
			return insert(h, `<h1>`, `<img src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==" width="40" height="40" data-e2e-broken>`)
		}},
		{"button without a name", "a11y", "button-name", visit{Axe: true}, unnamedButton},
		{"text unreadable in dark mode only", "a11y", "dark mode: color-contrast", visit{Dark: true}, func(h string) (string, error) {
			return insert(h, "</head>", `<style>@media (prefers-color-scheme: dark) { h1 { color: #2a2a2a !important } }</style>`)
		}},
		{"CSV download differs from the chart's figures", "download", "the file holds", visit{Interact: true}, func(h string) (string, error) {
			// The download keeps the page's own function; what the suite
			// reads as the chart's CSV gets a row more.
			// tablero.js comes after the first paint: wrap its csv as it is set.
			return insert(h, "</body>", `<script>Object.defineProperty(window, "tablero", { configurable: true, set: function (v) {
				var f = v.csv; v.csv = function (el) { return f(el) + "x,1\r\n"; };
				Object.defineProperty(window, "tablero", { value: v, writable: true, configurable: true });
			} });</script>`)
		}},
	}
	// What the checks say of the unbroken page, so that a case only passes
	// when breaking the page is what made the check speak.
	baseline := runBroken(t, pg, page, visit{Axe: true, Dark: true, Interact: true})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			broken, err := c.breaks(page)
			if err != nil {
				t.Fatal(err)
			}
			ps := runBroken(t, pg, broken, c.visit)
			if found(baseline, c.check, c.needle) {
				t.Fatalf("the unbroken %s already reports [%s] %q, so this case proves nothing", pg.Path, c.check, c.needle)
			}
			if !found(ps, c.check, c.needle) {
				t.Errorf("the checks did not report [%s] %q on the broken %s; they said:\n%s", c.check, c.needle, pg.Path, list(ps))
				return
			}
			for _, p := range ps {
				if p.Check == c.check && strings.Contains(p.Detail, c.needle) {
					t.Logf("reported: %s", p)
					break
				}
			}
		})
	}
}

// victim picks the page to break: the home page when it has a drawn chart
// and a KPI card, else the first page in the default language that has.
func victim(s *builtSite) *pageModel {
	var found *pageModel
	for _, p := range s.Pages {
		if p.Lang != s.Langs[0] || len(p.KPIs) == 0 || !strings.Contains(readOut(s, p.Path), `data-chart=`) {
			continue
		}
		if p.Kind == "home" {
			return p
		}
		if found == nil {
			found = p
		}
	}
	return found
}

func readOut(s *builtSite, rel string) string {
	b, _ := os.ReadFile(filepath.Join(s.Out, filepath.FromSlash(rel)))
	return string(b)
}

// runBroken serves a copy of the site whose page pg is html under /datos/,
// as TestSiteOverHTTP does, and checks that page with the same code.
func runBroken(t *testing.T, pg *pageModel, html string, v visit) []problem {
	t.Helper()
	dir := t.TempDir()
	cp, err := env.site.copyTo(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(pg.Path)), []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(underSubPath("/datos/", staticFiles(dir)))
	defer srv.Close()
	o := origin{Name: "broken", Base: srv.URL + "/datos/", Dir: dir}
	tb := env.tabs.get()
	defer env.tabs.put(tb)
	return checkPage(tb, cp, o, pg, v)
}

func found(ps []problem, check, needle string) bool {
	for _, p := range ps {
		if p.Check == check && strings.Contains(p.Detail, needle) {
			return true
		}
	}
	return false
}

func list(ps []problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}

func insert(h, before, add string) (string, error) {
	i := strings.Index(h, before)
	if i < 0 {
		return "", fmt.Errorf("the page has no %q", before)
	}
	return h[:i] + add + h[i:], nil
}

func cut(h string, re *regexp.Regexp) (string, error) {
	if !re.MatchString(h) {
		return "", fmt.Errorf("the page has no %s", re)
	}
	return re.ReplaceAllString(h, ""), nil
}

func replaceFirst(h string, re *regexp.Regexp, with string) (string, error) {
	loc := re.FindStringIndex(h)
	if loc == nil {
		return "", fmt.Errorf("the page has no %s", re)
	}
	return h[:loc[0]] + with + h[loc[1]:], nil
}

// emptySeries empties the drawn data of the first single-series chart
// whose island can be rewritten, as a bug that loses the data would.
func emptySeries(h string) (string, error) {
	re := regexp.MustCompile(`(<script type="application/json" id="[^"]*">)(.*?)(</script>)`)
	for _, m := range re.FindAllStringSubmatchIndex(h, -1) {
		var isl map[string]any
		if json.Unmarshal([]byte(h[m[4]:m[5]]), &isl) != nil {
			continue
		}
		opt, _ := isl["option"].(map[string]any)
		series, _ := opt["series"].([]any)
		if len(series) != 1 {
			continue
		}
		series[0].(map[string]any)["data"] = []any{}
		b, err := json.Marshal(isl)
		if err != nil {
			return "", err
		}
		return h[:m[4]] + string(b) + h[m[5]:], nil
	}
	return "", fmt.Errorf("no single-series chart island")
}
