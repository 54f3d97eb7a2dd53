package dataset

import (
	"math"
	"strings"
	"testing"
	"testing/fstest"
)

// qualSchema declares a figure, its qualifier in the source's own words
// (mapped with kinds) and the upper bound of ranges.
const qualSchema = `title = "t"
[[columns]]
name = "id"
type = "text"

[[columns]]
name = "value"
type = "number"
qualifier = "how"
upper = "high"

[[columns]]
name = "high"
type = "number"

[[columns]]
name = "how"
type = "category"
values = ["más de", "aproximado", "exact", "range"]
kinds = { "más de" = "more than", "aproximado" = "approx" }
`

func TestQualifierSchemaErrors(t *testing.T) {
	col := func(name, typ string, extra ...string) string {
		return "\n[[columns]]\nname = \"" + name + "\"\ntype = \"" + typ + "\"\n" + strings.Join(extra, "\n")
	}
	for _, tc := range []struct{ name, toml, want, hint string }{
		{"unknown column", col("v", "number", `qualifier = "calif"`) + col("calificador", "category", `values = ["exact"]`),
			`data/d.toml:5:13: column "v": qualifier names a column that does not exist: "calif"`, `columns: "v", "calificador"`},
		{"near column", col("v", "number", `qualifier = "qualifer"`) + col("qualifier", "category", `values = ["exact"]`),
			`data/d.toml:5:13: column "v": qualifier names a column that does not exist: "qualifer"`, `did you mean "qualifier"?`},
		{"not numeric", col("v", "text", `qualifier = "q"`) + col("q", "category", `values = ["exact"]`),
			`data/d.toml:5:13: column "v": qualifier only applies to numeric columns`, "remove qualifier"},
		{"qualifier not category", col("v", "number", `qualifier = "q"`) + col("q", "text"),
			`data/d.toml:5:13: column "v": the qualifier column "q" must be of type category`, `type = "category"`},
		{"unknown kind value", col("v", "number", `qualifier = "q"`) + col("q", "category", `values = ["exact", "aprox"]`),
			`data/d.toml:9:20: column "q": value "aprox" is not a qualifier kind`, `did you mean "approx"?`},
		{"unmapped word", col("v", "number", `qualifier = "q"`) + col("q", "category", `values = ["unos"]`),
			`data/d.toml:9:11: column "q": value "unos" is not a qualifier kind`, `declare kinds = { "unos" = "approx" }`},
		{"strange word", col("v", "number", `qualifier = "q"`) + col("q", "category", `values = ["zzz"]`),
			`data/d.toml:9:11: column "q": value "zzz" is not a qualifier kind`, `or declare kinds = { "zzz" = "…" }`},
		{"unknown mapped kind", col("v", "number", `qualifier = "q"`) + col("q", "category", `values = ["casi"]`, `kinds = { "casi" = "approximate" }`),
			`data/d.toml:10:20: column "q": unknown qualifier kind "approximate" for "casi"`, `did you mean "approx"?`},
		{"kinds of a missing value", col("v", "number", `qualifier = "q"`) + col("q", "category", `values = ["casi"]`, `kinds = { "casi" = "approx", "cas" = "approx" }`),
			`data/d.toml:10:30: column "q": kinds gives a kind to "cas", which is not in values`, `did you mean "casi"?`},
		{"kinds on text", col("q", "text", `kinds = { "a" = "approx" }`),
			`data/d.toml:5:9: column "q": kinds only applies to columns of type category`, ""},
		{"range without upper", col("v", "number", `qualifier = "q"`) + col("q", "category", `values = ["exact", "range"]`),
			`data/d.toml:5:13: column "v": "q" allows ranges but upper, the column of the upper bound, is missing`, `add upper = "…"`},
		{"upper without qualifier", col("v", "number", `upper = "h"`) + col("h", "number"),
			`data/d.toml:5:9: column "v": upper needs qualifier`, "qualifier"},
		{"upper not numeric", col("v", "number", `qualifier = "q"`, `upper = "h"`) + col("q", "category", `values = ["range"]`) + col("h", "text"),
			`data/d.toml:6:9: column "v": the upper column "h" must be numeric`, `type = "number"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, l := ParseSchema("data/d.toml", []byte(tc.toml))
			if s != nil {
				t.Fatal("schema must be nil on error")
			}
			if got := short(l); got != tc.want+"\n" {
				t.Fatalf("got:\n%swant:\n%s", got, tc.want+"\n")
			}
			if !strings.Contains(l[0].Hint.EN, tc.hint) {
				t.Errorf("hint %q does not contain %q", l[0].Hint.EN, tc.hint)
			}
			if l[0].Msg.ES == "" || l[0].Hint.ES == "" {
				t.Errorf("Spanish missing: %+v", l[0])
			}
		})
	}
}

func TestQualifierRows(t *testing.T) {
	load := func(csv string) (*Table, string) {
		tb, l := Load(fstest.MapFS{"data/q.csv": {Data: []byte(csv)}, "data/q.toml": {Data: []byte(qualSchema)}}, "data/q.csv")
		return tb, short(l)
	}
	for _, tc := range []struct{ name, csv, want string }{
		{"range without upper", "id,value,high,how\na,1,,exact\nb,770,,range\n",
			`data/q.csv:3:7: column "high": the row is a range (how = "range") but has no upper bound` + "\n"},
		{"upper on a non-range", "id,value,high,how\na,200,300,más de\n",
			`data/q.csv:2:7: column "high": only a range has an upper bound, and this row is "more than"` + "\n"},
		{"upper below", "id,value,high,how\nb,800,770,range\n",
			`data/q.csv:2:7: column "high": the upper bound 770 is lower than value = 800` + "\n"},
		{"kind not in values", "id,value,high,how\nb,800,,approx\n",
			`data/q.csv:2:8: column "how": value "approx" is not one of the allowed values` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, got := load(tc.csv); got != tc.want {
				t.Errorf("got:\n%swant:\n%s", got, tc.want)
			}
		})
	}

	tb, l := load("id,value,high,how\na,200,,más de\nb,770,800,range\nc,3.7,,aproximado\nd,5,,\n")
	if l != "" {
		t.Fatal(l)
	}
	v := tb.Col("value")
	for r, want := range []Qualified{{QualMore, math.NaN()}, {QualRange, 800}, {QualApprox, math.NaN()}, {QualExact, math.NaN()}} {
		got := tb.Qualifier(v, r)
		if got.Kind != want.Kind || !(got.Upper == want.Upper || math.IsNaN(got.Upper) && math.IsNaN(want.Upper)) {
			t.Errorf("row %d: %+v, want %+v", r, got, want)
		}
	}
	if q := tb.Qualifier(tb.Col("high"), 1); q.Kind != QualExact {
		t.Errorf("a column without qualifier is exact, got %+v", q)
	}
}
