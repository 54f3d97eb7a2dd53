package tomlx

import (
	"strings"
	"testing"
)

type inner struct {
	Name string `toml:"name"`
}

type outer struct {
	Title string  `toml:"title"`
	Items []inner `toml:"items"`
}

func TestDecode(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"syntax", "title = \"x\"\ndraft = tru\n", "f.toml:11:9: invalid TOML"},
		{"unknown key", "titel = \"x\"\n", `f.toml:10:1: unknown key "titel" (did you mean "title"?)`},
		{"miscased key", "Title = \"x\"\n", `f.toml:10:1: unknown key "Title" (did you mean "title"?)`},
		{"nested unknown key", "title = \"x\"\n[[items]]\nnmae = \"a\"\n", `f.toml:12:1: unknown key "items.nmae" (did you mean "name"?)`},
		{"inline table key", "title = \"x\"\nitems = [{ name = \"a\", nam = \"b\" }]\n", `f.toml:11:24: unknown key "items.nam" (did you mean "name"?)`},
		{"wrong type", "title = 3\n", "f.toml:10: value of the wrong type"},
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
		})
	}
	var v outer
	if l := Decode("f.toml", 1, "title = \"ok\"\n[[items]]\nname = \"a\"\n", &v); len(l) > 0 || v.Items[0].Name != "a" {
		t.Errorf("valid TOML: %v %+v", l, v)
	}
}
