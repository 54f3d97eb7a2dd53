package dataset

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tablero/tablero/internal/diag"
)

// baseSchema declares one column of each type, with decimal comma and
// thousands point, and a key over two columns.
const baseSchema = `title = "Prueba"
decimal = ","
thousands = "."
key = ["pais", "anio"]

[[columns]]
name = "pais"
type = "country"
required = true

[[columns]]
name = "anio"
type = "year"
required = true

[[columns]]
name = "monto"
type = "number"

[[columns]]
name = "empleos"
type = "integer"

[[columns]]
name = "part"
type = "percent"

[[columns]]
name = "sector"
type = "category"
values = ["Servicios", "Manufactura", "Tecnología"]

[[columns]]
name = "fecha"
type = "date"

[[columns]]
name = "web"
type = "url"

[[columns]]
name = "nota"
type = "text"
`

const baseHeader = "pais;anio;monto;empleos;part;sector;fecha;web;nota\n"

// loadString loads csv with schema as data/d.csv and data/d.toml.
func loadString(schema, csv string) (*Table, diag.List) {
	return Load(fstest.MapFS{
		"data/d.toml": {Data: []byte(schema)},
		"data/d.csv":  {Data: []byte(csv)},
	}, "data/d.csv")
}

// short renders diagnostics as "pos: english message", one per line.
func short(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Pos() + ": " + d.Msg.EN + "\n")
	}
	return b.String()
}

func TestExcelExport(t *testing.T) {
	// BOM, ";", decimal comma, thousands point, CRLF, a value with a line
	// break, a row of empty cells and a blank line at the end.
	tb, l := Load(os.DirFS("testdata"), "excel.csv")
	if len(l) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", l.Format("en"))
	}
	if tb.Name != "excel" || tb.File != "excel.csv" || tb.Len() != 2 {
		t.Fatalf("Name %q File %q Len %d", tb.Name, tb.File, tb.Len())
	}
	if !slices.Equal(tb.Lines, []int{2, 4}) {
		t.Errorf("Lines = %v, want [2 4] (the first row spans lines 2-3)", tb.Lines)
	}
	raw, _ := os.ReadFile("testdata/excel.csv")
	if !bytes.Equal(tb.Raw, raw[3:]) {
		t.Error("Raw must be the file without its BOM")
	}
	want := map[string][]string{
		"pais":          {"CA", "CO"},
		"anio":          {"2022", "2023"},
		"monto_usd":     {"1234.5", "10"},
		"participacion": {"12.5", "87.5"},
		"sector":        {"Servicios", "Manufactura"},
		"fecha":         {"2022-03-01", "2023-12-31"},
		"fuente":        {"https://example.org/a", "https://example.org/b"},
		"nota":          {"Primera línea\nsegunda \"línea\"", ""},
	}
	if got := tb.ColumnNames(); !slices.Equal(got, []string{"pais", "anio", "monto_usd", "participacion", "sector", "fecha", "fuente", "nota"}) {
		t.Errorf("ColumnNames = %v", got)
	}
	for name, vals := range want {
		c := tb.Col(name)
		for i, v := range vals {
			if got := c.Text(i); got != v {
				t.Errorf("%s[%d] = %q, want %q", name, i, got, v)
			}
		}
	}
	if c := tb.Col("monto_usd"); c.Num == nil || c.Num[0] != 1234.5 || c.Num[1] != 10 {
		t.Errorf("monto_usd.Num = %v", c.Num)
	}
	if c := tb.Col("nota"); !c.IsNull(1) || c.IsNull(0) {
		t.Error("nota: IsNull")
	}
	if tb.Col("nope") != nil {
		t.Error("Col of an unknown name must be nil")
	}
}

