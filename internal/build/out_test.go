package build

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/iotest"

	"golang.org/x/sys/unix"

	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/render"
	"github.com/tablero/tablero/internal/sitetest"
)

// inEnglish renders err as the command prints it with --lang en.
func inEnglish(err error) string {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d.Format("en")
	}
	return err.Error()
}

// TestBuildIntoLockedOutput holds the lock of public/ as a build that is
// still writing would: a second build fails at once with a message, and
// public/ and its surroundings stay as they were. Without the lock, both
// builds removed each other's staging folder and could publish half a
// site, both exiting 0.
func TestBuildIntoLockedOutput(t *testing.T) {
	src := copySite(t, "testdata/hostile")
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if res, err := BuildInto(os.DirFS(src), out); err != nil || !res.OK() {
		t.Fatal(err, res.Diagnostics.Format("en"))
	}
	before := readTree(t, out)
	f, err := os.OpenFile(filepath.Join(dir, ".public.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	// The other build's staging folder, which this one must not touch.
	other := filepath.Join(dir, ".public.tmp-other")
	os.MkdirAll(other, 0o755)

	_, err = BuildInto(os.DirFS(src), out)
	if err == nil || !strings.Contains(inEnglish(err), "another build is writing into this folder (wait for it to finish and build again)") {
		t.Errorf("second build: %v", err)
	}
	sitetest.SameTree(t, before, readTree(t, out))
	if _, err := os.Stat(other); err != nil {
		t.Errorf("the other build's staging folder was removed: %v", err)
	}
	f.Close() // the first build ends
	os.Remove(other)
	if res, err := BuildInto(os.DirFS(src), out); err != nil || !res.OK() {
		t.Errorf("after the lock was released: %v", err)
	}
}

// TestReadOnlyOutput runs as a user who may not write into public/: a
// build into a read-only public/ is refused before anything is swapped,
// and one whose public/ is writable but holds read-only folders publishes
// and removes the previous site whole. Either way the result agrees with
// the error, and nothing is left beside public/. The old code swapped the
// new site in, then failed to remove the old one and exited 1, leaving
// .public.tmp-* behind. Run as root, the test runs itself again as
// nobody, since root may write anywhere.
func TestReadOnlyOutput(t *testing.T) {
	if os.Geteuid() != 0 {
		src := t.TempDir()
		if from := os.Getenv("TABLERO_TEST_SITE"); from != "" {
			sitetest.CopyTree(t, from, src)
		} else {
			src = copySite(t, "testdata/hostile")
		}
		readOnlyOutput(t, src)
		return
	}
	// Everything nobody needs, in a folder nobody may read: a copy of the
	// test binary, the test site, and a temporary folder.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	base, err := os.MkdirTemp("", "tablero-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	os.Chmod(base, 0o755)
	bin := filepath.Join(base, "build.test")
	b, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(base, "site")
	sitetest.CopyTree(t, "testdata/hostile", site)
	sitetest.CopyTree(t, "../../themes/default", filepath.Join(site, "themes", "default"))
	tmp := filepath.Join(base, "tmp")
	os.Mkdir(tmp, 0o777)
	os.Chmod(tmp, 0o777|fs.ModeSticky)

	var outb bytes.Buffer
	cmd := exec.Command(bin, "-test.run=^TestReadOnlyOutput$", "-test.v", "-test.count=1")
	cmd.Dir = base
	cmd.Stdout, cmd.Stderr = &outb, &outb
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, "TABLERO_TEST_SITE="+site)
	if err := cmd.Run(); err != nil {
		t.Errorf("as nobody: %v\n%s", err, outb.String())
	}
	if !strings.Contains(outb.String(), "--- PASS: TestReadOnlyOutput") {
		t.Errorf("the test did not run as nobody:\n%s", outb.String())
	}
}

// readOnlyOutput runs TestReadOnlyOutput's checks on the site src as the
// current user.
func readOnlyOutput(t *testing.T, src string) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if res, err := BuildInto(os.DirFS(src), out); err != nil || !res.OK() {
		t.Fatal(err, res.Diagnostics.Format("en"))
	}
	setMode := func(mode fs.FileMode, top bool) {
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && (top || p != out) {
				os.Chmod(p, mode)
			}
			return nil
		})
	}
	t.Cleanup(func() { setMode(0o755, true) })
	before := readTree(t, out)

	// A read-only public/ (chmod -R a-w), and a changed page.
	page := filepath.Join(src, "content", "index.md")
	b, _ := os.ReadFile(page)
	os.WriteFile(page, append(b, "\nUna línea más.\n"...), 0o644)
	setMode(0o555, true)
	_, err := BuildInto(os.DirFS(src), out)
	if err == nil || !strings.Contains(inEnglish(err), "the folder is read-only") {
		t.Errorf("build into a read-only public/: %v", err)
	}
	sitetest.SameTree(t, before, readTree(t, out))
	if entries := beside(t, dir); len(entries) != 1 {
		t.Errorf("beside public/: %v", entries)
	}

	// public/ writable, its folders read-only: the previous site goes
	// whole, read-only folders included.
	setMode(0o755, true)
	setMode(0o555, false)
	old, _ := os.Stat(filepath.Join(out, "index.html"))
	res, err := BuildInto(os.DirFS(src), out)
	if err != nil || !res.OK() {
		t.Errorf("build over read-only folders: %v", err)
	}
	if got := readTree(t, out); !strings.Contains(got["index.html"], "Una línea más.") {
		t.Error("the new site was not published")
	}
	if now, _ := os.Stat(filepath.Join(out, "index.html")); os.SameFile(old, now) {
		t.Error("index.html is the old one")
	}
	if entries := beside(t, dir); len(entries) != 1 {
		t.Errorf("beside public/: %v", entries)
	}
}

// TestFullDiskMessage makes a write fail with "no space left on device":
// the error says so in both languages with what to do, the previous site
// stays, and nothing is left beside it.
func TestFullDiskMessage(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := Write(out, []render.File{{Path: "index.html", Data: []byte("one")}}); err != nil {
		t.Fatal(err)
	}
	full := func() (io.ReadCloser, error) {
		return io.NopCloser(iotest.ErrReader(&fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC})), nil
	}
	err := Write(out, []render.File{{Path: "index.html", Data: []byte("two")}, {Path: "data/big.csv", Open: full}})
	var d diag.Diagnostic
	if !errors.As(err, &d) {
		t.Fatalf("error %v is not a diagnostic", err)
	}
	if got := d.Format("en"); !strings.Contains(got, "no space left on the disk to write the site (free some space and build again;") {
		t.Errorf("en: %s", got)
	}
	if got := d.Format("es"); !strings.Contains(got, "no queda espacio en el disco") {
		t.Errorf("es: %s", got)
	}
	if got := readTree(t, out); got["index.html"] != "one" {
		t.Errorf("public = %v", got)
	}
	if entries := beside(t, dir); len(entries) != 1 {
		t.Errorf("beside public/: %v", entries)
	}
}
