package build

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"

	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/osfile"
	"github.com/tablero/tablero/internal/par"
	"github.com/tablero/tablero/internal/render"
)

// Write publishes files as the folder out. It writes them into a new folder
// beside out and then swaps the two, so out is never half-written: a build
// that fails or is killed leaves the previous out exactly as it was.
func Write(out string, files []render.File) error {
	st, err := newStaging(out)
	if err != nil {
		return err
	}
	defer st.discard()
	par.Each(len(files), func(i int) { st.put(files[i]) })
	return st.publish()
}

// staging is the folder a site is written into before it replaces out.
// Files may be put into it from several goroutines.
type staging struct {
	out, tmp string
	unlock   func()

	mu   sync.Mutex
	dirs map[string]bool // folders made, by slash path
	err  error           // the first failed write
	done bool
}

// newStaging makes the staging folder beside out, after checking that out
// may be replaced (see checkTarget), taking the lock on it and removing
// what a killed build may have left there. The staging folder starts with
// the stamp that marks it as tablero's.
func newStaging(out string) (st *staging, err error) {
	if out, err = filepath.Abs(out); err != nil {
		return nil, outErr(out, err)
	}
	parent := filepath.Dir(out)
	if parent == out {
		return nil, diag.Errorf(out, 0, 0, "no se puede publicar en la raíz del disco", "cannot publish into the root of the disk").
			WithHint("elija una carpeta con --out", "choose a folder with --out")
	}
	// Checked before the lock too, so that a refused target gets no lock
	// file beside it.
	if err := checkTarget(out); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, outErr(out, err)
	}
	unlock, err := lockOut(out)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			unlock()
		}
	}()
	// Again under the lock: another build may have published meanwhile.
	if err := checkTarget(out); err != nil {
		return nil, err
	}
	if err := checkWritable(out); err != nil {
		return nil, err
	}
	cleanLeftovers(out)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, outErr(out, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		removeTree(tmp)
		return nil, outErr(out, err)
	}
	if err := os.WriteFile(filepath.Join(tmp, StampFile), []byte(stampText), 0o644); err != nil {
		removeTree(tmp)
		return nil, outErr(out, err)
	}
	return &staging{out: out, tmp: tmp, unlock: unlock, dirs: map[string]bool{".": true}}, nil
}

// put writes f into the staging folder. A file the previous site already
// has, byte for byte, is linked into the new one instead of written again:
// rebuilding a large site where little changed costs little disk work.
// A failure is kept for publish to report.
func (st *staging) put(f render.File) {
	p := filepath.Join(st.tmp, filepath.FromSlash(f.Path))
	err := st.mkdir(path.Dir(f.Path))
	if err == nil {
		old := filepath.Join(st.out, filepath.FromSlash(f.Path))
		if f.Open != nil {
			err = copyOrLink(p, old, f.Open)
		} else if !sameAsPublished(old, f.Data) || os.Link(old, p) != nil {
			err = osfile.WriteFile(p, f.Data, 0o644)
		}
	}
	if err != nil {
		st.mu.Lock()
		defer st.mu.Unlock()
		if st.err == nil {
			st.err = err
		}
	}
}

func (st *staging) mkdir(dir string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.dirs[dir] {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(st.tmp, filepath.FromSlash(dir)), 0o755); err != nil {
		return err
	}
	st.dirs[dir] = true
	return nil
}

// publish replaces out with the staging folder, unless a write failed.
// Once the swap is done the new site is published, whatever happens to
// the previous one: removing it is cleanup, not a failure of the build.
func (st *staging) publish() error {
	if st.err != nil {
		return outErr(st.out, st.err)
	}
	if err := swap(st.tmp, st.out); err != nil {
		return outErr(st.out, err)
	}
	st.done = true
	return nil
}

// discard removes the staging folder unless it was published, and
// releases the lock.
func (st *staging) discard() {
	if !st.done {
		removeTree(st.tmp)
	}
	st.unlock()
}

// cleanLeftovers removes folders left by a build that was killed.
func cleanLeftovers(out string) {
	for _, pat := range []string{".tmp-*", ".old-*"} {
		m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+pat))
		for _, p := range m {
			removeTree(p)
		}
	}
}

