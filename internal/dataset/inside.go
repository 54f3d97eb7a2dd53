package dataset

import (
	"io/fs"

	"github.com/tablero/tablero/internal/diag"
)

// InsideSite applies the rule data/ follows to any input of the site
// (pages, the theme, site.toml): name must be a valid path whose symbolic
// links, where fsys can tell, stay inside the site. The diagnostic names
// the file and says to copy it in instead of linking to it.
func InsideSite(fsys fs.FS, name string) (diag.Diagnostic, bool) { return checkPath(fsys, name) }
