package e2e

import (
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/synth"
)

// TestShardedSearchAndSectionFilter builds a site of plain pages large
// enough for a sharded search index (build.SearchShardMin) and, over HTTP
// and from disk, types into the search box of a page and into the filter
// box of the section index: the search lists the page whose title has both
// words first, loading the manifest, the shards of the words and one
// script of titles, not the whole index; the filter hides the other cards.
func TestShardedSearchAndSectionFilter(t *testing.T) {
	need(t)
	t.Parallel()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	if err := synth.Write(src, synth.Options{Pages: build.SearchShardMin + 20, Rows: 5, Theme: filepath.Join(root, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := build.BuildInto(os.DirFS(src), out)
	if err != nil || !res.OK() {
		t.Fatalf("build: %v %s", err, res.Diagnostics.Format("en"))
	}
	srv := httptest.NewServer(staticFiles(out))
	defer srv.Close()
	for _, base := range []string{srv.URL + "/", (&url.URL{Scheme: "file", Path: filepath.ToSlash(out) + "/"}).String()} {
		// A tab per page: a second navigation of a tab that searched
		// timed out in this chromedp.
		ctx, cancel := chromedp.NewContext(env.browser.ctx)
		defer cancel()
		step, stop := context30(ctx)
		err := chromedp.Do(step, chromedp.Navigate(base+"paginas/page-00003.html"),
			chromedp.SendKeys(chromedp.CSS("#q"), "pagina 517", chromedp.NodeVisible))
		if err != nil {
			stop()
			t.Fatalf("%s: %v", base, err)
		}
		got, err := chromedp.Run(step, chromedp.Evaluate[struct {
			Titles  []string
			Scripts []string
		}](`new Promise(function (done) {
				(function poll() {
					var list = document.querySelector("[data-search-results]");
					var a = list.querySelectorAll("a");
					if (list.getAttribute("data-query") === "pagina 517" && a.length) done({titles: Array.prototype.map.call(a, function (x) { return x.textContent; }),
						scripts: Array.prototype.map.call(document.querySelectorAll("head script[src*='search-']"), function (s) { return s.getAttribute("src"); })});
					else setTimeout(poll, 16);
				})();
			})`, chromedp.EvalAwaitPromise))
		stop()
		if err != nil {
			t.Fatalf("%s: search: %v", base, err)
		}
		if len(got.Titles) == 0 || got.Titles[0] != "Página 517" || len(got.Titles) > 8 {
			t.Errorf("%s: \"pagina 517\" lists %q, want Página 517 first and at most 8", base, got.Titles)
		}
		// Typed a key at a time: the manifest, the shards of the words'
		// first two letters ("pa" and "51"), never the other shards, and
		// scripts of titles (here, with about a thousand entries, the
		// results shown on the way span all of them; bench/searchbytes.sh
		// measures the bytes at 10,000 pages).
		var shards int
		for _, src := range got.Scripts {
			if strings.Contains(src, "-s-") {
				shards++
			}
		}
		allShards, _ := filepath.Glob(filepath.Join(out, "assets", "search-es-s-*.js"))
		if shards > 2 || len(allShards) < 10 || !strings.Contains(got.Scripts[0], "search-es.") {
			t.Errorf("%s: the query loaded %q: want the manifest first and at most 2 of the %d shards", base, got.Scripts, len(allShards))
		}

		fctx, fcancel := chromedp.NewContext(env.browser.ctx)
		defer fcancel()
		step, stop = context30(fctx)
		if err := chromedp.Do(step, chromedp.Navigate(base+"paginas/index.html")); err != nil {
			stop()
			t.Fatalf("%s: %v", base, err)
		}
		// search.js, which the theme's script fetches after the first
		// paint, marks the box once it filters.
		shown, err := chromedp.Run(step, chromedp.Evaluate[int](`new Promise(function (done) {
			(function poll() {
				var box = document.querySelector("[data-section-filter][data-ready]");
				if (!box) { setTimeout(poll, 16); return; }
				box.value = "pagina 7";
				box.dispatchEvent(new Event("input"));
				done(Array.prototype.filter.call(document.querySelectorAll("[data-section] .card"), function (c) { return !c.hidden; }).length);
			})();
		})`, chromedp.EvalAwaitPromise))
		stop()
		if err != nil {
			t.Fatalf("%s: filter: %v", base, err)
		}
		// The first index page has cards 1 to 50; the filter matches
		// parts of words, as the search of a small site: 7, 17, 27, 37
		// and 47.
		if shown != 5 {
			t.Errorf("%s: the filter \"pagina 7\" shows %d cards, want 5", base, shown)
		}
	}
}
