//go:build unix

package build

import (
	"errors"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"

	"github.com/tablero/tablero/internal/diag"
)

// lockOut takes the lock on the output folder out: an flock on the file
// .NAME.lock beside it, held until unlock. A second build into the same
// folder fails at once rather than waiting: each would remove the other's
// staging folder, and a build that waits silently looks hung. The file
// stays (removing it would let two builds lock two different files); the
// lock goes with the process, so a killed build never leaves it taken.
func lockOut(out string) (unlock func(), err error) {
	name := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, outErr(out, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, diag.Errorf(out, 0, 0, "otra compilación está escribiendo en esta carpeta", "another build is writing into this folder").
				WithHint("espere a que termine y vuelva a construir", "wait for it to finish and build again")
		}
		return nil, outErr(out, err)
	}
	return func() { f.Close() }, nil // closing the file releases the lock
}

// checkWritable refuses a folder the build could swap away but not clear
// afterwards: its entries cannot be removed without write permission on
// it. Refusing before building keeps the folder as it was and the exit
// status true to it.
func checkWritable(out string) error {
	err := unix.Access(out, unix.W_OK)
	if err == nil || errors.Is(err, unix.ENOENT) {
		return nil
	}
	if errors.Is(err, unix.EACCES) {
		return diag.Errorf(out, 0, 0, "la carpeta es de solo lectura", "the folder is read-only").
			WithHint("dele permiso de escritura (chmod -R u+w %s) o elija otra carpeta con --out",
				"make it writable (chmod -R u+w %s) or choose another folder with --out", out)
	}
	return outErr(out, err)
}
