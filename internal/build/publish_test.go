package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBaseURL sets base_url and checks what hosts and crawlers get:
// canonical and hreflang links, Open Graph images, per-language sitemaps
// listed in robots.txt, and a 404 page whose links work at any depth.
func TestBaseURL(t *testing.T) {
	dir := baseURLSite(t, "https://example.org/datos")
	files := builtFiles(t, dir)
	for path, want := range map[string][]string{
		"index.html": {
			`<link rel="canonical" href="https://example.org/datos/index.html">`,
			`<link rel="alternate" hreflang="en" href="https://example.org/datos/en/index.html">`,
			`<meta property="og:image" content="https://example.org/datos/assets/social.png">`,
		},
		"en/index.html":     {`<link rel="canonical" href="https://example.org/datos/en/index.html">`, `<html lang="en">`},
		"robots.txt":        {"Sitemap: https://example.org/datos/sitemap-es.xml", "Sitemap: https://example.org/datos/sitemap-en.xml"},
		"sitemap-en.xml":    {"<loc>https://example.org/datos/en/index.html</loc>", `hreflang="es" href="https://example.org/datos/index.html"`},
		"404.html":          {`href="https://example.org/datos/assets/tablero.`, `href="https://example.org/datos/index.html"`},
		"assets/social.png": {"\x89PNG"},
		"data/index.csv":    {"name,file,title_es,title_en,description_es,source,source_url,updated,license,rows,columns,kind,dimension_es,dimension_en,category_es,category_en\n", "sales,data/sales.csv,Synthetic sales,"},
	} {
		for _, w := range want {
			if !strings.Contains(files[path], w) {
				t.Errorf("%s lacks %s", path, w)
			}
		}
	}
}

// TestDatasetLandingPage checks that the open-data records point each
// dataset at its entry in the catalogue page, in every language, and at
// nothing on a site without a catalogue page.
func TestDatasetLandingPage(t *testing.T) {
	for _, tc := range []struct {
		name      string
		catalogue bool
		want      map[string]string // file → text it holds, or "" for none of "datos.html#"
	}{
		{"with a catalogue page", true, map[string]string{
			"catalog.jsonld":   `"dcat:landingPage": "https://example.org/datos/datos.html#sales"`,
			"datos.html":       `"url":"https://example.org/datos/datos.html#sales"`,
			"en/datos.html":    `"url":"https://example.org/datos/en/datos.html#sales"`,
			"datapackage.json": `"path": "data/sales.csv"`,
		}},
		{"without", false, map[string]string{"catalog.jsonld": ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := baseURLSite(t, "https://example.org/datos/")
			if tc.catalogue {
				os.WriteFile(filepath.Join(dir, "content", "datos.md"), []byte("+++\ntitle = \"Datos\"\nkind = \"catalogue\"\n+++\n"), 0o644)
			}
			files := builtFiles(t, dir)
			for path, want := range tc.want {
				switch {
				case want == "" && strings.Contains(files[path], "datos.html#"):
					t.Errorf("%s links a catalogue the site does not have", path)
				case want != "" && !strings.Contains(files[path], want):
					t.Errorf("%s lacks %s", path, want)
				}
			}
		})
	}
}

// baseURLSite copies testdata/big with base_url set to base.
func baseURLSite(t *testing.T, base string) string {
	t.Helper()
	dir := copySite(t, "testdata/big")
	cfg := filepath.Join(dir, "site.toml")
	b, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(b, []byte("base_url = \""+base+"\"\n")...), 0o644)
	return dir
}

// builtFiles builds the site in dir and returns its files by path.
func builtFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	res := Build(os.DirFS(dir))
	if !res.OK() {
		t.Fatal(res.Diagnostics.Format("en"))
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	return files
}
