package content

import (
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestSearchText(t *testing.T) {
	tests := []struct{ md, want string }{
		{"# Título\n\nUn *párrafo* con [enlace](otra.md \"título\").", "Título Un párrafo con enlace ."},
		{"**Bog**otá", "Bog otá"}, // an element splits the word, as in the HTML
		{"a &amp; b &#169; \\*c\\*", "a & b © *c*"},
		{"`x &amp; <y>` y www.ejemplo.org", "x &amp; <y> y www.ejemplo.org"},
		{"![texto alternativo](assets/a.png) después", "después"},
		{"antes <b>crudo</b> después\n\n<div>bloque</div>", "antes crudo después"},
		{"```chart\ntype = \"bar\"\n```\n\n```go\nx := 1 < 2\n```", "x := 1 < 2"},
		{"| a | b |\n|---|---|\n| 1 | 2 |", "a b 1 2"},
		{"línea  \nsiguiente\notra", "línea siguiente otra"},
	}
	for _, tt := range tests {
		_, got, _, _, err := render("content/x.md", []byte(tt.md), 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(strings.Fields(got), " "); got != tt.want {
			t.Errorf("searchText(%q) = %q, want %q", tt.md, got, tt.want)
		}
	}
}

// TestSearchTextIsHTMLText checks searchText against the way the index
// was read before, the text between the tags of the HTML, over the site's
// pages and the fuzz corpus: the same words, split at the same places.
func TestSearchTextIsHTMLText(t *testing.T) {
	tags := regexp.MustCompile(`<[^>]*>`)
	var inputs [][]byte
	filepath.WalkDir("../../content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile(p)
			inputs = append(inputs, b)
		}
		return nil
	})
	corpus, _ := filepath.Glob("testdata/fuzz/*/*")
	for _, p := range corpus {
		b, _ := os.ReadFile(p)
		_, arg, _ := strings.Cut(string(b), "[]byte(")
		if s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimSpace(arg), ")")); err == nil {
			inputs = append(inputs, []byte(s))
		}
	}
	if len(inputs) < len(corpus) {
		t.Fatalf("only %d inputs", len(inputs))
	}
	for _, in := range inputs {
		htm, text, _, _, err := render("content/x.md", in, 1)
		if err != nil {
			continue
		}
		want := strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(htm, " "))), " ")
		if got := strings.Join(strings.Fields(text), " "); got != want {
			t.Errorf("%q:\n got %q\nwant %q", in, got, want)
		}
	}
}
