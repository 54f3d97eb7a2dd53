package build

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/sitetest"
)

// copySite copies the test site dir and the repository's default theme
// into a temporary folder and returns it.
func copySite(t testing.TB, dir string) string { return sitetest.Site(t, dir, "../..") }

// TestHostileTextStaysText builds a site whose data, schema, configuration
// and Markdown are full of markup and script, and checks that none of it
// reaches the pages as markup. The browser test runs the same site.
func TestHostileTextStaysText(t *testing.T) {
	res := Build(os.DirFS(copySite(t, "testdata/hostile")))
	if !res.OK() {
		t.Fatal(res.Diagnostics.Format("en"))
	}
	// Outside the JSON islands, markup from the inputs must be escaped.
	island := regexp.MustCompile(`(?s)<script type="application/json"[^>]*>(.*?)</script>`)
	pages := 0
	for _, f := range res.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		pages++
		html := string(f.Data)
		for _, m := range island.FindAllStringSubmatch(html, -1) {
			if strings.ContainsAny(m[1], "<>") {
				t.Errorf("%s: island holds raw < or >: %.200s", f.Path, m[1])
			}
			if strings.Contains(m[1], "__f__alert(2)__f__") && !strings.Contains(m[1], `"__f__alert(2)__f__"`) &&
				!strings.Contains(m[1], `"pie __f__alert(2)__f__"`) {
				t.Errorf("%s: __f__ string lost its quotes", f.Path)
			}
		}
		rest := island.ReplaceAllString(html, "")
		for _, bad := range []string{"<script>alert", "<img src=x", "<b onmouseover", "javascript:", `"onmouseover`, `" onmouseover`} {
			if strings.Contains(rest, bad) {
				i := strings.Index(rest, bad)
				t.Errorf("%s: raw %q in the page: …%s…", f.Path, bad, rest[max(0, i-80):min(len(rest), i+80)])
			}
		}
	}
	if pages < 2 {
		t.Errorf("only %d pages", pages)
	}
}
