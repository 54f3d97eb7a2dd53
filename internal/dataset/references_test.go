package dataset

import (
	"os"
	"strings"
	"testing"
)

func TestReferencesSchemaErrors(t *testing.T) {
	cols := "\n[[columns]]\nname = \"nombre\"\ntype = \"text\"\n\n[[columns]]\nname = \"enlace\"\ntype = \"url\"\n\n[[columns]]\nname = \"filas\"\ntype = \"integer\"\n"
	for _, tc := range []struct{ name, toml, want, hint string }{
		{"unknown kind", "kind = \"referencias\"" + cols,
			`data/d.toml:1:8: unknown kind "referencias"`, `did you mean "references"?`},
		{"strange kind", "kind = \"zzz\"" + cols,
			`data/d.toml:1:8: unknown kind "zzz"`, `kind = "references"`},
		{"kind without table", "kind = \"references\"" + cols,
			`data/d.toml:1:8: a dataset of kind = "references" needs a [references] table saying which column holds what`, `url = "link column"`},
		{"table without kind", "\n[references]\nname = \"nombre\"\nurl = \"enlace\"\n" + cols,
			`data/d.toml:2:1: [references] only applies to a dataset of references`, `kind = "references"`},
		{"missing url", "kind = \"references\"\n\n[references]\nname = \"nombre\"\n" + cols,
			`data/d.toml:3:1: [references] does not say which column is url`, `add url = "column"`},
		{"unknown column", "kind = \"references\"\n\n[references]\nname = \"nombres\"\nurl = \"enlace\"\n" + cols,
			`data/d.toml:4:8: references.name names a column that does not exist: "nombres"`, `did you mean "nombre"?`},
		{"unknown column of one language", "kind = \"references\"\n\n[references]\nname = \"nombre\"\nurl = \"enlace\"\ndescription = { es = \"nombre\", en = \"descripcion\" }\n" + cols,
			`data/d.toml:6:37: references.description names a column that does not exist: "descripcion"`, `columns: "nombre", "enlace", "filas"`},
		{"url not url", "kind = \"references\"\n\n[references]\nname = \"nombre\"\nurl = \"nombre\"\n" + cols,
			`data/d.toml:5:7: references.url: column "nombre" must be of type url`, `type = "url"`},
		{"numeric part", "kind = \"references\"\n\n[references]\nname = \"nombre\"\nurl = \"enlace\"\npublisher = \"filas\"\n" + cols,
			`data/d.toml:6:13: references.publisher: column "filas" must be of type text or category`, ""},
		{"unknown part", "kind = \"references\"\n\n[references]\nname = \"nombre\"\nurl = \"enlace\"\neditor = \"nombre\"\n" + cols,
			`data/d.toml:6:1: unknown key "references.editor"`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, l := ParseSchema("data/d.toml", []byte(tc.toml))
			if s != nil {
				t.Error("schema must be nil on error")
			}
			if got := short(l); got != tc.want+"\n" {
				t.Fatalf("got:\n%swant:\n%s", got, tc.want+"\n")
			}
			if !strings.Contains(l[0].Hint.EN, tc.hint) {
				t.Errorf("hint %q does not contain %q", l[0].Hint.EN, tc.hint)
			}
			if l[0].Msg.ES == "" || l[0].Msg.EN == "" {
				t.Errorf("both languages needed: %+v", l[0])
			}
		})
	}
}

func TestReferencesIn(t *testing.T) {
	tb, l := Load(os.DirFS("testdata"), "refs.csv")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	if tb.Schema.Dimension.In("es") != "Datos abiertos y microdatos" || tb.Schema.Category.In("en") != "Portales" {
		t.Errorf("dimension and category: %+v %+v", tb.Schema.Dimension, tb.Schema.Category)
	}
	for _, tc := range []struct {
		lang string
		want []Reference
	}{
		{"es", []Reference{
			{Line: 2, Name: "Encuesta de hogares", URL: "https://example.org/geih", Publisher: "DANE", Dimension: "Mercado laboral y talento", Description: "Encuesta de fuerza de trabajo."},
			{Line: 3, Name: "Portal de datos abiertos", URL: "https://example.org/datos", Publisher: "MinTIC", Dimension: "Open data and microdata"},
		}},
		{"en", []Reference{
			{Line: 2, Name: "Household survey", URL: "https://example.org/geih", Publisher: "DANE", Dimension: "Labour market and talent", Description: "Labour force survey."},
			{Line: 3, Name: "Open-data portal", URL: "https://example.org/datos", Publisher: "MinTIC", Dimension: "Open data and microdata"},
		}},
	} {
		got := tb.ReferencesIn(tc.lang)
		if len(got) != len(tc.want) {
			t.Fatalf("%s: %d references, want %d", tc.lang, len(got), len(tc.want))
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s row %d:\n got %+v\nwant %+v", tc.lang, i, got[i], tc.want[i])
			}
		}
	}
	plain := &Table{Schema: &Schema{}}
	if plain.ReferencesIn("es") != nil {
		t.Error("a dataset of figures has no references")
	}
}