func TestLatin1(t *testing.T) {
	_, l := Load(os.DirFS("testdata"), "latin1.csv")
	if len(l) != 1 {
		t.Fatalf("want exactly one diagnostic, got:\n%s", l.Format("en"))
	}
	d := l[0]
	if d.Pos() != "latin1.csv:1:15" {
		t.Errorf("Pos = %s, want latin1.csv:1:15 (the ó of población)", d.Pos())
	}
	if want := `the file is not saved as UTF-8 (it looks like Windows-1252/Latin-1: byte 0xF3 would be "ó")`; d.Msg.EN != want {
		t.Errorf("EN = %s\nwant %s", d.Msg.EN, want)
	}
	if want := `el archivo no está guardado en UTF-8 (parece Windows-1252/Latin-1: el byte 0xF3 sería "ó")`; d.Msg.ES != want {
		t.Errorf("ES = %s\nwant %s", d.Msg.ES, want)
	}
	if !strings.Contains(d.Hint.ES, "CSV UTF-8") || !strings.Contains(d.Hint.EN, `"CSV UTF-8 (Comma delimited) (*.csv)"`) {
		t.Errorf("hint must say how to save as CSV UTF-8: %+v", d.Hint)
	}
}

func TestMultiline(t *testing.T) {
	_, l := Load(os.DirFS("testdata"), "multiline.csv")
	want := `multiline.csv:5:21: column "monto": value "x12" is not a number (expected decimal point, e.g. 1234.5)` + "\n"
	if got := short(l); got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
	fixed := bytes.Replace(must(os.ReadFile("testdata/multiline.csv")), []byte("x12"), []byte("12"), 1)
	tb, l := Load(fstest.MapFS{
		"m.csv":  {Data: fixed},
		"m.toml": {Data: must(os.ReadFile("testdata/multiline.toml"))},
	}, "m.csv")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	if !slices.Equal(tb.Lines, []int{2, 5}) || tb.Col("descripción").Str[0] != "Ampliación del\nsendero, fase 2\n(Santa Elena)" ||
		tb.Col("proyecto").Str[0] != `Parque "Arví"` {
		t.Errorf("Lines %v, values %q", tb.Lines, tb.Col("descripción").Str)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestCellErrors has one case per kind of cell error, with its exact
// position and message.
func TestCellErrors(t *testing.T) {
	for _, tc := range []struct {
		name, row, want, hint string
	}{
		{"required", "CA;;1;1;1;Servicios;;;", `data/d.csv:2:4: column "anio": missing value (it is required)`,
			"remove required = true"},
		{"required blank", "CA;  ;1;1;1;Servicios;;;", `data/d.csv:2:4: column "anio": missing value (it is required)`, ""},
		{"number decimal point", "CA;2022;1234.5;;;;;;", `data/d.csv:2:9: column "monto": value "1234.5" has the thousands separator "." in the wrong place (expected decimal comma, e.g. 1.234,5)`,
			"groups of 3 digits"},
		{"number text", "CA;2022;n.d.;;;;;;", `data/d.csv:2:9: column "monto": value "n.d." is not a number (expected decimal comma, e.g. 1.234,5)`,
			"leave the cell empty"},
		{"number unit", "CA;2022;5 USD;;;;;;", `data/d.csv:2:9: column "monto": value "5 USD" is not a number (expected decimal comma, e.g. 1.234,5)`,
			"without units"},
		{"number NaN", "CA;2022;NaN;;;;;;", `data/d.csv:2:9: column "monto": value "NaN" is not a number (expected decimal comma, e.g. 1.234,5)`, ""},
		{"number Inf", "CA;2022;-Inf;;;;;;", `data/d.csv:2:9: column "monto": value "-Inf" is not a number (expected decimal comma, e.g. 1.234,5)`, ""},
		{"number grouping", "CA;2022;1.23.456;;;;;;", `data/d.csv:2:9: column "monto": value "1.23.456" has the thousands separator "." in the wrong place (expected decimal comma, e.g. 1.234,5)`, ""},
		{"number scientific", "CA;2022;1,2E+15;;;;;;", `data/d.csv:2:9: column "monto": value "1,2E+15" is in scientific notation`,
			"format the column as Number"},
		{"integer decimals", "CA;2022;;3,9;;;;;", `data/d.csv:2:10: column "empleos": value "3,9" is not a whole number`,
			`type = "number"`},
		{"integer hex", "CA;2022;;0x10;;;;;", `data/d.csv:2:10: column "empleos": value "0x10" is not a whole number (e.g. 1.234)`, ""},
		{"integer underscore", "CA;2022;;1_000;;;;;", `data/d.csv:2:10: column "empleos": value "1_000" is not a whole number (e.g. 1.234)`, ""},
		{"integer too large", "CA;2022;;9.007.199.254.740.993;;;;;", `data/d.csv:2:10: column "empleos": value "9.007.199.254.740.993" is too large`, ""},
		{"percent", "CA;2022;;;abc%;;;;", `data/d.csv:2:11: column "part": value "abc%" is not a number (expected decimal comma, e.g. 1.234,5)`, ""},
		{"year", "CA;22;;;;;;;", `data/d.csv:2:4: column "anio": value "22" is not a year (expected 4 digits, e.g. 2024)`, ""},
		{"year grouped", "CA;2.022;;;;;;;", `data/d.csv:2:4: column "anio": value "2.022" is not a year (expected 4 digits, e.g. 2024)`,
			"write 2022"},
		{"date format", "CA;2022;;;;;31/01/2023;;", `data/d.csv:2:13: column "fecha": value "31/01/2023" is not a date (expected YYYY-MM-DD, e.g. 2024-01-31)`,
			"write 2023-01-31"},
		{"date day", "CA;2022;;;;;2023-02-29;;", `data/d.csv:2:13: column "fecha": value "2023-02-29" is not a valid date (that day does not exist)`, ""},
		{"category", "CA;2022;;;;Tecnologia;;;", `data/d.csv:2:12: column "sector": value "Tecnologia" is not one of the allowed values`,
			`did you mean "Tecnología"?`},
		{"category list", "CA;2022;;;;Minería;;;", `data/d.csv:2:12: column "sector": value "Minería" is not one of the allowed values`,
			`allowed values: "Servicios", "Manufactura", "Tecnología"; add others to values in data/d.toml`},
		{"country name", "Canadá;2022;;;;;;;", `data/d.csv:2:1: column "pais": value "Canadá" is not a country code`,
			"use the 2-letter code CA, for Canada"},
		{"country lower", "co;2022;;;;;;;", `data/d.csv:2:1: column "pais": value "co" is not a country code`,
			"write it in capitals: CO"},
		{"country alpha3", "COL;2022;;;;;;;", `data/d.csv:2:1: column "pais": value "COL" is not a country code`,
			"use the 2-letter code CO, for Colombia"},
		{"country unknown", "XX;2022;;;;;;;", `data/d.csv:2:1: column "pais": value "XX" is not a country code`,
			"use the ISO 3166-1 2-letter code, e.g. CA for Canada"},
		{"url javascript", "CA;2022;;;;;;javascript:alert(1);", `data/d.csv:2:14: column "web": value "javascript:alert(1)" is not a web address`,
			"https://"},
		{"url www", "CA;2022;;;;;;www.acimedellin.org;", `data/d.csv:2:14: column "web": value "www.acimedellin.org" is not a web address`,
			`add https:// at the start: "https://www.acimedellin.org"`},
		{"url relative", "CA;2022;;;;;;/ruta;", `data/d.csv:2:14: column "web": value "/ruta" is not a web address`, ""},
		{"accents before", "CA;2022;;;;;;;ñandú;x", `data/d.csv:2:21: the row has 10 values but the header has 9 columns`, "put it in quotes"},
		{"accents before cell", "CA;2022;;;;Tecnología;ñ;;", `data/d.csv:2:23: column "fecha": value "ñ" is not a date (expected YYYY-MM-DD, e.g. 2024-01-31)`, ""},
		{"long value", "CA;2022;" + strings.Repeat("x", 50) + ";;;;;;", `data/d.csv:2:9: column "monto": value "` + strings.Repeat("x", 40) + `…" is not a number (expected decimal comma, e.g. 1.234,5)`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, l := loadString(baseSchema, baseHeader+tc.row+"\n")
			if got := short(l); got != tc.want+"\n" {
				t.Fatalf("got:\n%swant:\n%s", got, tc.want+"\n")
			}
			if !strings.Contains(l[0].Hint.EN, tc.hint) || l[0].Msg.ES == "" || l[0].Msg.ES == l[0].Msg.EN ||
				(l[0].Hint.EN != "" && l[0].Hint.ES == "") {
				t.Errorf("hint %q does not contain %q, or Spanish missing: %+v", l[0].Hint.EN, tc.hint, l[0])
			}
		})
	}
}

func TestSpanishMessages(t *testing.T) {
	_, l := loadString(baseSchema, baseHeader+"CA;2022;x;;;;;;\n")
	if want := `columna "monto": el valor "x" no es un número (se espera coma decimal, p. ej. 1.234,5)`; l[0].Msg.ES != want {
		t.Errorf("ES = %s\nwant %s", l[0].Msg.ES, want)
	}
	if want := `column "monto": value "x" is not a number (expected decimal comma, e.g. 1.234,5)`; l[0].Msg.EN != want {
		t.Errorf("EN = %s\nwant %s", l[0].Msg.EN, want)
	}
	if want := `si no hay dato, deje la celda vacía`; l[0].Hint.ES != want {
		t.Errorf("hint ES = %s", l[0].Hint.ES)
	}
	if want := `data/d.csv:2:9: columna "monto": el valor "x" no es un número (se espera coma decimal, p. ej. 1.234,5) (si no hay dato, deje la celda vacía)`; l[0].Error() != want {
		t.Errorf("Error() = %s", l[0].Error())
	}

	_, l = loadString(baseSchema, baseHeader+"CA;2022;;;;;;;\nCA;2022;;;;;;;\n")
	if want := `la combinación pais "CA", anio "2022" está repetida (ya aparece en la línea 2)`; l[0].Msg.ES != want {
		t.Errorf("ES = %s", l[0].Msg.ES)
	}
}

func TestNumberFormatHint(t *testing.T) {
	schema := "[[columns]]\nname = \"v\"\ntype = \"number\"\n"
	for _, tc := range []struct{ csv, hint string }{
		{"v\n\"1,5\"\n", `if the file writes figures like 1234,5, set decimal = "," in data/d.toml`},
		{"v\n\"1.234,5\"\n", `if the file writes figures like 1.234,5, set decimal = ",", thousands = "." in data/d.toml`},
		{"v\n\"1,234.5\"\n", `if the file writes figures like 1,234.5, set thousands = "," in data/d.toml`},
	} {
		_, l := loadString(schema, tc.csv)
		if len(l) != 1 || l[0].Hint.EN != tc.hint {
			t.Errorf("%q: got %+v\nwant hint %s", tc.csv, l, tc.hint)
		}
	}
}

func TestValues(t *testing.T) {
	tb, l := loadString(baseSchema, baseHeader+
		"CA;2022;1.234,5;010;87,5 %;Servicios;2024-02-29;https://a.org/x?y=1;  hola  \n"+
		"CO;2022;-0,5;1.000;12%;;;;\n"+
		"US;2022;;;;;;;\n")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	num := func(col string) []float64 { return tb.Col(col).Num }
	nan := math.NaN()
	eq := func(a, b []float64) bool {
		return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) })
	}
	if got := num("monto"); !eq(got, []float64{1234.5, -0.5, nan}) {
		t.Errorf("monto = %v", got)
	}
	if got := num("empleos"); !eq(got, []float64{10, 1000, nan}) {
		t.Errorf("empleos = %v (010 must be ten)", got)
	}
	if got := num("part"); !eq(got, []float64{87.5, 12, nan}) {
		t.Errorf("part = %v", got)
	}
	if got := num("anio"); !eq(got, []float64{2022, 2022, 2022}) {
		t.Errorf("anio = %v", got)
	}
	if got := tb.Col("nota").Str; !slices.Equal(got, []string{"hola", "", ""}) {
		t.Errorf("nota = %q (cells are trimmed)", got)
	}
	if got := tb.Col("sector").Str; !slices.Equal(got, []string{"Servicios", "", ""}) {
		t.Errorf("sector = %q", got)
	}
	if tb.Col("empleos").Text(1) != "1000" || tb.Col("empleos").Decimals() != 0 || tb.Col("monto").Text(0) != "1234.5" {
		t.Errorf("Text: %q %q", tb.Col("empleos").Text(1), tb.Col("monto").Text(0))
	}
	if !tb.Col("monto").IsNull(2) || tb.Col("monto").IsNull(0) {
		t.Error("IsNull")
	}
}

