package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/osfile"
	"github.com/tablero/tablero/internal/sitetest"
)

// TestBrokenThemeIsOneError: a theme with an error is not used, so its
// error is reported once instead of once more for every page it fails.
func TestBrokenThemeIsOneError(t *testing.T) {
	site := smallSite(t)
	layout := filepath.Join(site, "themes/default/templates/layout.html")
	b, err := os.ReadFile(layout)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(layout, append(b, "{{if}}"...), 0o644)
	res := Build(osfile.Dir(site))
	lines := bytes.Count(b, []byte("\n")) + 1 // the line "{{if}}" was added to
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Pos() != fmt.Sprintf("themes/default/templates/layout.html:%d", lines) ||
		!strings.HasPrefix(res.Diagnostics[0].Msg.EN, "invalid template: missing value for if") {
		t.Errorf("want one error, at the template's line %d:\n%s", lines, res.Diagnostics.Format("en"))
	}
}

// smallSite copies testdata/big, a page over one dataset, with the
// default theme into a temporary folder, and returns the folder.
func smallSite(t *testing.T) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	sitetest.CopyTree(t, "testdata/big", site)
	sitetest.CopyTree(t, "../../themes/default", filepath.Join(site, "themes/default"))
	return site
}
