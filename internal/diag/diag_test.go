package diag

import (
	"strings"
	"testing"
)

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

func TestShortValues(t *testing.T) {
	long := strings.Repeat("é", 5000)
	if got := Short(long); got != strings.Repeat("é", ShortLen)+"…" {
		t.Errorf("Short = %q", got)
	}
	if got := Short("año"); got != "año" {
		t.Errorf("Short of a short value = %q", got)
	}
	// Even a value not passed through Short is cut, in both languages.
	args := []any{long}
	d := Errorf("f", 1, 1, "valor %q", "value %q", args...)
	for _, m := range []string{d.Msg.ES, d.Msg.EN} {
		if len(m) > 2*maxArg+20 || !strings.HasSuffix(m, `…"`) {
			t.Errorf("message of %d bytes: %.60s…", len(m), m)
		}
	}
	if args[0] != long {
		t.Error("T changed the caller's arguments")
	}
}

func TestCheckUTF8(t *testing.T) {
	what := Text{ES: "la página no está guardada", EN: "the page is not saved"}
	d, ok := CheckUTF8("content/p.md", 1, []byte("+++\ntitle = \"Medell\xedn\"\n"), what)
	if ok {
		t.Fatal("Latin-1 byte accepted")
	}
	want := `content/p.md:2:16: the page is not saved as UTF-8 (it looks like Windows-1252/Latin-1: byte 0xED would be "í")`
	if got := d.Format("en"); !strings.HasPrefix(got, want) {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if _, ok := CheckUTF8("f", 1, []byte("Medellín"), what); !ok {
		t.Error("UTF-8 refused")
	}
}