func TestHeaderErrors(t *testing.T) {
	schema := "[[columns]]\nname = \"ciudad\"\ntype = \"text\"\n\n[[columns]]\nname = \"valor\"\ntype = \"number\"\n"
	for _, tc := range []struct{ name, schema, csv, want string }{
		{"empty", schema, "", `data/d.csv:1:1: the file is empty`},
		{"blank lines", schema, "\n\r\n\n", `data/d.csv:1:1: the file is empty`},
		{"bom only", schema, "\xEF\xBB\xBF", `data/d.csv:1:1: the file is empty`},
		{"unknown and missing", schema, "ciudad,valr,extra\nA,1,2\n",
			`data/d.csv:1:8: column "valr" is not in the schema` + "\n" +
				`data/d.csv:1:13: column "extra" is not in the schema` + "\n" +
				`data/d.csv:1: column "valor" declared in the schema is missing`},
		{"bom does not count", schema, "\xEF\xBB\xBFciudad,valr\nA,1\n",
			`data/d.csv:1:8: column "valr" is not in the schema` + "\n" +
				`data/d.csv:1: column "valor" declared in the schema is missing`},
		{"duplicate", schema, "ciudad,valor,ciudad\nA,1,B\n", `data/d.csv:1:14: column "ciudad" appears twice in the header`},
		{"wrong delimiter", "delimiter = \";\"\n" + schema, "ciudad,valor\nA,1\n",
			`data/d.csv:1:1: the header has a single column: the file is separated by ",", not ";"`},
		{"wrong delimiter tab", "delimiter = \",\"\n" + schema, "ciudad\tvalor\nA\t1\n",
			`data/d.csv:1:1: the header has a single column: the file is separated by tab, not ","`},
		{"header after blank lines", schema, "\n\nciudad,valr\n",
			`data/d.csv:3:8: column "valr" is not in the schema` + "\n" + `data/d.csv:3: column "valor" declared in the schema is missing`},
		{"unnamed column", schema, "ciudad,valor,\nA,1,\nB,2,x\n",
			`data/d.csv:3:5: value "x" is in a column with no name in the header`},
		{"fewer values", schema, "ciudad,valor\nMedellín\n", `data/d.csv:2:1: the row has 1 value but the header has 2 columns`},
		{"more values", schema, "ciudad,valor\nMedellín,1,5\n", `data/d.csv:2:12: the row has 3 values but the header has 2 columns`},
		{"missing column still checks rows", "[[columns]]\nname = \"ciudad\"\ntype = \"text\"\nrequired = true\n\n[[columns]]\nname = \"valor\"\ntype = \"number\"\n",
			"ciudad\n\n", `data/d.csv:1: column "valor" declared in the schema is missing`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, l := loadString(tc.schema, tc.csv)
			if got := short(l); got != tc.want+"\n" {
				t.Errorf("got:\n%swant:\n%s", got, tc.want+"\n")
			}
		})
	}
}

