package serve

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/tablero/tablero/internal/dataset"
)

// trees are the folders of a site whose every change matters. At the root
// only site.toml and these folders are watched: never public/.
var trees = []string{"content", dataset.Dir, "themes"}

// allChanged stands for "anything may have changed" after the watcher lost
// events.
const allChanged = "…"

// watcher turns file system events under a site's inputs into the slash
// paths, relative to the site, of what changed. fsnotify is not recursive:
// it watches the root and every folder of the trees, and adds folders as
// they appear. Folders are watched rather than files because editors and
// Excel save by writing a temporary file and renaming it over the old one.
type watcher struct {
	root string
	fw   *fsnotify.Watcher
	dirs map[string]bool // watched folders, slash paths relative to root; only run touches it after newWatcher
}

func newWatcher(root string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fw: fw, dirs: map[string]bool{}}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, t := range trees {
		if err := w.addTree(t); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *watcher) close() { w.fw.Close() }

// addTree watches the folder rel and every folder under it, except those
// skipDir names. A folder that does not exist is not an error: the root's
// watch sees it appear.
func (w *watcher) addTree(rel string) error {
	start := filepath.Join(w.root, filepath.FromSlash(rel))
	return filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
				return nil // gone meanwhile, or unreadable: nothing to watch
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		r, err := filepath.Rel(w.root, p)
		if err != nil {
			return err
		}
		r = filepath.ToSlash(r)
		if skipDir(r) {
			return filepath.SkipDir
		}
		if err := w.fw.Add(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		w.dirs[r] = true
		return nil
	})
}

// forget drops the folder rel and those under it after it was removed or
// renamed; fsnotify only forgets the folder itself.
func (w *watcher) forget(rel string) {
	for d := range w.dirs {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			delete(w.dirs, d)
			w.fw.Remove(filepath.Join(w.root, filepath.FromSlash(d))) // may be gone already
		}
	}
}

// run sends the changed paths to out until ctx is done or the watcher is
// closed. Problems that do not stop watching go to warn.
func (w *watcher) run(ctx context.Context, out chan<- string, warn func(error)) {
	send := func(p string) bool {
		select {
		case out <- p:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			warn(err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: watch every folder again, rebuild.
				for _, t := range trees {
					if err := w.addTree(t); err != nil {
						warn(err)
					}
				}
				if !send(allChanged) {
					return
				}
			}
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			p, ok := w.handle(ev, warn)
			if ok && !send(p) {
				return
			}
		}
	}
}

// handle updates the watches after ev and reports the path it changed,
// if it is an input of the site.
func (w *watcher) handle(ev fsnotify.Event, warn func(error)) (string, bool) {
	if !ev.Has(fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename) {
		return "", false // chmod only: touch, antivirus, backups
	}
	r, err := filepath.Rel(w.root, ev.Name)
	if err != nil {
		return "", false
	}
	rel := filepath.ToSlash(r)
	isDir := w.dirs[rel]
	if ev.Has(fsnotify.Create) && !isDir {
		fi, err := os.Stat(ev.Name)
		isDir = err == nil && fi.IsDir()
	}
	if !relevant(rel, isDir) {
		return "", false
	}
	if ev.Has(fsnotify.Remove | fsnotify.Rename) {
		w.forget(rel)
	}
	if isDir && ev.Has(fsnotify.Create) {
		// A new folder (or one renamed into place): watch it and what it
		// holds. Files written before the watch are picked up by the
		// rebuild this event triggers.
		if err := w.addTree(rel); err != nil {
			warn(err)
		}
	}
	return rel, true
}

// relevant reports whether a change to rel, a slash path relative to the
// site, can change the site: site.toml, the folders of the trees, pages
// (content/**/*.md), datasets (data/*.csv and data/*.toml) and anything in
// a theme, but never a temporary file. Filtering by name keeps the log
// free of the temporary files editors, Excel and sed write before renaming.
func relevant(rel string, isDir bool) bool {
	top, rest, nested := strings.Cut(rel, "/")
	if !nested {
		if isDir {
			return slices.Contains(trees, rel)
		}
		return rel == "site.toml"
	}
	if !slices.Contains(trees, top) {
		return false
	}
	for dir := path.Dir(rel); dir != top; dir = path.Dir(dir) {
		if skipDir(dir) {
			return false
		}
	}
	name := path.Base(rel)
	if isDir {
		return !skipDir(rel)
	}
	if tempFile(name) {
		return false
	}
	ext := strings.ToLower(path.Ext(name))
	switch top {
	case "content":
		return ext == ".md"
	case dataset.Dir:
		return !strings.Contains(rest, "/") && (ext == ".csv" || ext == ".toml" || ext == ".xlsx" || ext == ".xlsm")
	}
	return true
}

// skipDir reports whether the folder rel is left unwatched: hidden folders,
// node_modules, and the build folders of a theme's vendoring scripts (which
// the theme loader skips too).
func skipDir(rel string) bool {
	name := path.Base(rel)
	if strings.HasPrefix(name, ".") || name == "node_modules" {
		return true
	}
	return name == "build" && strings.HasPrefix(rel, "themes/")
}

// tempFile reports whether name is an editor's or Excel's temporary or
// lock file, whose changes are never the ones to rebuild for.
func tempFile(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), // .#emacs locks, .~lock.LibreOffice#, .swp of hidden files
		strings.HasPrefix(name, "~"), // ~$book.xlsx: Excel and Word locks
		strings.HasSuffix(name, "~"), // backups: page.md~
		name == "4913",               // vim checks it can write the folder with this file
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".swp", ".swo", ".swx", ".tmp", ".crswap":
		return true
	}
	return excelTemp(name)
}

// excelTemp matches the names Excel gives the file it writes before
// renaming it over the workbook: eight hexadecimal digits, no extension.
func excelTemp(name string) bool {
	if len(name) != 8 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// batch collects changed paths from in and sends each burst to out as one
// sorted list, once no change came for quiet, or at the latest maxWait
// after the first change of the burst so that a file written continuously
// still gets previewed. While out is not ready (a build is running) it
// keeps collecting, so a burst during a build makes one more build.
func batch(ctx context.Context, in <-chan string, out chan<- []string, quiet, maxWait time.Duration) {
	pending := map[string]bool{}
	var (
		ready []string        // the burst, once it is time to send it
		send  chan<- []string // out when ready, else nil (blocks)
		first time.Time
	)
	timer := time.NewTimer(quiet)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case p := <-in:
			if len(pending) == 0 {
				first = time.Now()
			}
			pending[p] = true
			// A burst is over only after a silence: an editor saving by
			// rename is briefly without the file.
			ready, send = nil, nil
			if wait := maxWait - time.Since(first); wait > 0 {
				timer.Reset(min(quiet, wait))
			} else {
				ready, send = slices.Sorted(maps.Keys(pending)), out
			}
		case <-timer.C:
			if len(pending) > 0 {
				ready, send = slices.Sorted(maps.Keys(pending)), out
			}
		case send <- ready:
			clear(pending)
			ready, send = nil, nil
		}
	}
}
