package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFrontMatterImageChecked sets a page's image (its card on social
// sites) to an address elsewhere, a file of another type, and a file the
// site does not publish: each is refused at the key's line. Before, any
// value was written into the page's og:image as it was.
func TestFrontMatterImageChecked(t *testing.T) {
	for _, tc := range []struct{ image, want string }{
		{"https://evil.example/card.png", `content/index.md:4:1: image "https://evil.example/card.png" would be loaded from outside the site`},
		{"//evil.example/card.png", `content/index.md:4:1: image "//evil.example/card.png" would be loaded from outside the site`},
		{"robots.txt", `content/index.md:4:1: image "robots.txt" is not a PNG, JPEG, GIF or WebP picture`},
		{"assets/tarjeta.png", `content/index.md:4:1: image "assets/tarjeta.png" is not a file of the published site (put the picture in themes/default/assets/`},
		{"../../secret.png", `content/index.md:4:1: image "../../secret.png" is not a file of the published site`},
		{"assets/social.png", ""},
		{"/assets/social.png", ""},
	} {
		t.Run(tc.image, func(t *testing.T) {
			dir := copySite(t, "testdata/big")
			page := filepath.Join(dir, "content", "index.md")
			b, _ := os.ReadFile(page)
			src := strings.Replace(string(b), "kind = \"home\"\n", "kind = \"home\"\nimage = \""+tc.image+"\"\n", 1)
			os.WriteFile(page, []byte(src), 0o644)
			res := Build(os.DirFS(dir))
			got := res.Diagnostics.Format("en")
			if tc.want == "" && !res.OK() || tc.want != "" && !strings.HasPrefix(got, tc.want) {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
