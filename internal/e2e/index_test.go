package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/content"
)

// TestDataIndexFilters drives the data index of the catalogue page, over
// HTTP and from disk: choosing a dimension hides every other entry, says
// how many are shown in the live region and puts the choice in the URL;
// opening that URL shows the same selection; typing "educacion" finds the
// entries of "Educación y talento".
func TestDataIndexFilters(t *testing.T) {
	need(t)
	t.Parallel()
	pg := dataIndexPage(t)
	// What the data say: entries of the dimension, and of the whole index.
	const dimension = "Mercado laboral y talento"
	want, total, education := 0, 0, 0
	for _, tb := range env.site.Tables {
		total++
		if tb.Schema.Dimension.In("es") == dimension {
			want++
		}
		for _, r := range tb.ReferencesIn("es") {
			total++
			if r.Dimension == dimension {
				want++
			}
			if r.Category == "Educación y talento" {
				education++
			}
		}
	}
	if want == 0 || education == 0 {
		t.Fatalf("the data have %d entries of %q and %d of Educación y talento: nothing to test", want, dimension, education)
	}
	key := content.Slug(dimension)
	type state struct {
		Value, Search, Status, Live, Query string
		Shown, Wrong                       int
		Texts                              []string
	}
	const read = `(function () {
		var s = document.querySelector("[data-index-filter=dimension]"), st = document.querySelector("[data-index-status]");
		var shown = Array.prototype.filter.call(document.querySelectorAll("[data-facets]"), function (e) { return !e.hidden && e.offsetParent !== null; });
		var want = s.value;
		return { value: s.value, search: location.search, status: st.textContent, live: st.getAttribute("aria-live") + "/" + st.getAttribute("role"),
			query: document.querySelector("[data-index-search]").value, shown: shown.length,
			wrong: shown.filter(function (e) { return want && new URLSearchParams(e.getAttribute("data-facets")).get("dimension") !== want; }).length,
			texts: shown.map(function (e) { return e.querySelector("h4").textContent.trim() + " · " + ((e.querySelector(".entry-place") || {}).textContent || ""); }) };
	})()`
	for _, o := range []origin{env.http, env.file} {
		t.Run(o.Name, func(t *testing.T) {
			tb := env.tabs.get()
			defer env.tabs.put(tb)
			if err := tb.open(o.url(pg.Path), desktop); err != nil {
				t.Fatal(err)
			}
			before, err := eval[state](tb, read)
			if err != nil {
				t.Fatal(err)
			}
			if before.Shown != total || before.Status != fmt.Sprintf("%d de %d mostrados", total, total) || before.Live != "polite/status" {
				t.Errorf("before filtering: %d shown, status %q (%s); the data have %d entries", before.Shown, before.Status, before.Live, total)
			}
			// A reader picks the dimension in the select.
			after, err := eval[state](tb, fmt.Sprintf(`(function () {
				var s = document.querySelector("[data-index-filter=dimension]");
				s.value = %q;
				s.dispatchEvent(new Event("change"));
				return %s;
			})()`, key, read))
			if err != nil {
				t.Fatal(err)
			}
			if after.Value != key || after.Shown != want || after.Wrong != 0 {
				t.Errorf("dimension %q: %d entries shown (%d of another dimension), the data have %d", key, after.Shown, after.Wrong, want)
			}
			if s := fmt.Sprintf("%d de %d mostrados", want, total); after.Status != s {
				t.Errorf("status %q, want %q", after.Status, s)
			}
			if q := "?" + (url.Values{"dimension": {key}}).Encode(); after.Search != q {
				t.Errorf("URL query %q, want %q", after.Search, q)
			}
			// The URL opens the same selection.
			if err := tb.open(o.url(pg.Path)+after.Search, desktop); err != nil {
				t.Fatal(err)
			}
			again, err := eval[state](tb, read)
			if err != nil {
				t.Fatal(err)
			}
			if again.Value != key || again.Shown != want || again.Status != after.Status {
				t.Errorf("opening %s: dimension %q, %d shown, status %q", after.Search, again.Value, again.Shown, again.Status)
			}
			// Clear, then type without the accent, key by key.
			if err := tb.click("[data-index-clear]"); err != nil {
				t.Fatal(err)
			}
			if err := tb.typeInto("[data-index-search]", "educacion"); err != nil {
				t.Fatal(err)
			}
			found, err := eval[state](tb, read)
			if err != nil {
				t.Fatal(err)
			}
			hits := 0
			for _, s := range found.Texts {
				if strings.Contains(s, "Educación y talento") {
					hits++
				}
			}
			if found.Query != "educacion" || found.Value != "" || hits < education || found.Shown >= total {
				t.Errorf(`searching "educacion": box %q, dimension %q, %d shown of %d, %d of the %d "Educación y talento" entries`,
					found.Query, found.Value, found.Shown, total, hits, education)
			}
			if found.Search != "?q=educacion" {
				t.Errorf("URL query %q, want ?q=educacion", found.Search)
			}
			for _, p := range tb.takeRecords() {
				if p.Kind == "console" || p.Kind == "exception" {
					t.Errorf("%s: %s %s", p.Kind, p.URL, p.Text)
				}
			}
		})
	}
}

// TestDataIndexDeepLink opens the data index at an entry far down the
// list, as the site search and other pages link to it (datos.html#name):
// the entry is on screen once the page has settled, on a phone and on a
// desktop, though the entries above it are laid out only near the screen
// (content-visibility) and the theme sets the page up after the first
// paint.
func TestDataIndexDeepLink(t *testing.T) {
	need(t)
	t.Parallel()
	pg := dataIndexPage(t)
	tb := env.tabs.get()
	defer env.tabs.put(tb)
	if err := tb.open(env.http.url(pg.Path), desktop); err != nil {
		t.Fatal(err)
	}
	// The last entry of each group of the index.
	ids, err := eval[[]string](tb, `Array.prototype.map.call(document.querySelectorAll("[data-index-group]"), function (g) {
		var all = g.querySelectorAll("[data-facets]"), last = all[all.length - 1];
		return (last.id ? last : last.querySelector("[id]")).id;
	})`)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) < 2 {
		t.Fatalf("%s: %d groups in the index, want the site's datasets and the external ones", pg.Path, len(ids))
	}
	for _, vp := range []viewport{phone, desktop} {
		for _, id := range ids {
			if err := tb.open(env.http.url(pg.Path)+"#"+id, vp); err != nil {
				t.Fatal(err)
			}
			type place struct{ Top, Bottom, Window, Scrolled float64 }
			got, err := eval[place](tb, fmt.Sprintf(`(function () {
				var r = document.getElementById(%q).getBoundingClientRect();
				return { top: r.top, bottom: r.bottom, window: innerHeight, scrolled: scrollY };
			})()`, id))
			if err != nil {
				t.Fatal(err)
			}
			if got.Scrolled == 0 || got.Top >= got.Window || got.Bottom <= 0 {
				t.Errorf("%s#%s at %dx%d: the entry is at %.0f–%.0f px of a %.0f px window (scrolled %.0f px): not on screen",
					pg.Path, id, vp.Width, vp.Height, got.Top, got.Bottom, got.Window, got.Scrolled)
			}
		}
	}
	checkNoErrors(t, tb, pg.Path)
}

// dataIndexPage is the Spanish page with the data index.
func dataIndexPage(t *testing.T) *pageModel {
	t.Helper()
	for _, p := range pagesWith("data-index-filter=") {
		if p.Lang == "es" {
			return p
		}
	}
	t.Fatal("no Spanish page has the data index")
	return nil
}
