package build

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestBigDatasetReduced builds the same site twice, once holding the
// dataset and once streaming it as if it were too large: every page must
// come out byte for byte the same.
func TestBigDatasetReduced(t *testing.T) {
	dir := copySite(t, "testdata/big")
	held := Build(os.DirFS(dir))
	if !held.OK() {
		t.Fatal(held.Diagnostics.Format("en"))
	}
	defer func(old int64) { bigFile = old }(bigFile)
	bigFile = 1000
	streamed := Build(os.DirFS(dir))
	if !streamed.OK() {
		t.Fatal(streamed.Diagnostics.Format("en"))
	}
	if len(held.Files) != len(streamed.Files) {
		t.Fatalf("%d files held, %d streamed", len(held.Files), len(streamed.Files))
	}
	for i, f := range held.Files {
		g := streamed.Files[i]
		if f.Path != g.Path {
			t.Fatalf("file %d: %s vs %s", i, f.Path, g.Path)
		}
		if strings.HasSuffix(f.Path, ".csv") && f.Path != CatalogueFile {
			if g.Open == nil || g.Data != nil {
				t.Errorf("%s: a big download must be copied, not held", f.Path)
			}
			continue
		}
		if f.Data != nil && !bytes.Equal(f.Data, g.Data) && !strings.Contains(f.Path, "search-") {
			t.Errorf("%s differs when the dataset is streamed", f.Path)
		}
	}
	// A table shows rows one by one, which a streamed dataset cannot.
	os.WriteFile(dir+"/content/t.md", []byte("+++\ntitle = \"t\"\n+++\n\n```table\ndata = \"sales\"\ntitle = \"t\"\n```\n"), 0o644)
	res := Build(os.DirFS(dir))
	if res.OK() || !strings.Contains(res.Diagnostics.Format("en"), "data/sales.csv: the file is too large to show its rows one by one") {
		t.Errorf("want a too-large error, got %s", res.Diagnostics.Format("en"))
	}
}