// removeTree removes p and everything under it. Where a read-only folder
// of a previous site stops that, it makes the folders writable (they are
// the build's own) and tries again; what still fails is left for the next
// build's cleanLeftovers.
func removeTree(p string) {
	// The previous site is removed after the swap, while the command
	// waits: its folders go on both cores (the pages' and the datasets'
	// folders are most of it).
	if entries, err := os.ReadDir(p); err == nil {
		par.Each(len(entries), func(i int) { os.RemoveAll(filepath.Join(p, entries[i].Name())) })
	}
	if os.RemoveAll(p) == nil {
		return
	}
	// WalkDir calls fn on a folder before reading it, so an unreadable
	// folder is opened up before it is read.
	filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if d != nil && d.IsDir() {
			os.Chmod(q, 0o755)
		}
		return nil
	})
	os.RemoveAll(p)
}

// swapByRename replaces out with tmp through two renames; out is missing
// only between them.
func swapByRename(tmp, out string) error {
	old := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".old-"+filepath.Base(tmp))
	if _, err := os.Stat(out); err == nil {
		if err := os.Rename(out, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		return err
	}
	removeTree(old)
	return nil
}

// compareBuffers hold the chunks a published file is read in to be
// compared, so comparing a whole site with the previous one needs no more
// memory than a few chunks.
var compareBuffers = sync.Pool{New: func() any { return new([64 << 10]byte) }}

// sameAsPublished reports whether the file at old holds exactly data.
func sameAsPublished(old string, data []byte) bool {
	prev := openPublished(old, int64(len(data)))
	if prev == nil {
		return false
	}
	defer prev.Close()
	c := &published{r: prev, same: true}
	c.Write(data)
	return c.same // of the same size, so nothing follows
}

// copyOrLink writes what open gives to p, comparing it on the way with the
// published file old: one that turns out the same is replaced by a link to
// old, as a file given whole is (see put). Streamed files (large downloads,
// the open-data files) are not held, so they are compared as they are
// written rather than before.
func copyOrLink(p, old string, open func() (io.ReadCloser, error)) error {
	src, err := open()
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(p)
	if err != nil {
		return err
	}
	var w io.Writer = dst
	var c *published
	if prev := openPublished(old, -1); prev != nil {
		defer prev.Close()
		c = &published{r: prev, same: true}
		w = io.MultiWriter(dst, c)
	}
	if _, err := io.Copy(w, src); err != nil {
		dst.Close()
		return err
	}
	if err := dst.Close(); err != nil {
		return err
	}
	if c != nil && c.whole() {
		// Linked beside p and moved over it: p is there whatever fails.
		tmp := p + ".tablero-link"
		if os.Link(old, tmp) == nil && os.Rename(tmp, p) != nil {
			os.Remove(tmp)
		}
	}
	return nil
}

// openPublished opens the published file old when it is a regular file
// (a symbolic link is never linked into the new site) of size bytes, or of
// any size when size is negative; nil otherwise.
func openPublished(old string, size int64) io.ReadCloser {
	r, n, err := osfile.OpenRegular(old)
	if err != nil {
		return nil
	}
	if size >= 0 && n != size {
		r.Close()
		return nil
	}
	return r
}

// published compares the bytes written to it with those of a published
// file, read as they come.
type published struct {
	r    io.Reader
	same bool // every byte so far matched
}

func (c *published) Write(b []byte) (int, error) {
	buf := compareBuffers.Get().(*[64 << 10]byte)
	defer compareBuffers.Put(buf)
	for rest := b; c.same && len(rest) > 0; {
		n, err := io.ReadFull(c.r, buf[:min(len(buf), len(rest))])
		if err != nil || !bytes.Equal(buf[:n], rest[:n]) {
			c.same = false
		}
		rest = rest[n:]
	}
	return len(b), nil
}

// whole reports whether every byte written matched and the published file
// has no more.
func (c *published) whole() bool {
	if !c.same {
		return false
	}
	var one [1]byte
	_, err := io.ReadFull(c.r, one[:])
	return err == io.EOF
}
