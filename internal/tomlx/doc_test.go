package tomlx

import "testing"

func TestDocPositions(t *testing.T) {
	const text = `title = { es = "Año", en = "Year" }
delimiter = ";"
key = ["a",
  "b"]

[references]
name = "n"

[[columns]]
name = "a"
  type = "text"

[[columns]]
name = "b"
kinds = { "casi" = "approx" }
a.b = 2
`
	d := Parse(text)
	for _, c := range []struct {
		get       string // "key", "value" or "string"
		path, s   string
		nth       int
		line, col int
		ok        bool
	}{
		{"key", "title.en", "", 0, 1, 23, true},
		{"value", "title.es", "", 0, 1, 16, true},
		{"value", "delimiter", "", 0, 2, 13, true},
		{"string", "key", "b", 0, 4, 3, true},
		{"key", "references", "", 0, 6, 1, true},
		{"value", "references.name", "", 0, 7, 8, true},
		{"key", "columns[0]", "", 0, 9, 1, true},
		{"key", "columns[0].type", "", 0, 11, 3, true},
		{"value", "columns[1].name", "", 0, 14, 8, true},
		{"key", "columns.name", "", 0, 10, 1, true}, // without entries: the first
		{"string", "columns[1].kinds", "casi", 0, 15, 11, true},
		{"string", "columns[1].kinds", "approx", 0, 15, 20, true},
		{"key", "columns[1].a", "", 0, 16, 1, true}, // a dotted key opens its table
		{"key", "columns[2]", "", 0, 0, 0, false},
		{"string", "key", "c", 0, 0, 0, false},
	} {
		var line, col int
		var ok bool
		switch c.get {
		case "key":
			line, col, ok = d.Key(c.path)
		case "value":
			line, col, ok = d.Value(c.path)
		default:
			line, col, ok = d.String(c.path, c.s, c.nth)
		}
		if line != c.line || col != c.col || ok != c.ok {
			t.Errorf("%s %s %q: %d:%d %v, want %d:%d %v", c.get, c.path, c.s, line, col, ok, c.line, c.col, c.ok)
		}
	}
	if got := d.EntryAt("columns", 15); got != "columns[1]" {
		t.Errorf("EntryAt: %q", got)
	}
	if got, _ := d.Text(d.EntryAt("columns", 11) + ".name"); got != "a" {
		t.Errorf("Text: %q", got)
	}
	if n := d.Entries("columns"); n != 2 {
		t.Errorf("Entries: %d", n)
	}
}
