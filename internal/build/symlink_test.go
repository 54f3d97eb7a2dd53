package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSymlinksOutOfSiteRefused links files from outside the site into
// every input folder, as data/ already refused: a page, the content folder
// itself, a theme asset (the probe published /etc/shadow that way), a
// template and site.toml. Each build fails naming the link, and no output
// holds the outside file's text. Before, the page was published in both
// languages and in the search index, and the asset copied as it was.
func TestSymlinksOutOfSiteRefused(t *testing.T) {
	const secret = "SECRETO-FUERA-DEL-SITIO"
	for _, tc := range []struct {
		name, link string // link is made in the site and points outside
		target     string // what it points to, in the outside folder
		want       string
	}{
		{"a page", "content/fuera.md", "page.md", "content/fuera.md: path \"content/fuera.md\" leads out of the site folder"},
		{"the content folder", "content", "pages", "content: path \"content\" leads out of the site folder"},
		{"a theme asset", "themes/default/assets/shadow.txt", "secret.txt", "themes/default/assets/shadow.txt: path"},
		{"a theme template", "themes/default/templates/extra.html", "secret.txt", "themes/default/templates/extra.html: path"},
		{"site.toml", "site.toml", "site.toml", "site.toml: path \"site.toml\" leads out of the site folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := copySite(t, "testdata/hostile")
			outside := t.TempDir()
			page := "+++\ntitle = \"" + secret + "\"\n+++\n\n" + secret + "\n"
			os.WriteFile(filepath.Join(outside, "page.md"), []byte(page), 0o644)
			os.WriteFile(filepath.Join(outside, "secret.txt"), []byte(secret), 0o644)
			os.MkdirAll(filepath.Join(outside, "pages"), 0o755)
			os.WriteFile(filepath.Join(outside, "pages", "index.md"), []byte(page), 0o644)
			cfg, _ := os.ReadFile(filepath.Join(src, "site.toml"))
			os.WriteFile(filepath.Join(outside, "site.toml"), append(cfg, "# "+secret+"\n"...), 0o644)

			link := filepath.Join(src, filepath.FromSlash(tc.link))
			if err := os.RemoveAll(link); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(outside, tc.target), link); err != nil {
				t.Fatal(err)
			}
			res := Build(os.DirFS(src))
			if got := res.Diagnostics.Format("en"); res.OK() || !strings.Contains(got, tc.want) {
				t.Errorf("diagnostics:\n%s\nwant %q", got, tc.want)
			}
			for _, f := range res.Files {
				if strings.Contains(string(f.Data), secret) {
					t.Errorf("%s holds the outside file", f.Path)
				}
			}
		})
	}
}
