package tomlx

import (
	"runtime"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/i18n"
)

// fuzzTarget has a field of each kind the site's TOML is decoded into.
type fuzzTarget struct {
	Title   i18n.Text         `toml:"title"`
	Name    string            `toml:"name"`
	Order   int               `toml:"order"`
	Share   float64           `toml:"share"`
	Draft   bool              `toml:"draft"`
	Tags    []string          `toml:"tags"`
	Labels  map[string]string `toml:"labels"`
	Items   []inner           `toml:"items"`
	Decimal *int              `toml:"decimals"`
	Where   map[string]any    `toml:"where"`
}

// allocBound is the memory Decode may take for n bytes of text: a fixed
// part for the parser and the messages, and a part in proportion to the
// text (the worst shapes at MaxSize take about 600 bytes a byte).
func allocBound(n int) uint64 { return 4<<20 + 1000*uint64(n) }

// FuzzDecode feeds Decode any text: it must not panic, must report every
// problem with a position inside the text, and must take memory in
// proportion to the text (run it with `make fuzz`).
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"title = \"x\"\n[[items]]\nname = \"a\"\n",
		"title = { es = \"a\", en = \"b\" }\ntags = [\"a\", 'b', \"\"\"c\"\"\"]\n",
		"x = {a={a={a=1}}}\n[a.b.c]\nd.e.f = 1\n",
		"where = { pais = [\"CO\", \"CA\"], anio = 2020 }\nlabels.a = \"b\"\n",
		"order = \"2\"\ndraft = 1\n[column.value_labels]\n",
		"decimals = 1.5\nshare = 'x'\n# [[[{{{\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var v fuzzTarget
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		l := Decode("f.toml", 1, text, &v)
		runtime.ReadMemStats(&after)
		if a := after.TotalAlloc - before.TotalAlloc; a > allocBound(len(text)) {
			t.Errorf("%d bytes of TOML took %d KB", len(text), a>>10)
		}
		lines := 1
		for i := 0; i < len(text); i++ {
			if text[i] == '\n' {
				lines++
			}
		}
		for _, d := range l {
			if d.Line < 0 || d.Line > lines || d.Msg.ES == "" || d.Msg.EN == "" {
				t.Errorf("diagnostic out of the text (%d lines) or untranslated: %+v", lines, d)
			}
		}
	})
}

// FuzzParse: the key index never panics, and every position it gives is
// inside the text.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"a = 1\n[[columns]]\nname = \"x\"\n", "t = { es = 'a', \"en\" = \"\"\"b\"\"\" }", "[a.b]\nc.d = [1, {e = 2}]", "x = \"\\\"", "[[", "a = 1979-05-27 07:32:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := Parse(text)
		lines := strings.Count(text, "\n") + 1
		for path := range d.keys {
			for _, get := range []func(string) (int, int, bool){d.Key, d.Value} {
				if l, c, ok := get(path); !ok || l < 1 || l > lines || c < 1 {
					t.Fatalf("%q: %d:%d %v", path, l, c, ok)
				}
			}
			d.Text(path)
			d.String(path, "x", 0)
		}
	})
}
