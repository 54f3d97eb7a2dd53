package build

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tablero/tablero/internal/sitetest"
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

// savedDuringBuild is a site folder whose data/sales.csv an editor saves
// (atomically, by rename) as soon as the build has read it to the end.
type savedDuringBuild struct {
	fs.FS
	csv, newVersion string // file paths on disk
	once            sync.Once
}

func (s *savedDuringBuild) Open(name string) (fs.File, error) {
	f, err := s.FS.Open(name)
	if err != nil || name != "data/sales.csv" {
		return f, err
	}
	return savedAtEOF{f, s}, nil
}

type savedAtEOF struct {
	fs.File
	s *savedDuringBuild
}

func (f savedAtEOF) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	if err == io.EOF {
		f.s.once.Do(func() { os.Rename(f.s.newVersion, f.s.csv) })
	}
	return n, err
}

// TestBigDatasetSavedDuringBuild saves a streamed CSV while the build
// reads it: the build fails naming the file, and the published site keeps
// the previous version, download and charts alike. Before, the new file
// was published as the download beside charts and a row count of the old
// one, and the build exited 0 even when the new version was invalid.
func TestBigDatasetSavedDuringBuild(t *testing.T) {
	defer func(old int64) { bigFile = old }(bigFile)
	bigFile = 1000
	dir := copySite(t, "testdata/big")
	out := filepath.Join(t.TempDir(), "public")
	if res, err := BuildInto(os.DirFS(dir), out); err != nil || !res.OK() {
		t.Fatal(err, res.Diagnostics.Format("en"))
	}
	before := readTree(t, out)
	csv := filepath.Join(dir, "data", "sales.csv")
	b, _ := os.ReadFile(csv)
	newVersion := filepath.Join(dir, "data", ".~sales.csv")
	os.WriteFile(newVersion, append(b, "2024;Agro;US;no es un número\r\n"...), 0o644)

	fsys := &savedDuringBuild{FS: os.DirFS(dir), csv: csv, newVersion: newVersion}
	res, err := BuildInto(fsys, out)
	if err == nil || !strings.Contains(inEnglish(err), "data/sales.csv: the file changed while the site was being built (build again") {
		t.Errorf("build with the file saved meanwhile: %v (%d diagnostics)", err, len(res.Diagnostics))
	}
	sitetest.SameTree(t, before, readTree(t, out))
	// Built again, the new version is read and its error reported.
	res, err = BuildInto(os.DirFS(dir), out)
	if err != nil || res.OK() || !strings.Contains(res.Diagnostics.Format("en"), "no es un número") {
		t.Errorf("the next build: %v, %s", err, res.Diagnostics.Format("en"))
	}
}
