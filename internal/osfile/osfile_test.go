package osfile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"
)

func TestReadFileIsOSReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 513, 4096, 100_000} {
		name := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte("tablero\n"), size/8+1)[:size]
		if err := WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("size %d: ReadFile = %d bytes, %v; want %d bytes", size, len(got), err, size)
		}
		if std, _ := os.ReadFile(name); !bytes.Equal(got, std) {
			t.Errorf("size %d: ReadFile and os.ReadFile differ", size)
		}
	}
}

func TestWriteFileTruncatesAndKeepsPerm(t *testing.T) {
	name := filepath.Join(t.TempDir(), "f")
	if err := WriteFile(name, []byte("a longer first version"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, []byte("short"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(name)
	if string(got) != "short" {
		t.Errorf("after the second write: %q", got)
	}
	if info, _ := os.Stat(name); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v: a file written over keeps its permissions, as os.WriteFile", info.Mode())
	}
}

func TestErrorsSayWhatAndWhere(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.csv")
	_, err := ReadFile(missing)
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) || pe.Path != missing {
		t.Errorf("ReadFile of a missing file: %v", err)
	}
	if _, err := ReadFile(dir); err == nil {
		t.Error("ReadFile of a folder: no error")
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "folder"), nil, 0o644); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("WriteFile into a missing folder: %v", err)
	}
}

// TestDirIsDirFS checks that Dir answers as os.DirFS does: same bytes,
// same errors against the same names, same refusals.
func TestDirIsDirFS(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "data"), 0o755)
	os.WriteFile(filepath.Join(root, "data", "a.csv"), []byte("x,y\n1,2\n"), 0o644)
	os.WriteFile(filepath.Join(root, "site.toml"), []byte("title = \"t\"\n"), 0o644)
	if err := fstest.TestFS(Dir(root), "data/a.csv", "site.toml"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"data/a.csv", "data/missing.csv", "data", "../x", "/etc/passwd", "data/./a.csv", ""} {
		got, gerr := fs.ReadFile(Dir(root), name)
		want, werr := fs.ReadFile(os.DirFS(root), name)
		if !bytes.Equal(got, want) || (gerr == nil) != (werr == nil) {
			t.Errorf("%q: Dir gives %q, %v; os.DirFS %q, %v", name, got, gerr, want, werr)
			continue
		}
		var gp, wp *fs.PathError
		if gerr != nil && (!errors.As(gerr, &gp) || !errors.As(werr, &wp) || gp.Path != wp.Path || !errors.Is(gerr, errors.Unwrap(werr))) {
			t.Errorf("%q: Dir's error %v, os.DirFS's %v", name, gerr, werr)
		}
	}
	if _, ok := Dir(root).(fs.ReadLinkFS); !ok {
		t.Error("Dir lost Lstat and ReadLink, which the symbolic-link checks need")
	}
}

func TestOpenRegular(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "page.html")
	os.WriteFile(name, []byte("<p>hola</p>"), 0o644)
	f, size, err := OpenRegular(name)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(f)
	f.Close()
	if size != 11 || string(got) != "<p>hola</p>" {
		t.Errorf("OpenRegular: size %d, %q", size, got)
	}
	if f, _, err := OpenRegular(dir); err == nil {
		f.Close()
		t.Error("OpenRegular opened a folder")
	}
	link := filepath.Join(dir, "link.html")
	if os.Symlink(name, link) == nil {
		if f, _, err := OpenRegular(link); err == nil {
			f.Close()
			t.Error("OpenRegular followed a symbolic link")
		}
	}
}