func TestSyntaxErrors(t *testing.T) {
	schema := "[[columns]]\nname = \"ciudad\"\ntype = \"text\"\n\n[[columns]]\nname = \"valor\"\ntype = \"number\"\n"
	for _, tc := range []struct{ name, csv, want string }{
		{"bare quote", "ciudad,valor\nMedellín \"centro,1\n", `data/d.csv:2:10: a quote (") appears inside a value that is not quoted`},
		{"text after quote", "ciudad,valor\n\"Medellín\" centro,1\n", `data/d.csv:2:10: a quoted value must end right after its closing quote (")`},
		{"unclosed", "ciudad,valor\nA,1\n\"Medellín,1\nB,2\n", `data/d.csv:3:1: this quote (") is never closed`},
		{"unclosed second field", "ciudad,valor\nÁ,\"1\n", `data/d.csv:2:3: this quote (") is never closed`},
		// The quote left open on line 3 is closed by the one that opens
		// line 4: the reader stops on line 4, the mistake is on line 3.
		{"closed by the next line's quote", "ciudad,valor\nA,1\n\"Medellín,1\n\"Bello\",2\n",
			`data/d.csv:3:1: this quote (") opens a value that runs on into line 4`},
		{"a value over two lines is fine", "ciudad,valor\n\"Medellín\ncentro\",1\n", ``},
		{"reading goes on", "ciudad,valor\nMedellín \"centro,1\nB,x\n",
			`data/d.csv:2:10: a quote (") appears inside a value that is not quoted` + "\n" +
				`data/d.csv:3:3: column "valor": value "x" is not a number (expected decimal point, e.g. 1234.5)`},
		{"utf16", "\xFF\xFEc\x00i\x00", `data/d.csv:1:1: the file is UTF-16 (Excel's "Unicode Text"), not UTF-8`},
		{"xlsx", "PK\x03\x04\x14\x00", `data/d.csv:1:1: this is an Excel workbook with its extension changed, not a CSV`},
		{"old mac", "ciudad,valor\rA,1\r", `data/d.csv:1:13: lines end with CR only (old Mac format)`},
		{"nul", "ciudad,valor\nA\x00,1\n", `data/d.csv:2:2: the file contains NUL bytes: it is not a CSV text file`},
		{"latin1 replaces other errors", "ciudad,valor\nA,x\nMedell\xedn,1\n",
			`data/d.csv:3:7: the file is not saved as UTF-8 (it looks like Windows-1252/Latin-1: byte 0xED would be "í")`},
		{"cp1252 quote", "ciudad,valor\n\x93A\x94,1\n",
			`data/d.csv:2:1: the file is not saved as UTF-8 (it looks like Windows-1252/Latin-1: byte 0x93 would be "“")`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, l := loadString(schema, tc.csv)
			want := tc.want + "\n"
			if tc.want == "" {
				want = ""
			}
			if got := short(l); got != want {
				t.Errorf("got:\n%swant:\n%s", got, want)
			}
		})
	}
}

