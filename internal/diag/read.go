package diag

import (
	"errors"
	"io/fs"

	"github.com/tablero/tablero/internal/osfile"
)

// ReadError turns a failure to read file (site.toml, a page, a dataset,
// a file of the theme) into a diagnostic.
func ReadError(file string, err error) Diagnostic {
	if errors.Is(err, osfile.ErrNotRegular) {
		return Errorf(file, 0, 0, "no es un archivo sino, por ejemplo, una tubería con nombre (FIFO): leerlo no terminaría",
			"is not a file but, for instance, a named pipe (FIFO): reading it would never end").
			WithHint("bórrelo, o cámbielo por el archivo que debía ser", "remove it, or replace it with the file it was meant to be")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return Errorf(file, 0, 0, "no se pudo leer el archivo: %v", "could not read the file: %v", err)
}
