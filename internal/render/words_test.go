package render

import (
	"strings"
	"testing"
	"testing/fstest"
)

// miniTheme is a theme with one template and the given i18n files.
func miniTheme(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"themes/t/templates/layout.html": {Data: []byte(
		`{{define "id-sectors"}} lista {{end}}{{define "id-dataset"}}d-{{.}}{{end}}{{define "page"}}{{.UI.hello}}{{end}}`)},
		"themes/t/assets/a.css": {Data: []byte("a{}")}}
	for name, text := range files {
		fsys["themes/t/i18n/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func TestThemeWords(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		lang    string
		want    string // the word hello in lang
		wantErr string // part of the first diagnostic's position, or ""
	}{
		{"both languages", map[string]string{"es.toml": `hello = "hola"`, "en.toml": `hello = "hi"`}, "en", "hi", ""},
		{"a word missing in en falls back to es", map[string]string{"es.toml": `hello = "hola"`, "en.toml": `bye = "bye"`}, "en", "hola", ""},
		{"no en file", map[string]string{"es.toml": `hello = "hola"`}, "en", "hola", ""},
		{"no es file", map[string]string{"en.toml": `hello = "hi"`}, "en", "hi", "themes/t/i18n/es.toml"},
		{"not a text", map[string]string{"es.toml": "hello = \"hola\"\nbye = 3"}, "es", "", "themes/t/i18n/es.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, l := LoadTheme(miniTheme(tt.files), "t")
			if tt.wantErr != "" {
				if len(l) == 0 || !strings.Contains(l[0].Pos(), tt.wantErr) {
					t.Fatalf("diagnostics %v, want one at %s", l, tt.wantErr)
				}
				return
			}
			if len(l) > 0 {
				t.Fatal(l.Format("en"))
			}
			if got := th.T(tt.lang, "hello"); got != tt.want {
				t.Errorf("T(%s, hello) = %q, want %q", tt.lang, got, tt.want)
			}
			var b strings.Builder
			if err := th.tmpl.ExecuteTemplate(&b, "page", &Page{UI: th.ui[tt.lang]}); err != nil || b.String() != tt.want {
				t.Errorf(".UI.hello in %s = %q (%v), want %q", tt.lang, b.String(), err, tt.want)
			}
		})
	}
}

func TestThemeLink(t *testing.T) {
	th, l := LoadTheme(miniTheme(map[string]string{"es.toml": `hello = "hola"`}), "t")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	if got := th.Link("index.html", "sectors"); got != "index.html#lista" {
		t.Errorf("Link(sectors) = %q, want index.html#lista (the theme's id-sectors)", got)
	}
	if got := th.Link("index.html", "other"); got != "index.html" {
		t.Errorf("Link(other) = %q, want index.html: the theme names no such element", got)
	}
	if got := th.LinkTo("datos.html", "dataset", "a&b"); got != "datos.html#d-a&b" {
		t.Errorf("LinkTo(dataset, a&b) = %q, want datos.html#d-a&b (the id, not its HTML)", got)
	}
	if got := th.LinkTo("datos.html", "other", "x"); got != "datos.html" {
		t.Errorf("LinkTo(other) = %q, want datos.html", got)
	}
}
