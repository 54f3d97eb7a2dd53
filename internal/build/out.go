package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
)

// StampFile marks a folder as written by tablero. Every build writes it
// into the folder it publishes; a later build replaces a folder only when
// it finds the stamp (or the shape of an output of a version that wrote
// none, see isOldOutput), so that a mistyped --out never deletes someone's
// documents.
const StampFile = ".tablero-output"

const stampText = "This folder was written by tablero build. The next build replaces it whole.\n" +
	"Esta carpeta la escribió tablero build. La próxima compilación la reemplaza entera.\n"

// inputs are what a site's source is made of: an output may not be, hold,
// or lie inside any of them.
var inputs = []string{"content", dataset.Dir, "themes", "site.toml"}

// CheckOut refuses an output folder out that would replace the site whose
// source folder is source: the folder itself, a folder that holds it, or
// one of its inputs or a folder inside them. SOURCE/public, the default,
// is fine. What out holds is checked when the build starts (see
// newStaging), for every caller.
func CheckOut(source, out string) error {
	src, err := realPath(source)
	if err != nil {
		return outErr(out, err)
	}
	dst, err := realPath(out)
	if err != nil {
		return outErr(out, err)
	}
	hint := func(d diag.Diagnostic) diag.Diagnostic {
		return d.WithHint("elija una carpeta aparte para el sitio publicado, p. ej. --out %s",
			"choose a folder of its own for the published site, e.g. --out %s", filepath.Join(source, "public"))
	}
	switch {
	case dst == src:
		return hint(diag.Errorf("--out "+out, 0, 0, "es la carpeta del sitio: publicar allí borraría sus archivos",
			"is the site folder: publishing there would delete its files"))
	case within(src, dst):
		return hint(diag.Errorf("--out "+out, 0, 0, "contiene la carpeta del sitio (%s): publicar allí la borraría",
			"holds the site folder (%s): publishing there would delete it", source))
	}
	for _, in := range inputs {
		if p := filepath.Join(src, in); dst == p || within(dst, p) {
			return hint(diag.Errorf("--out "+out, 0, 0, "es parte de las fuentes del sitio (%s): publicar allí las borraría",
				"is part of the site's sources (%s): publishing there would delete them", in))
		}
	}
	return nil
}

// realPath returns p absolute, with the symbolic links of the part that
// exists resolved, so that two spellings of one folder compare equal.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether p lies strictly inside dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// checkTarget refuses to replace out unless it is missing, an empty folder
// or a previous output of tablero. A file, a symbolic link or a folder of
// other files is never deleted.
func checkTarget(out string) error {
	info, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return outErr(out, err)
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return diag.Errorf(out, 0, 0, "es un enlace simbólico: tablero no lo reemplaza", "is a symbolic link: tablero does not replace it").
			WithHint("indique con --out la carpeta a la que apunta", "give the folder it points to with --out")
	case !info.IsDir():
		return diag.Errorf(out, 0, 0, "es un archivo, no una carpeta", "is a file, not a folder").
			WithHint("tablero no borra archivos: elija otra carpeta con --out", "tablero does not delete files: choose another folder with --out")
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return outErr(out, err)
	}
	if len(entries) == 0 || isStamped(out) || isOldOutput(out) {
		return nil
	}
	return diag.Errorf(out, 0, 0, "la carpeta no está vacía y no la escribió tablero: publicar allí borraría lo que tiene",
		"the folder is not empty and was not written by tablero: publishing there would delete what it holds").
		WithHint("tablero reemplaza la carpeta entera: bórrela o vacíela si es un sitio publicado, o elija otra con --out",
			"tablero replaces the whole folder: remove or empty it if it is a published site, or choose another with --out")
}

func isStamped(out string) bool {
	info, err := os.Lstat(filepath.Join(out, StampFile))
	return err == nil && info.Mode().IsRegular()
}

// isOldOutput recognises a folder written by a tablero that did not stamp
// its output yet (DatACI's public/ before this version): index.html,
// robots.txt and the theme's hashed script at their places, and none of a
// site's inputs. A folder of documents or a site's source has none of
// these; the first build into it stamps it.
func isOldOutput(out string) bool {
	for _, f := range []string{"index.html", "robots.txt"} {
		if info, err := os.Lstat(filepath.Join(out, f)); err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	if m, _ := filepath.Glob(filepath.Join(out, "assets", "tablero.*.js")); len(m) == 0 {
		return false
	}
	for _, in := range inputs {
		if _, err := os.Lstat(filepath.Join(out, in)); err == nil && in != dataset.Dir {
			return false
		}
	}
	// data/ is in outputs too, but an output's holds no schemas.
	if m, _ := filepath.Glob(filepath.Join(out, dataset.Dir, "*.toml")); len(m) > 0 {
		return false
	}
	return true
}

// outErr explains a failure to write the output in both languages: a full
// disk and a read-only folder get their own message; anything else is
// named with the system's words.
func outErr(out string, err error) error {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	switch {
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT):
		return diag.Errorf(out, 0, 0, "no queda espacio en el disco para escribir el sitio", "no space left on the disk to write the site").
			WithHint("libere espacio y vuelva a construir; %s sigue como estaba", "free some space and build again; %s is as it was", out)
	case errors.Is(err, syscall.EROFS):
		return diag.Errorf(out, 0, 0, "el disco es de solo lectura", "the disk is read-only").
			WithHint("elija con --out una carpeta en un disco en que se pueda escribir", "choose with --out a folder on a disk that can be written")
	case errors.Is(err, fs.ErrPermission):
		return diag.Errorf(out, 0, 0, "no hay permiso para escribir aquí", "no permission to write here").
			WithHint("dé permiso de escritura a la carpeta y a la que la contiene (chmod -R u+w), o elija otra con --out",
				"make the folder and the one holding it writable (chmod -R u+w), or choose another with --out")
	}
	return diag.Errorf(out, 0, 0, "no se pudo escribir el sitio: %v", "cannot write the site: %v", err)
}
