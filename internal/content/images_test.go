package content

import (
	"strings"
	"testing"
)

// TestRemoteImagesRefused: a Markdown image from another host would be
// loaded by every reader's browser, though the site promises nothing is
// loaded from other hosts. Each is refused at the address's line and
// column; images inside the site keep working. Before, they were
// published as <img src="https://…">.
func TestRemoteImagesRefused(t *testing.T) {
	const head = "+++\ntitle = \"x\"\n+++\n\n"
	for _, tc := range []struct {
		name, body string
		want       string // "" when the image is fine
	}{
		{"https", "Texto.\n\nAntes ![logo](https://evil.example/a.png) después\n", `content/p.md:7:15: image "https://evil.example/a.png" would be loaded from outside the site (the site loads nothing from other hosts`},
		{"no alt text", "![](http://evil.example/a.png)\n", `content/p.md:5:5: image "http://evil.example/a.png"`},
		{"another host without scheme", "Año: ![ñ](//evil.example/a.png)\n", `content/p.md:5:11: image "//evil.example/a.png"`},
		{"capitals", "![x](HTTPS://EVIL.example/a.png)\n", `content/p.md:5:6: image "HTTPS://EVIL.example/a.png"`},
		{"backslashes", "![x](\\\\evil.example/a.png)\n", `content/p.md:5:`},
		{"by reference", "![x][logo]\n\n[logo]: https://evil.example/b.png\n", `content/p.md:7:9: image "https://evil.example/b.png"`},
		{"in a list", "- uno\n- dos ![x](https://evil.example/c.png)\n", `content/p.md:6:12: image "https://evil.example/c.png"`},
		{"data address", "![x](data:image/png;base64,AAAA)\n", `content/p.md:5:6: image "data:image/png;base64,AAAA"`},
		{"local", "![x](assets/social.png) ![y](../assets/a.png) ![z](/assets/b.png)\n", ""},
		{"a link is not an image", "[fuente](https://www.banrep.gov.co/)\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, l := Parse("content/p.md", []byte(head+tc.body), "es")
			if tc.want == "" {
				if len(l) > 0 {
					t.Errorf("refused: %s", l.Format("en"))
				}
				return
			}
			if got := l.Format("en"); len(l) != 1 || !strings.HasPrefix(got, tc.want) {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestFrontMatterLine(t *testing.T) {
	src := []byte("+++\ntitle = \"x\"\n  image = \"a.png\"\nby = \"top\"\n\n[generate]\ndata = \"d\"\nby = \"país\"\n+++\n\nimage = \"body\"\n")
	inline := []byte("+++\ntitle = \"x\"\ngenerate = { data = \"d\", by = \"país\" }\n+++\n")
	for _, tc := range []struct {
		name string
		src  []byte
		path string
		want int
	}{
		{"top-level key", src, "image", 3},
		{"key of a table, not the same name at the top", src, "generate.by", 8},
		{"key of an inline table", inline, "generate.by", 3},
		{"missing key", src, "summary", 1},
		{"no front matter", []byte("# x\n"), "image", 1},
	} {
		if got := FrontMatterLine(tc.src, tc.path); got != tc.want {
			t.Errorf("%s: %s on line %d, want %d", tc.name, tc.path, got, tc.want)
		}
	}
}
