package build

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/osfile"
	"github.com/tablero/tablero/internal/sitetest"
)

// TestBrokenThemeIsOneError: a theme with an error is not used, so its
// error is reported once instead of once more for every page it fails.
func TestBrokenThemeIsOneError(t *testing.T) {
	site := smallSite(t)
	layout := filepath.Join(site, "themes/default/templates/layout.html")
	b, err := os.ReadFile(layout)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(layout, append(b, "{{if}}"...), 0o644)
	res := Build(osfile.Dir(site))
	lines := bytes.Count(b, []byte("\n")) + 1 // the line "{{if}}" was added to
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Pos() != fmt.Sprintf("themes/default/templates/layout.html:%d", lines) ||
		!strings.HasPrefix(res.Diagnostics[0].Msg.EN, "invalid template: missing value for if") {
		t.Errorf("want one error, at the template's line %d:\n%s", lines, res.Diagnostics.Format("en"))
	}
}

// smallSite copies testdata/big, a page over one dataset, with the
// default theme into a temporary folder, and returns the folder.
func smallSite(t *testing.T) string {
	t.Helper()
	return copySite(t, "testdata/big")
}

// TestHugeFilesAreNotRead: a page, a schema or site.toml over its size
// limit is refused by its size, before it is read, so that a file of
// gigabytes (a video saved as .md) costs the build nothing. The files here
// are sparse: 1 GB that takes no disk.
func TestHugeFilesAreNotRead(t *testing.T) {
	for _, name := range []string{"content/enorme.md", "data/sales.toml", "site.toml"} {
		t.Run(name, func(t *testing.T) {
			site := smallSite(t)
			huge := filepath.Join(site, filepath.FromSlash(name))
			if err := os.WriteFile(huge, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(huge, 1<<30); err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			res := Build(osfile.Dir(site))
			runtime.ReadMemStats(&after)
			if len(res.Diagnostics) != 1 || res.Diagnostics[0].File != name ||
				!strings.Contains(res.Diagnostics[0].Msg.EN, "over the limit") {
				t.Errorf("want one error, the file's size:\n%s", res.Diagnostics.Format("en"))
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 256<<20 {
				t.Errorf("the build allocated %d MB: it read the file", n>>20)
			}
		})
	}
}

// TestReservedNames: a page whose file the build writes for something
// else is an error at the page, not a page that vanishes: 404.html (the
// page for addresses that do not exist) and a folder named after another
// language of the site, whose pages are published there.
func TestReservedNames(t *testing.T) {
	page := "+++\ntitle = \"P\"\n+++\n\nTexto.\n"
	for _, tc := range []struct {
		files map[string]string
		want  string // "" when the site builds
	}{
		{map[string]string{"content/404.md": page}, "content/404.md:1:1: page 404.html is the page for addresses that do not exist"},
		{map[string]string{"content/en/mapa.md": page, "content/mapa.md": page, "content/mapa.en.md": page}, "content/en/mapa.md:1:1: folder content/en/ clashes with the pages in \"en\""},
		// The English version of a Spanish page, or a folder named after
		// the default language or a language the site lacks, are fine.
		{map[string]string{"content/404-b.md": page, "content/es/x.md": page, "content/fr/x.md": page, "content/mapa.en.md": page, "content/mapa.md": page}, ""},
	} {
		site := smallSite(t)
		sitetest.WriteFiles(t, site, tc.files)
		res := Build(osfile.Dir(site))
		got := res.Diagnostics.Format("en")
		if tc.want == "" && !res.OK() || tc.want != "" && (len(res.Diagnostics) != 1 || !strings.Contains(got, tc.want)) {
			t.Errorf("%v:\n%s\nwant %q", slices.Sorted(maps.Keys(tc.files)), got, tc.want)
		}
	}
}

// TestFilterWithoutColumn: a filter that names no column of the page's
// data is an error at the page's filters line (it said line 2, whatever
// the line).
func TestFilterWithoutColumn(t *testing.T) {
	site := smallSite(t)
	sitetest.WriteFiles(t, site, map[string]string{"content/p.md": "+++\ntitle = \"P\"\nkind = \"page\"\n\nfilters = [\"sectr\"]\n+++\n\nTexto.\n"})
	res := Build(osfile.Dir(site))
	want := `content/p.md:5:1: filter "sectr" matches no column of this page's data`
	if got := res.Diagnostics.Format("en"); len(res.Diagnostics) != 1 || !strings.Contains(got, want) {
		t.Errorf("%s\nwant %s", got, want)
	}
}

// TestSamePageTwice: content/mapa.md and content/mapa.es.md (the default
// language named) are one page; one of them used to be dropped without a
// word. Now it is an error at one, with the other as a note.
func TestSamePageTwice(t *testing.T) {
	site := smallSite(t)
	page := "+++\ntitle = \"P\"\n+++\n\nTexto.\n"
	sitetest.WriteFiles(t, site, map[string]string{"content/mapa.md": page, "content/mapa.es.md": page, "content/mapa.en.md": page})
	res := Build(osfile.Dir(site))
	got := res.Diagnostics.Format("en")
	want := "content/mapa.md:1:1: this file and content/mapa.es.md are the same page (mapa.html, in \"es\")"
	if len(res.Diagnostics) != 1 || !strings.Contains(got, want) || !strings.Contains(got, "content/mapa.es.md:1:1: note: the other file") {
		t.Errorf("%s\nwant %s, with the other file as a note", got, want)
	}
}

// TestDatasetNamedIndex: a dataset named index would be published as
// data/index.csv, which is the catalogue of the data; one was written over
// the other without a word. Now it is an error at the dataset.
func TestDatasetNamedIndex(t *testing.T) {
	site := smallSite(t)
	for _, ext := range []string{".csv", ".toml"} {
		b, err := os.ReadFile(filepath.Join(site, "data", "sales"+ext))
		if err != nil {
			t.Fatal(err)
		}
		sitetest.WriteFiles(t, site, map[string]string{"data/index" + ext: string(b)})
	}
	res := Build(osfile.Dir(site))
	want := `data/index.csv: a dataset cannot be named "index": data/index.csv is the catalogue of the data`
	if got := res.Diagnostics.Format("en"); len(res.Diagnostics) != 1 || !strings.Contains(got, want) {
		t.Errorf("%s\nwant %s", got, want)
	}
}
