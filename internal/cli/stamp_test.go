package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/sitetest"
)

// TestBuildReplacesOwnOutput accepts what a build may replace: a missing
// folder, an empty one, its own stamped output, and the output of a
// version that wrote no stamp (recognised by its shape), which it stamps.
func TestBuildReplacesOwnOutput(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	sitetest.CopyTree(t, "../build/testdata/big", site)
	sitetest.CopyTree(t, "../../themes/default", filepath.Join(site, "themes/default"))
	out := filepath.Join(root, "empty")
	os.MkdirAll(out, 0o755)
	publish := func() {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := Run([]string{"build", "--source", site, "--out", out, "--lang", "en"}, &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if _, err := os.Stat(filepath.Join(out, build.StampFile)); err != nil {
			t.Errorf("no stamp: %v", err)
		}
	}
	publish() // an empty folder
	publish() // its own output
	// The output of a version that wrote no stamp.
	os.Remove(filepath.Join(out, build.StampFile))
	publish()
}
