package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	c, l := Load(fstest.MapFS{"site.toml": {Data: []byte("title = { es = \"Datos\", en = \"Data\" }\nbase_url = \"https://x.org/datos\"\n")}})
	if len(l) > 0 {
		t.Fatal(l)
	}
	if c.Title.In("en") != "Data" || c.BaseURL != "https://x.org/datos/" || c.Theme != "default" || strings.Join(c.Languages, ",") != "es,en" {
		t.Errorf("config = %+v", c)
	}
	tests := []struct{ text, want string }{
		{"languages = [\"es\", \"fr\"]\n", `site.toml: unsupported language "fr"`},
		{"base_url = \"ftp://x\"\n", "site.toml: base_url must start with https://"},
		{"report_url = \"javascript:alert(1)\"\n", "site.toml: report_url must start with https://, http:// or mailto:"},
		{"tittle = \"x\"\n", `site.toml:1:1: unknown key "tittle" (did you mean "title"?)`},
		{"theme = \"default\"\n\n[x.y]\nz = 1\n", `site.toml:3:1: unknown key "x"`},
		{"theme = \"default\"\n[titel]\nes = \"Datos\"\n", `site.toml:2:1: unknown key "titel" (did you mean "title"?)`},
		{"theme = 1\n", `site.toml:1:1: theme must be a text in quotes, not a whole number (write the value in quotes: theme = "…")`},
		{"title = \"Medell\xedn\"\n", `site.toml:1:16: the TOML text is not saved as UTF-8 (it looks like Windows-1252/Latin-1: byte 0xED would be "í") (save the file as UTF-8`},
		{"[" + strings.Repeat("a.", 100000) + "b]\n", "site.toml:1:25: nesting too deep"},
	}
	for _, tt := range tests {
		_, l := Load(fstest.MapFS{"site.toml": {Data: []byte(tt.text)}})
		if len(l) == 0 || !strings.HasPrefix(l[0].Format("en"), tt.want) {
			t.Errorf("%q: got %v, want %s", tt.text, l, tt.want)
		}
	}
	if _, l := Load(fstest.MapFS{}); len(l) == 0 || !strings.Contains(l[0].Format("en"), "site.toml is missing") {
		t.Errorf("missing file: %v", l)
	}
}