func TestSkippedRows(t *testing.T) {
	schema := "[[columns]]\nname = \"a\"\ntype = \"text\"\nrequired = true\n\n[[columns]]\nname = \"b\"\ntype = \"integer\"\n"
	tb, l := loadString(schema, "a;b\r\nx;1\r\n;\r\n\r\n  ;  \r\ny;2\r\n;;\r\n;\r\n\r\n\r\n")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	if !slices.Equal(tb.Lines, []int{2, 6}) || !slices.Equal(tb.Col("a").Str, []string{"x", "y"}) {
		t.Errorf("Lines %v a %q", tb.Lines, tb.Col("a").Str)
	}
}

func TestDelimiterSniff(t *testing.T) {
	schema := "[[columns]]\nname = \"a,b\"\ntype = \"text\"\n\n[[columns]]\nname = \"c\"\ntype = \"number\"\n"
	for _, csv := range []string{
		"\"a,b\";c\n\"x,y\";1\n",
		"\"a,b\"\tc\nx,y\t1\n",
		"\"a,b\",c\n\"x,y\",1\n",
	} {
		tb, l := loadString(schema, csv)
		if len(l) > 0 || tb.Col("a,b").Str[0] != "x,y" {
			t.Errorf("%q:\n%s", csv, l.Format("en"))
		}
	}
}

