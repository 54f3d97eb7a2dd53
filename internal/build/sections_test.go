package build

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/site"
	"github.com/tablero/tablero/internal/synth"
)

// buildPages builds the synthetic site of n plain pages in one folder and
// returns its files.
func buildPages(t *testing.T, n int) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Pages: n, Rows: 5}); err != nil {
		t.Fatal(err)
	}
	res := Build(os.DirFS(dir))
	if !res.OK() {
		t.Fatalf("the site of %d pages does not build:\n%s", n, res.Diagnostics.Format("en"))
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	return files
}

// TestSectionNavigation checks that a folder of pages is one menu entry,
// that its index is paginated with rel prev/next, and that a page links its
// section and its neighbours, not its siblings.
func TestSectionNavigation(t *testing.T) {
	files := buildPages(t, 120)
	page := func(i int) string { return fmt.Sprintf("paginas/page-%05d.html", i) }
	for _, tc := range []struct {
		file      string
		want      []string
		wantCount map[string]int
		not       []string
	}{
		{file: page(1),
			want:      []string{`<a href="../paginas/index.html" aria-current="page">Paginas</a>`, `<a rel="next" href="../paginas/page-00002.html">`, `<p class="crumb"><a href="../paginas/index.html">`},
			wantCount: map[string]int{"page-00": 1},
			not:       []string{`rel="prev"`}},
		{file: page(51),
			want:      []string{`<a rel="prev" href="../paginas/page-00050.html">`, `<a rel="next" href="../paginas/page-00052.html">`, `<p class="crumb"><a href="../paginas/index-2.html">`},
			wantCount: map[string]int{"page-00": 2}},
		{file: "paginas/index.html",
			want:      []string{`<link rel="next" href="../paginas/index-2.html">`, `data-section-filter`},
			wantCount: map[string]int{`<li class="card board`: SectionPageSize},
			not:       []string{`rel="prev"`}},
		{file: "paginas/index-3.html",
			want:      []string{`<link rel="prev" href="../paginas/index-2.html">`, `page-00120.html`, `3 / 3`},
			wantCount: map[string]int{`<li class="card board`: 20},
			not:       []string{`rel="next"`}},
		{file: "index.html",
			want: []string{`<a href="paginas/index.html">Paginas</a>`},
			not:  []string{`page-00001.html`}},
	} {
		b := files[tc.file]
		if b == nil {
			t.Errorf("%s: not written", tc.file)
			continue
		}
		for _, w := range tc.want {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%s: missing %s", tc.file, w)
			}
		}
		for _, w := range tc.not {
			if bytes.Contains(b, []byte(w)) {
				t.Errorf("%s: has %s", tc.file, w)
			}
		}
		for w, n := range tc.wantCount {
			// Links to sibling pages: prev/next each appear once as
			// an <a>; the page's own URL is in no link.
			got := bytes.Count(b, []byte(w))
			if strings.HasPrefix(w, "page-") {
				got = len(regexp.MustCompile(`href="[^"]*page-\d+\.html"`).FindAll(b, -1))
			}
			if got != n {
				t.Errorf("%s: %d × %s, want %d", tc.file, got, w, n)
			}
		}
	}
	if files["paginas/index-4.html"] != nil {
		t.Error("a fourth index page for 120 pages")
	}
}

// TestPageSizeIndependent checks that a page's HTML does not grow with the
// number of pages of the site: the same page in a site of 60 and of 600
// pages differs only by the digits of the pager.
func TestPageSizeIndependent(t *testing.T) {
	small, large := buildPages(t, 60), buildPages(t, 600)
	for _, p := range []string{"paginas/page-00001.html", "paginas/page-00030.html", "paginas/index.html"} {
		a, b := len(small[p]), len(large[p])
		if a == 0 || b == 0 {
			t.Fatalf("%s: not written", p)
		}
		if d := b - a; d < -64 || d > 64 {
			t.Errorf("%s: %d bytes at 60 pages, %d at 600", p, a, b)
		}
	}
}

// TestSections checks which folders are sections, their menu titles and
// that a content page where the build writes a page of a section index is
// an error naming the file.
func TestSections(t *testing.T) {
	page := func(file, kind, title string) *chart.Page {
		slug, lang := content.SlugAndLang(file, "es")
		return &chart.Page{Page: &content.Page{File: file, Slug: slug, Lang: lang, Meta: content.Meta{Title: title, Kind: kind}}}
	}
	var many []*chart.Page
	for i := range SectionPageSize + 1 {
		many = append(many, page(fmt.Sprintf("content/informes/a%03d.md", i), "page", "A"))
	}
	for _, tc := range []struct {
		name     string
		pages    []*chart.Page
		sections map[string]string // folder → menu title
		jobs     []string
		err      string
	}{
		{name: "sectors stay on the home page",
			pages:    []*chart.Page{page("content/index.md", "home", "Inicio"), page("content/sectores/a.md", "sector", "A")},
			sections: map[string]string{}},
		{name: "a folder of pages",
			pages:    []*chart.Page{page("content/mis-notas/a.md", "page", "A"), page("content/mis-notas/b.md", "page", "B")},
			sections: map[string]string{"mis-notas": "Mis notas"},
			jobs:     []string{"mis-notas/index"}},
		{name: "the folder's own index names it",
			pages:    []*chart.Page{page("content/notas/index.md", "page", "Todas las notas"), page("content/notas/b.md", "page", "B")},
			sections: map[string]string{"notas": "Todas las notas"}},
		{name: "paginated",
			pages:    many,
			sections: map[string]string{"informes": "Informes"},
			jobs:     []string{"informes/index", "informes/index-2"}},
		{name: "clash",
			pages:    append([]*chart.Page{page("content/informes/index-2.md", "page", "Z")}, many...),
			sections: map[string]string{"informes": "Informes"},
			jobs:     []string{"informes/index"},
			err:      "content/informes/index-2.md:1:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSiteModel(site.Config{Languages: []string{"es"}}, tc.pages, nil, nil, nil, nil, nil)
			got := map[string]string{}
			for name, sec := range s.sections {
				got[name] = s.sectionTitle(sec, "es")
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.sections) {
				t.Errorf("sections %v, want %v", got, tc.sections)
			}
			if fmt.Sprint(s.sectionSlugs) != fmt.Sprint(tc.jobs) {
				t.Errorf("index pages %v, want %v", s.sectionSlugs, tc.jobs)
			}
			msg := s.diags.Format("en")
			if tc.err == "" && msg != "" || !strings.Contains(msg, tc.err) {
				t.Errorf("diagnostics %q, want %q", msg, tc.err)
			}
		})
	}
}
