package build

import (
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/render"
)

// beside lists what the folder dir holds besides the lock file of its
// outputs.
func beside(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".lock") {
			names = append(names, e.Name())
		}
	}
	return names
}

// readTree returns the files under dir by relative path, without the
// stamp every output holds.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != StampFile {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

// TestWriteReplacesWholeSite publishes twice and checks that the second
// site replaces the first entirely, and that leftovers of a build that was
// killed half-way (its temporary folder) are cleaned up, never published.
func TestWriteReplacesWholeSite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := Write(out, []render.File{{Path: "index.html", Data: []byte("one")}, {Path: "old/page.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	// A build killed while writing leaves its temporary folder behind.
	half := filepath.Join(dir, ".public.tmp-123")
	os.MkdirAll(half, 0o755)
	os.WriteFile(filepath.Join(half, "index.html"), []byte("half"), 0o644)

	if err := Write(out, []render.File{{Path: "index.html", Data: []byte("two")}, {Path: "data/a.csv", Data: []byte("a,b\n")}}); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	want := map[string]string{"index.html": "two", filepath.Join("data", "a.csv"): "a,b\n"}
	if len(got) != len(want) {
		t.Errorf("public holds %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if entries := beside(t, dir); len(entries) != 1 {
		t.Errorf("beside public/: %v (temporary folders must be gone)", entries)
	}
}

// TestWriteKeepsUnchangedFiles publishes twice: a file whose bytes did not
// change is carried over (same inode), a changed one is written anew.
func TestWriteKeepsUnchangedFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, []render.File{{Path: "a.html", Data: []byte("same")}, {Path: "b.html", Data: []byte("v1")}}); err != nil {
		t.Fatal(err)
	}
	a1, _ := os.Stat(filepath.Join(out, "a.html"))
	b1, _ := os.Stat(filepath.Join(out, "b.html"))
	if err := Write(out, []render.File{{Path: "a.html", Data: []byte("same")}, {Path: "b.html", Data: []byte("v22")}}); err != nil {
		t.Fatal(err)
	}
	a2, _ := os.Stat(filepath.Join(out, "a.html"))
	b2, _ := os.Stat(filepath.Join(out, "b.html"))
	if !os.SameFile(a1, a2) {
		t.Error("an unchanged file was written again")
	}
	if os.SameFile(b1, b2) {
		t.Error("a changed file was kept")
	}
	if got := readTree(t, out); got["a.html"] != "same" || got["b.html"] != "v22" {
		t.Errorf("public = %v", got)
	}
}

// TestWriteKeepsUnchangedStreamedFiles publishes streamed files (given by
// Open, compared as they are written) twice: one with the same bytes is
// carried over; one changed, one cut short and one grown are written anew.
func TestWriteKeepsUnchangedStreamedFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	stream := func(path, text string) render.File {
		return render.File{Path: path, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(text)), nil }}
	}
	big := strings.Repeat("0123456789", 20_000) // several compare chunks
	first := map[string]string{"same.csv": big, "changed.csv": big, "shorter.csv": big, "longer.csv": big}
	second := map[string]string{"same.csv": big, "changed.csv": big[:len(big)-1] + "x", "shorter.csv": big[:len(big)-1], "longer.csv": big + "9"}
	write := func(texts map[string]string) map[string]os.FileInfo {
		var files []render.File
		for p, text := range texts {
			files = append(files, stream(p, text))
		}
		if err := Write(out, files); err != nil {
			t.Fatal(err)
		}
		infos := map[string]os.FileInfo{}
		for p := range texts {
			info, err := os.Stat(filepath.Join(out, p))
			if err != nil {
				t.Fatal(err)
			}
			infos[p] = info
		}
		return infos
	}
	before, after := write(first), write(second)
	for p := range first {
		if kept := os.SameFile(before[p], after[p]); kept != (p == "same.csv") {
			t.Errorf("%s: carried over = %v", p, kept)
		}
	}
	got := readTree(t, out)
	for p, want := range second {
		if got[p] != want {
			t.Errorf("%s: %d bytes, want %d", p, len(got[p]), len(want))
		}
	}
	if len(got) != len(second) { // no link left half-made beside them
		t.Errorf("public holds %d files: %v", len(got), slices.Collect(maps.Keys(got)))
	}
}

