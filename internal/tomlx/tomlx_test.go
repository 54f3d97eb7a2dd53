package tomlx

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/i18n"
)

type inner struct {
	Name   string            `toml:"name"`
	Labels map[string]string `toml:"labels"`
}

type outer struct {
	Title string   `toml:"title"`
	Items []inner  `toml:"items"`
	Draft bool     `toml:"draft"`
	Tags  []string `toml:"tags"`
	When  date     `toml:"when"`
}

// date refuses every value, in both languages, as dataset.Date does with
// a wrong date.
type date struct{}

func (*date) UnmarshalTOML(v any) error {
	return i18n.Errorf("%v no es una fecha escrita AAAA-MM-DD", "%v is not a date written YYYY-MM-DD", v)
}

func TestDecode(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"too large", "title = \"" + strings.Repeat("x", MaxSize) + "\"\n", fmt.Sprintf("f.toml:10: the TOML text is over the limit of 256 KiB (it has %d bytes)", MaxSize+11)},
		{"not UTF-8", "title = \"x\"\n# Medell\xedn\n", `f.toml:11:9: the TOML text is not saved as UTF-8 (it looks like Windows-1252/Latin-1: byte 0xED would be "í")`},
		{"inline tables 100,000 deep", "x = " + strings.Repeat("{a=", 100000) + "1" + strings.Repeat("}", 100000) + "\n", "f.toml:10: the TOML text is over the limit of 256 KiB (it has 400006 bytes)"},
		{"inline tables 4,000 deep", "title = \"x\"\nx = " + strings.Repeat("{a=", 4000) + "1" + strings.Repeat("}", 4000) + "\n", fmt.Sprintf("f.toml:11:%d: nesting too deep: more than %d levels", 4+3*MaxDepth+1, MaxDepth)},
		{"arrays 4,000 deep", "tags = " + strings.Repeat("[", 4000) + strings.Repeat("]", 4000), fmt.Sprintf("f.toml:10:%d: nesting too deep", 7+MaxDepth+1)},
		{"dotted header 100,000 deep", "[" + strings.Repeat("a.", 100000) + "b]\n", fmt.Sprintf("f.toml:10:%d: nesting too deep", 1+2*MaxDepth)},
		{"dotted key 100,000 deep", "title = \"x\"\n" + strings.Repeat("a.", 100000) + "b = 1\n", fmt.Sprintf("f.toml:11:%d: nesting too deep", 2*(MaxDepth+1))},
		{"syntax", "title = \"x\"\ndraft = tru\n", "f.toml:11:9: invalid TOML"},
		{"unknown key", "titel = \"x\"\n", `f.toml:10:1: unknown key "titel" (did you mean "title"?)`},
		{"miscased key", "Title = \"x\"\n", `f.toml:10:1: unknown key "Title" (did you mean "title"?)`},
		{"nested unknown key", "title = \"x\"\n[[items]]\nnmae = \"a\"\n", `f.toml:12:1: unknown key "items.nmae" (did you mean "name"?)`},
		{"inline table key", "title = \"x\"\nitems = [{ name = \"a\", nam = \"b\" }]\n", `f.toml:11:24: unknown key "items.nam" (did you mean "name"?)`},
		{"unknown table", "title = \"x\"\n\n[extra]\n", `f.toml:12:1: unknown key "extra"`},
		{"unknown array of tables", "title = \"x\"\n[[itemz]]\nname = \"a\"\n", `f.toml:11:1: unknown key "itemz" (did you mean "items"?)`},
		{"unknown nested table", "title = \"x\"\n[titles.es]\na = 1\n", `f.toml:11:1: unknown key "titles" (did you mean "title"?)`},
		{"unknown dotted key", "title = \"x\"\nitem.name = \"a\"\n", `f.toml:11:1: unknown key "item" (did you mean "items"?)`},
		{"unknown table in an entry", "[[items]]\nname = \"a\"\n[items.extra]\nb = 1\n", `f.toml:12:1: unknown key "items.extra"`},
		{"wrong type", "title = 3\n", `f.toml:10:1: title must be a text in quotes, not a whole number (write the value in quotes: title = "…")`},
		{"wrong type in an entry", "title = \"x\"\n[[items]]\nname = \"a\"\n[[items]]\n name = 3\n", `f.toml:14:2: items.name must be a text in quotes, not a whole number`},
		{"wrong type, second of two entries", "[[items]]\nname = \"a\"\n[[items]]\nname = \"b\"\nlabels = { x = 3 }\n", `f.toml:14:12: items (name = "b"): items.labels.x must be a text in quotes, not a whole number`},
		{"an entry that is no table", "items = [\"a\"]\n", `f.toml:10:1: items must be a table { … }, not a text in quotes`},
		{"two wrong types: the first written", "tags = 1\ndraft = 2\ntitle = 3\n", `f.toml:10:1: tags must be a list [ … ], not a whole number`},
		{"wrong type bool", "draft = \"yes\"\n", `f.toml:10:1: draft must be true or false, not a text in quotes (write draft = true or draft = false, without quotes)`},
		{"wrong type list", "tags = \"a\"\n", `f.toml:10:1: tags must be a list [ … ], not a text in quotes (write a list in brackets: tags = ["…", "…"])`},
		{"not a table for a map", "title = \"x\"\n[[items]]\nname = \"a\"\nlabels = 3\n", `f.toml:13:1: items (name = "a"): items.labels must be a table { … }, not a whole number`},
		{"value refused by its type", "\nwhen = \"ayer\"\n", `f.toml:11:9: when: ayer is not a date written YYYY-MM-DD`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v outer
			l := Decode("f.toml", 10, tt.text, &v)
			if len(l) == 0 {
				t.Fatalf("no error, want %s", tt.want)
			}
			if got := l[0].Format("en"); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if es := l[0].Format("es"); es == l[0].Format("en") {
				t.Errorf("not translated: %s", es)
			}
		})
	}
	var v outer
	if l := Decode("f.toml", 1, "title = \"ok\"\n[[items]]\nname = \"a\"\n", &v); len(l) > 0 || v.Items[0].Name != "a" {
		t.Errorf("valid TOML: %v %+v", l, v)
	}
}

