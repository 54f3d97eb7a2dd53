package dataset

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestSchemaErrors(t *testing.T) {
	col := func(name, typ string, extra ...string) string {
		return "\n[[columns]]\nname = \"" + name + "\"\ntype = \"" + typ + "\"\n" + strings.Join(extra, "\n")
	}
	for _, tc := range []struct{ name, toml, want, hint string }{
		{"no columns", `title = "x"`, "data/d.toml: the schema declares no columns", "[[columns]]"},
		// Issue 13: nested tables, wrong types and bombs.
		{"typo in a nested table", col("a", "category", `values = ["x"]`) + "\n[column.value_labels]\nx = { en = \"X\" }\n",
			`data/d.toml:6:1: unknown key "column"`, `did you mean "columns"?`},
		{"unknown table", col("a", "text") + "\n[extra]\n", `data/d.toml:6:1: unknown key "extra"`, "valid keys: title"},
		{"misspelt columns", "title = \"x\"\n\n[[colums]]\nname = \"a\"\n", `data/d.toml:3:1: unknown key "colums"`, `did you mean "columns"?`},
		{"wrong type in a column", col("a", "text") + col("b", "number", "unit = 4"),
			`data/d.toml:9:8: column "b": columns.unit: expected a text in quotes or a table { es = "…", en = "…" }`, "docs/authoring.md"},
		{"wrong type of decimals", col("a", "text") + col("b", "number", "decimals = \"2\""),
			`data/d.toml:9:1: column "b": columns.decimals must be a whole number, not a text in quotes`, `write the figure without quotes: decimals = 2`},
		{"wrong type at the top", "required = \"sí\"" + col("a", "text"), `data/d.toml:1:1: unknown key "required"`, ""},
		{"value_labels not a table", col("a", "category", `values = ["x"]`, "value_labels = 3"),
			`data/d.toml:6:1: column "a": columns.value_labels must be a table { … }, not a whole number`, "value_labels = { … }"},
		{"wrong boolean", col("a", "text", `required = "sí"`), `data/d.toml:5:1: column "a": columns.required must be true or false, not a text in quotes`, "required = true"},
		{"bad date", `updated = "31/01/2024"` + col("a", "text"), `data/d.toml:1:12: updated: "31/01/2024" is not a date written YYYY-MM-DD`, ""},
		{"nested inline tables", "x = " + strings.Repeat("{a=", 4000) + strings.Repeat("}", 4000), "data/d.toml:1:41: nesting too deep: more than 12 levels of tables, lists or dotted keys", "braces"},
		{"dotted header", "[" + strings.Repeat("a.", 100000) + "b]", "data/d.toml:1:25: nesting too deep: more than 12 levels of tables, lists or dotted keys", ""},
		{"unknown key", col("a", "text", "requird = true"), `data/d.toml:5:1: unknown key "columns.requird"`, `did you mean "required"?`},
		{"miscased key", "Title = \"x\"" + col("a", "text"), `data/d.toml:1:1: unknown key "Title"`, `did you mean "title"?`},
		{"syntax", "title = \"x\n" + col("a", "text"), "data/d.toml:1:11: invalid TOML: strings cannot contain newlines", ""},
		{"unknown type", col("a", "nmber"), `data/d.toml:4:8: column "a": unknown type "nmber"`, `did you mean "number"?`},
		{"spanish type", col("a", "fecha"), `data/d.toml:4:8: column "a": unknown type "fecha"`, `did you mean "date"?`},
		{"strange type", col("a", "zzzzzz"), `data/d.toml:4:8: column "a": unknown type "zzzzzz"`, "valid types: text, integer, number"},
		{"missing type", "\n[[columns]]\nname = \"a\"\n", `data/d.toml:3:8: column "a": missing type`, "add type with one of"},
		{"no name", "\n[[columns]]\ntype = \"text\"\n", `data/d.toml:2:1: column 1 has no name`, `add name = "…"`},
		{"category without values", col("a", "category"), `data/d.toml:4:8: column "a": a category needs values`, "values = ["},
		{"values on text", col("a", "text", `values = ["x"]`), `data/d.toml:5:10: column "a": values only applies to columns of type category`, ""},
		{"duplicate value", col("a", "category", `values = ["x", "y", "x"]`), `data/d.toml:5:21: column "a": value "x" appears twice in values`, ""},
		{"duplicate column", col("a", "text") + col("b", "text") + col("a", "number"),
			`data/d.toml:11:8: column "a" declared twice`, "remove one of the two declarations"},
		{"decimals on text", col("a", "text", "decimals = 1"), `data/d.toml:5:12: column "a": decimals only applies to numeric columns`, ""},
		{"decimals range", col("a", "number", "decimals = -1"), `data/d.toml:5:12: column "a": decimals must be between 0 and 15`, ""},
		{"key unknown", `key = ["a", "pais"]` + col("a", "text") + col("país", "country"),
			`data/d.toml:1:13: key names a column that does not exist: "pais"`, `did you mean "país"?`},
		{"key repeated", `key = ["a", "a"]` + col("a", "text"), `data/d.toml:1:13: key repeats column "a"`, ""},
		{"row_source unknown", `row_source = "fuente"` + col("a", "text"),
			`data/d.toml:1:14: row_source names a column that does not exist: "fuente"`, `columns: "a"`},
		{"row_source_url unknown", `row_source_url = "enlace"` + col("enlaces", "url"),
			`data/d.toml:1:18: row_source_url names a column that does not exist: "enlace"`, `did you mean "enlaces"?`},
		{"row_source_url not url", `row_source_url = "a"` + col("a", "text"),
			`data/d.toml:1:18: row_source_url: column "a" must be of type url`, `type = "url"`},
		{"delimiter", `delimiter = "|"` + col("a", "text"), `data/d.toml:1:13: invalid delimiter "|"`, `use ",", ";" or "\t" for a tab`},
		{"delimiter tab word", `delimiter = "tab"` + col("a", "text"), `data/d.toml:1:13: invalid delimiter "tab"`, `write delimiter = "\t"`},
		{"decimal", `decimal = "·"` + col("a", "text"), `data/d.toml:1:11: invalid decimal mark "·"`, ""},
		{"thousands", `thousands = "'"` + col("a", "text"), `data/d.toml:1:13: invalid thousands separator "'"`, ""},
		{"same separators", "decimal = \",\"\nthousands = \",\"" + col("a", "text"),
			`data/d.toml:2:13: the thousands separator "," is the same as the decimal mark`, `thousands = "."`},
		{"same default separators", `thousands = "."` + col("a", "text"),
			`data/d.toml:1:13: the thousands separator "." is the same as the decimal mark`, ""},
		{"source_url", `source_url = "javascript:alert(1)"` + col("a", "text"),
			`data/d.toml:1:14: source_url is not a web address: "javascript:alert(1)"`, "https://"},
		{"latin1", "title = \"Medell\xedn\"" + col("a", "text"),
			`data/d.toml:1:16: the schema is not saved as UTF-8 (it looks like Windows-1252/Latin-1: byte 0xED would be "í")`, "UTF-8"},
		{"inline tables", "columns = [\n  { name = \"a\", type = \"txt\" },\n]\n",
			`data/d.toml:2:24: column "a": unknown type "txt"`, `did you mean "text"?`},
		{"several at once", `key = ["x"]` + col("a", "nmber") + col("b", "category"),
			`data/d.toml:4:8: column "a": unknown type "nmber"` + "\n" +
				`data/d.toml:8:8: column "b": a category needs values` + "\n" +
				`data/d.toml:1:8: key names a column that does not exist: "x"`, ""},
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
			for _, d := range l {
				if d.Msg.ES == "" || d.Msg.EN == "" {
					t.Errorf("both languages needed: %+v", d)
				}
			}
		})
	}
}