// TestBuildIntoIsBuildThenWrite builds DatACI and the hostile site both
// ways: writing pages while they are rendered must give the same folder
// as building in memory and writing after.
func TestBuildIntoIsBuildThenWrite(t *testing.T) {
	for name, src := range map[string]string{"DatACI": "../..", "hostile": copySite(t, "testdata/hostile")} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			res := Build(os.DirFS(src))
			if !res.OK() {
				t.Fatal(res.Diagnostics.Format("en"))
			}
			if err := Write(filepath.Join(dir, "a"), res.Files); err != nil {
				t.Fatal(err)
			}
			streamed, err := BuildInto(os.DirFS(src), filepath.Join(dir, "b"))
			if err != nil || !streamed.OK() {
				t.Fatal(err, streamed.Diagnostics.Format("en"))
			}
			a, b := readTree(t, filepath.Join(dir, "a")), readTree(t, filepath.Join(dir, "b"))
			if len(a) != len(b) || len(streamed.Files) != len(res.Files) {
				t.Errorf("%d files written after the build, %d while building (%d and %d listed)", len(a), len(b), len(res.Files), len(streamed.Files))
			}
			for p, data := range a {
				if b[p] != data {
					t.Errorf("%s differs", p)
				}
			}
			if streamed.Pages != res.Pages || streamed.Charts != res.Charts {
				t.Errorf("counts: %d pages, %d charts; want %d, %d", streamed.Pages, streamed.Charts, res.Pages, res.Charts)
			}
		})
	}
}

// TestBuildIntoFailureLeavesSite breaks a page of a site already published:
// the build reports it, and the folder keeps the previous site, with no
// half-written folder left beside it.
func TestBuildIntoFailureLeavesSite(t *testing.T) {
	src := copySite(t, "testdata/hostile")
	out := filepath.Join(t.TempDir(), "public")
	if res, err := BuildInto(os.DirFS(src), out); err != nil || !res.OK() {
		t.Fatal(err, res.Diagnostics.Format("en"))
	}
	before := readTree(t, out)
	pages, _ := filepath.Glob(filepath.Join(src, "content", "*.md"))
	if len(pages) == 0 {
		t.Fatal("no page to break")
	}
	if err := os.WriteFile(pages[0], []byte("+++\ntitle = \"x\"\n+++\n\n```chart\ntype = \"pie\"\ndata = \"missing\"\n```\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := BuildInto(os.DirFS(src), out)
	if err != nil || res.OK() {
		t.Fatalf("a broken page built: %v, %d diagnostics", err, len(res.Diagnostics))
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Errorf("%d files before the failed build, %d after", len(before), len(after))
	}
	for p, data := range before {
		if after[p] != data {
			t.Errorf("%s changed", p)
		}
	}
	if entries := beside(t, filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("beside public/: %v", entries)
	}
}

// TestWriteFailureLeavesSite makes one file impossible to write (its folder
// would be a file of the same site): Write reports it, and the published
// folder keeps the previous site, with nothing left beside it.
func TestWriteFailureLeavesSite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := Write(out, []render.File{{Path: "index.html", Data: []byte("one")}}); err != nil {
		t.Fatal(err)
	}
	err := Write(out, []render.File{{Path: "index.html", Data: []byte("two")}, {Path: "index.html/x.html", Data: []byte("x")}})
	if err == nil {
		t.Fatal("an impossible file was written")
	}
	if got := readTree(t, out); len(got) != 1 || got["index.html"] != "one" {
		t.Errorf("public = %v after a failed write", got)
	}
	if entries := beside(t, dir); len(entries) != 1 {
		t.Errorf("beside public/: %v", entries)
	}
}

func TestSameOutput(t *testing.T) {
	files := []render.File{{Path: "a.html"}, {Path: "data/x.csv"}, {Path: "data/x.csv"}, {Path: "data/x.csv"}, {Path: "z.html"}, {Path: "z.html"}}
	got := sameOutput(files).Format("en")
	for _, want := range []string{"data/x.csv: two of the site's files would both be written to data/x.csv", "z.html: two of the site's files"} {
		if !strings.Contains(got, want) {
			t.Errorf("%s\nwant %s", got, want)
		}
	}
	if n := strings.Count(got, "would both be written"); n != 2 {
		t.Errorf("%d reports, want one per path:\n%s", n, got)
	}
	if l := sameOutput(files[:2]); len(l) != 0 {
		t.Errorf("distinct paths reported: %v", l.Format("en"))
	}
}
