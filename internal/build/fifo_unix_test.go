//go:build unix

package build

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/tablero/tablero/internal/osfile"
)

// TestNamedPipeFailsTheBuild: a named pipe where a file of the site goes
// fails the build with one error, naming the file and saying what to do
// (a theme asset once took every page down with it), and the previous
// output stays as it was. Reading one would wait for ever (it did before
// osfile), so a regression shows as this test never ending.
func TestNamedPipeFailsTheBuild(t *testing.T) {
	for _, name := range []string{"site.toml", "content/tuberia.md", "data/sales.csv",
		"themes/default/templates/tubo.html", "themes/default/assets/tubo.js"} {
		t.Run(name, func(t *testing.T) {
			site := smallSite(t)
			out := filepath.Join(t.TempDir(), "public")
			if res, err := BuildInto(osfile.Dir(site), out); err != nil || !res.OK() {
				t.Fatalf("the site does not build before the pipe: %v %v", err, res.Diagnostics)
			}
			before, _ := os.ReadFile(filepath.Join(out, "index.html"))
			os.Remove(filepath.Join(site, name))
			if err := syscall.Mkfifo(filepath.Join(site, name), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := BuildInto(osfile.Dir(site), out)
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, d := range res.Diagnostics {
				if d.File == name && strings.Contains(d.Msg.EN, "named pipe") && strings.Contains(d.Msg.ES, "tubería con nombre") {
					found = true
				}
			}
			if !found || len(res.Diagnostics) != 1 {
				t.Errorf("want one diagnostic, naming %s as a named pipe:\n%s", name, res.Diagnostics.Format("en"))
			}
			if after, _ := os.ReadFile(filepath.Join(out, "index.html")); len(before) == 0 || string(after) != string(before) {
				t.Error("the previous output changed")
			}
		})
	}
}