// TestSchemaDuplicateNote checks that a column declared twice points at
// both places: the second declaration, and the first as a note, which the
// command line prints under it.
func TestSchemaDuplicateNote(t *testing.T) {
	for _, tc := range []struct{ lang, want string }{
		{"en", `data/d.toml:8:8: column "a" declared twice (remove one of the two declarations)` + "\n" +
			`  data/d.toml:2:8: note: the other declaration of "a"`},
		{"es", `data/d.toml:8:8: columna "a" declarada dos veces (quite una de las dos declaraciones)` + "\n" +
			`  data/d.toml:2:8: nota: la otra declaración de "a"`},
	} {
		_, l := ParseSchema("data/d.toml", []byte("[[columns]]\nname = \"a\"\ntype = \"text\"\n\n[[columns]]\ntype = \"text\"\n\nname = \"a\"\n"))
		if len(l) != 1 || len(l[0].Notes) != 1 {
			t.Fatalf("got %#v", l)
		}
		if got := l.Format(tc.lang); got != tc.want+"\n" {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.lang, got, tc.want)
		}
	}
}

func TestSchemaSpanish(t *testing.T) {
	_, l := ParseSchema("data/d.toml", []byte("[[columns]]\nname = \"a\"\ntype = \"nmber\"\n"))
	if len(l) != 1 || l[0].Error() != `data/d.toml:3:8: columna "a": tipo desconocido "nmber" (¿quiso decir "number"?)` {
		t.Errorf("got %v", l)
	}
}

func TestReadSchema(t *testing.T) {
	fsys := fstest.MapFS{"data/a.toml": {Data: []byte("\xEF\xBB\xBFtitle = { es = \"Año\", en = \"Year\" }\nupdated = 2024-03-01\ndelimiter = \"\\t\"\n[[columns]]\nname = \"a\"\ntype = \"text\"\n")}}
	s, l := ReadSchema(fsys, "data/a.csv")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	if s.File != "data/a.toml" || s.Title.ES != "Año" || s.Updated.String() != "2024-03-01" || s.Delimiter != "\t" ||
		s.ColumnIndex("a") != 0 || s.ColumnIndex("b") != -1 {
		t.Errorf("got %+v", s)
	}
	if SchemaPath("data/x.CSV") != "data/x.toml" || SchemaPath("x.csv") != "x.toml" {
		t.Error("SchemaPath")
	}
}