func TestKeys(t *testing.T) {
	one := "key = [\"id\"]\n[[columns]]\nname = \"id\"\ntype = \"integer\"\n"
	for _, tc := range []struct{ name, schema, csv, want string }{
		{"single", one, "id\n1\n2\n1\n", `data/d.csv:4:1: column "id": value "1" is repeated (already on line 2)`},
		{"same number written otherwise", one, "id\n10\n010\n", `data/d.csv:3:1: column "id": value "010" is repeated (already on line 2)`},
		{"empty cells are equal", one, "id\n1\n\"\"\n \n", ""}, // blank rows are skipped
		{"pair", baseSchema, baseHeader + "CA;2022;;;;;;;\nCA;2023;;;;;;;\nCO;2022;;;;;;;\nCA;2022;;;;;;;\n",
			`data/d.csv:5:1: the combination pais "CA", anio "2022" is repeated (already on line 2)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, l := loadString(tc.schema, tc.csv)
			want := tc.want
			if want != "" {
				want += "\n"
			}
			if got := short(l); got != want {
				t.Errorf("got:\n%swant:\n%s", got, want)
			}
		})
	}
}

func TestErrorCap(t *testing.T) {
	schema := "[[columns]]\nname = \"v\"\ntype = \"number\"\n"
	csv := "v\n" + strings.Repeat("x\n", 60)
	_, l := loadString(schema, csv)
	if len(l) != maxErrors+1 {
		t.Fatalf("got %d diagnostics, want %d", len(l), maxErrors+1)
	}
	last := l[len(l)-1]
	if last.Pos() != "data/d.csv:52" || last.Msg.EN != "… and 10 more errors from this line on" ||
		last.Msg.ES != "… y 10 errores más desde esta línea" {
		t.Errorf("last = %s %+v", last.Pos(), last.Msg)
	}
}

func TestMissingSchema(t *testing.T) {
	_, l := Load(fstest.MapFS{"data/ied.csv": {Data: []byte("a\n1\n")}}, "data/ied.csv")
	if len(l) != 1 || l[0].Pos() != "data/ied.csv" || l[0].Msg.EN != "missing schema data/ied.toml describing the columns of this CSV" ||
		!strings.Contains(l[0].Hint.EN, "tablero new dataset ied") {
		t.Errorf("got %+v", l)
	}
	_, l = Load(fstest.MapFS{"data/ied.toml": {Data: []byte(baseSchema)}}, "data/ied.csv")
	if len(l) != 1 || l[0].Pos() != "data/ied.csv" || !strings.Contains(l[0].Msg.EN, "could not read the file") {
		t.Errorf("got %+v", l)
	}
}

func TestLoadDir(t *testing.T) {
	schema := "[[columns]]\nname = \"v\"\ntype = \"integer\"\n"
	fsys := fstest.MapFS{
		"data/b.csv":           {Data: []byte("v\n2\n")},
		"data/b.toml":          {Data: []byte(schema)},
		"data/a.csv":           {Data: []byte("v\n1\n")},
		"data/a.toml":          {Data: []byte(schema)},
		"data/c.CSV":           {Data: []byte("v\nx\n")},
		"data/c.toml":          {Data: []byte(schema)},
		"data/orphan.toml":     {Data: []byte(schema)},
		"data/.~lock.a.csv#":   {Data: []byte("junk")},
		"data/~$libro.csv":     {Data: []byte("junk")},
		"data/notes.md":        {Data: []byte("# notes")},
		"data/sub/d.csv":       {Data: []byte("junk")},
		"data/z_no_schema.csv": {Data: []byte("v\n1\n")},
		"data/y.csv":           {Data: []byte("v\n3\n")},
		"data/y.toml":          {Data: []byte(schema)},
		"data/x.toml.bak":      {Data: []byte("junk")},
	}
	tables, l := LoadDir(fsys, "data")
	var names []string
	for _, tb := range tables {
		names = append(names, tb.Name)
	}
	if !slices.Equal(names, []string{"a", "b", "y"}) {
		t.Errorf("tables = %v", names)
	}
	want := "data/orphan.toml: the schema has no CSV file data/orphan.csv\n" +
		`data/c.CSV:2:1: column "v": value "x" is not a whole number (e.g. 1234)` + "\n" +
		"data/z_no_schema.csv: missing schema data/z_no_schema.toml describing the columns of this CSV\n"
	if got := short(l); got != want {
		t.Errorf("got:\n%swant:\n%s", got, want)
	}
	// Deterministic whatever the scheduling.
	for range 20 {
		tables2, l2 := LoadDir(fsys, "data")
		if len(tables2) != len(tables) || short(l2) != short(l) {
			t.Fatal("LoadDir is not deterministic")
		}
	}
	if tables, l := LoadDir(fsys, "nope"); tables != nil || l != nil {
		t.Errorf("a missing folder holds no datasets: %v %v", tables, l)
	}
}

func TestPaths(t *testing.T) {
	fsys := fstest.MapFS{"data/a.csv": {Data: []byte("v\n1\n")}}
	for _, p := range []string{"../data/a.csv", "/etc/passwd", "data/../data/a.csv", "./data/a.csv", "data//a.csv", ""} {
		_, l := Load(fsys, p)
		if len(l) != 1 || !strings.Contains(l[0].Msg.EN, "leads out of the site folder") {
			t.Errorf("Load(%q) = %v", p, short(l))
		}
	}
	if _, l := LoadDir(fsys, "../data"); len(l) != 1 || !strings.Contains(l[0].Msg.EN, "leads out of the site folder") {
		t.Errorf("LoadDir(../data) = %v", short(l))
	}
}

func TestSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	schema := "[[columns]]\nname = \"v\"\ntype = \"integer\"\n"
	write := func(p, s string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "secret.csv"), "v\n1\n")
	write(filepath.Join(outside, "secret.toml"), schema)
	write(filepath.Join(root, "data", "ok.csv"), "v\n1\n")
	write(filepath.Join(root, "data", "ok.toml"), schema)
	write(filepath.Join(root, "shared", "in.csv"), "v\n2\n")
	write(filepath.Join(root, "shared", "in.toml"), schema)
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Skip("symlinks not available:", err)
		}
	}
	link(filepath.Join(outside, "secret.csv"), "data/abs.csv")
	link(filepath.Join(outside, "secret.toml"), "data/abs.toml")
	link("../../"+filepath.Base(outside)+"/secret.csv", "data/rel.csv")
	link("../../"+filepath.Base(outside)+"/secret.toml", "data/rel.toml")
	link("../shared/in.csv", "data/inside.csv")
	link("../shared/in.toml", "data/inside.toml")
	link(outside, "out")

	fsys := os.DirFS(root)
	for _, p := range []string{"data/abs.csv", "data/rel.csv", "out/secret.csv"} {
		if _, l := Load(fsys, p); len(l) != 1 || !strings.Contains(l[0].Msg.EN, "leads out of the site folder") {
			t.Errorf("Load(%q) = %s", p, short(l))
		}
		if l := Scan(fsys, p, nil, func(*Row) error { return nil }); len(l) != 1 || !strings.Contains(l[0].Msg.EN, "leads out") {
			t.Errorf("Scan(%q) = %s", p, short(l))
		}
	}
	if _, l := LoadDir(fsys, "out"); len(l) != 1 {
		t.Errorf("LoadDir(out) = %s", short(l))
	}
	tb, l := Load(fsys, "data/inside.csv")
	if len(l) > 0 || tb.Col("v").Num[0] != 2 {
		t.Errorf("a link inside the site is fine: %s", short(l))
	}
	tables, l := LoadDir(fsys, "data")
	if len(tables) != 2 || len(l) != 2 {
		t.Errorf("LoadDir(data) = %d tables\n%s", len(tables), short(l))
	}
}

func TestDoubleCR(t *testing.T) {
	// Files converted twice end lines with CR CR LF: still readable.
	schema := "[[columns]]\nname = \"a\"\ntype = \"text\"\n\n[[columns]]\nname = \"b\"\ntype = \"number\"\n"
	tb, l := loadString(schema, "a,b\r\r\nx,1\r\r\n")
	if len(l) > 0 || tb.Col("b").Num[0] != 1 {
		t.Fatal(l.Format("en"))
	}
	// A single line that ends in CR is fine too.
	if _, l := loadString(schema, "a,b\r"); len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
}
