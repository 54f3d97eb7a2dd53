package build

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/render"
	"github.com/tablero/tablero/internal/site"
)

// indexSite is a site with one dataset of figures and one of references
// that share a dimension under different spellings of case and accents.
var indexSite = fstest.MapFS{
	"data/exportaciones.csv": {Data: []byte("anio,valor\n2024,1\n")},
	"data/exportaciones.toml": {Data: []byte(`title = { es = "Exportaciones", en = "Exports" }
dimension = { es = "Comercio exterior e inversión", en = "Trade and investment" }
category = { es = "Comercio exterior", en = "Foreign trade" }
source = "DANE"
[[columns]]
name = "anio"
type = "year"
[[columns]]
name = "valor"
type = "number"
`)},
	"data/refs.csv": {Data: []byte("name,name_es,org,detail,dim,geo,url\n" +
		"Trade data,Datos de comercio,DANE,DANE (DIMPE),Trade and investment,National,https://example.org/a\n" +
		"Education,Educación y talento,MinEducación,,Labour market and talent,Antioquia,https://example.org/b\n" +
		"Survey,Encuesta,DANE,,Labour market and talent,,https://example.org/c\n")},
	"data/refs.toml": {Data: []byte(`title = "Referencias"
kind = "references"
[references]
name = { es = "name_es", en = "name" }
url = "url"
publisher = "org"
publisher_detail = "detail"
dimension = "dim"
geography = "geo"
[[columns]]
name = "name"
type = "text"
[[columns]]
name = "name_es"
type = "text"
[[columns]]
name = "org"
type = "text"
[[columns]]
name = "detail"
type = "text"
[[columns]]
name = "dim"
type = "category"
values = ["Trade and investment", "Labour market and talent"]
value_labels = { "Trade and investment" = { es = "Comercio exterior e inversión" }, "Labour market and talent" = { es = "Mercado laboral y talento" } }
[[columns]]
name = "geo"
type = "text"
[[columns]]
name = "url"
type = "url"
`)},
}

func indexModel(t *testing.T) *siteModel {
	t.Helper()
	tables, l := dataset.LoadDir(indexSite, "data")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	theme, l := render.LoadTheme(os.DirFS("../.."), "default")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	return &siteModel{cfg: site.Config{Languages: []string{"es", "en"}}, tables: tables, defaultLang: "es", theme: theme}
}

func TestDataIndex(t *testing.T) {
	s := indexModel(t)
	for _, tc := range []struct {
		lang     string
		own      []string // name | dimension | category | facets
		external []string // name | publisher | facets
		facets   []string // key: value=label (count) …
		status   string
	}{
		{"es",
			[]string{
				"Exportaciones | Comercio exterior e inversión | Comercio exterior | category=comercio-exterior&dimension=comercio-exterior-e-inversion",
				"Referencias |  |  | ",
			},
			[]string{
				"Datos de comercio | DANE (DIMPE) | dimension=comercio-exterior-e-inversion&geography=national&publisher=dane",
				"Educación y talento | MinEducación | dimension=mercado-laboral-y-talento&geography=antioquia&publisher=mineducacion",
				"Encuesta | DANE | dimension=mercado-laboral-y-talento&publisher=dane",
			},
			[]string{
				"dimension: comercio-exterior-e-inversion=Comercio exterior e inversión (2) mercado-laboral-y-talento=Mercado laboral y talento (2)",
				"category: comercio-exterior=Comercio exterior (1)",
				"geography: antioquia=Antioquia (1) national=National (1)",
				"publisher: dane=DANE (2) mineducacion=MinEducación (1)",
			},
			"5 de 5 mostrados",
		},
		{"en",
			[]string{
				"Exports | Trade and investment | Foreign trade | category=foreign-trade&dimension=trade-and-investment",
				"Referencias |  |  | ",
			},
			[]string{
				"Trade data | DANE (DIMPE) | dimension=trade-and-investment&geography=national&publisher=dane",
				"Education | MinEducación | dimension=labour-market-and-talent&geography=antioquia&publisher=mineducacion",
				"Survey | DANE | dimension=labour-market-and-talent&publisher=dane",
			},
			[]string{
				"dimension: labour-market-and-talent=Labour market and talent (2) trade-and-investment=Trade and investment (2)",
				"category: foreign-trade=Foreign trade (1)",
				"geography: antioquia=Antioquia (1) national=National (1)",
				"publisher: dane=DANE (2) mineducacion=MinEducación (1)",
			},
			"5 of 5 shown",
		},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			idx := s.dataIndex(tc.lang, "../")
			var own, external, facets []string
			for _, e := range idx.Own {
				own = append(own, strings.Join([]string{e.Name, e.Dimension, e.Category, e.FacetQuery}, " | "))
				if e.Dataset == nil || e.Dataset.Download != "../data/"+e.ID+".csv" {
					t.Errorf("%s: no download: %+v", e.ID, e.Dataset)
				}
			}
			for _, e := range idx.External {
				external = append(external, strings.Join([]string{e.Name, e.Publisher, e.FacetQuery}, " | "))
				if !strings.HasPrefix(e.URL, "https://example.org/") || e.Dataset != nil {
					t.Errorf("%s: landing page %q, dataset %v", e.ID, e.URL, e.Dataset)
				}
			}
			for _, f := range idx.Facets {
				var b strings.Builder
				b.WriteString(f.Key + ":")
				for _, o := range f.Options {
					b.WriteString(" " + o.Value + "=" + o.Label + " (" + strconv.Itoa(o.Count) + ")")
				}
				facets = append(facets, b.String())
			}
			for _, c := range []struct {
				what      string
				got, want []string
			}{{"own", own, tc.own}, {"external", external, tc.external}, {"facets", facets, tc.facets}} {
				if strings.Join(c.got, "\n") != strings.Join(c.want, "\n") {
					t.Errorf("%s:\n got %q\nwant %q", c.what, c.got, c.want)
				}
			}
			pattern := map[string]string{"es": "{n} de {m} mostrados", "en": "{n} of {m} shown"}[tc.lang]
			if got := idx.Status(pattern); got != tc.status {
				t.Errorf("status %q, want %q", got, tc.status)
			}
		})
	}
}

// TestCatalogueCSV checks data/index.csv: one row per dataset, with its
// kind, dimension and category in both languages.
func TestCatalogueCSV(t *testing.T) {
	f, err := indexModel(t).catalogueCSV()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(f.Data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	want := map[string][]string{
		"exportaciones": {"", "Comercio exterior e inversión", "Trade and investment", "Comercio exterior", "Foreign trade"},
		"refs":          {"references", "", "", "", ""},
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want a header and 2 datasets", len(rows))
	}
	for _, r := range rows[1:] {
		got := []string{r[col["kind"]], r[col["dimension_es"]], r[col["dimension_en"]], r[col["category_es"]], r[col["category_en"]]}
		if strings.Join(got, "|") != strings.Join(want[r[col["name"]]], "|") {
			t.Errorf("%s: %q, want %q", r[col["name"]], got, want[r[col["name"]]])
		}
	}
}