func TestLimitsIgnoreText(t *testing.T) {
	// Brackets, braces and dots inside strings and comments are text, not nesting.
	deep := strings.Repeat("{[a.", 40)
	for _, text := range []string{
		`title = "` + deep + `"`,
		`title = '` + deep + `'`,
		`title = "\"` + deep + `"`,
		"title = \"\"\"\n" + deep + "\n\\\"\"\"\n" + deep + "\"\"\"\n",
		"title = \"\"\"" + deep + "\"\"\"\"\"\n",
		"title = '''" + deep + "\n" + deep + "'''\n",
		"title = \"x\" # " + deep + "\n",
		"# " + deep + "\ntitle = \"x\"\n",
		"tags = [\n  1.5,\n  \"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h\",\n  '''x''',\n]\n",
	} {
		if d, ok := checkLimits("f.toml", 1, text); !ok {
			t.Errorf("%.50q: %v", text, d)
		}
	}
	at := strings.Repeat("{a=", MaxDepth) + "1" + strings.Repeat("}", MaxDepth)
	if d, ok := checkLimits("f.toml", 1, "x = "+at); !ok {
		t.Errorf("%d levels refused: %v", MaxDepth, d)
	}
	if _, ok := checkLimits("f.toml", 1, "x = {"+at[:len(at)-1]+"}}"); ok {
		t.Errorf("%d levels accepted", MaxDepth+1)
	}
}

func TestUnknownKeysBounded(t *testing.T) {
	// As many unknown keys as lines, but 50 messages and a count.
	var many strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&many, "k%d = 1\n", i)
	}
	var v outer
	l := Decode("f.toml", 1, many.String(), &v)
	if len(l) != maxUnknown+1 || !strings.Contains(l[maxUnknown].Format("en"), "and 4950 more unknown keys") {
		t.Errorf("%d messages, last %v", len(l), l[len(l)-1])
	}
}
