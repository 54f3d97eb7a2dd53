package diag

import "testing"

func TestFormat(t *testing.T) {
	d := Errorf("data/a.csv", 3, 7, "columna %q: valor %q", "column %q: value %q", "x", "y").WithHint("corrija", "fix it")
	if got := d.Format("en"); got != `data/a.csv:3:7: column "x": value "y" (fix it)` {
		t.Errorf("en: %s", got)
	}
	if got := d.Format("es"); got != `data/a.csv:3:7: columna "x": valor "y" (corrija)` {
		t.Errorf("es: %s", got)
	}
	if got := (Diagnostic{File: "f", Line: 2}).Pos(); got != "f:2" {
		t.Errorf("pos without column: %s", got)
	}
	if got := (Diagnostic{File: "f"}).Pos(); got != "f" {
		t.Errorf("pos of a whole file: %s", got)
	}
	l := List{Errorf("b", 1, 1, "x", "x"), Errorf("a", 9, 1, "x", "x"), Errorf("a", 2, 5, "x", "x")}
	l.Sort()
	if l[0].Pos() != "a:2:5" || l[1].Pos() != "a:9:1" || l[2].Pos() != "b:1:1" {
		t.Errorf("sorted: %v", l)
	}
	if (List{}).Err() != nil || l.Err() == nil {
		t.Error("Err")
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		word string
		cand []string
		want string
	}{
		{"yera", []string{"year", "value"}, "year"},
		{"Title", []string{"title", "kind"}, "title"},
		{"sectr", []string{"sector", "page"}, "sector"},
		{"zzzzzz", []string{"year", "value"}, ""},
		{"x", nil, ""},
	}
	for _, tt := range tests {
		if got := Nearest(tt.word, tt.cand); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
