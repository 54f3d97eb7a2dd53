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
