//go:build !unix

package osfile

import (
	"io"
	"io/fs"
	"os"
)

// direct tells Dir to read with ReadFile, not through os.DirFS.
const direct = false

// ReadFile reads the file name whole: os.ReadFile.
func ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// WriteFile writes data to the file name: os.WriteFile.
func WriteFile(name string, data []byte, perm fs.FileMode) error {
	return os.WriteFile(name, data, perm)
}

// OpenRegular opens name for reading when it is a regular file and not a
// symbolic link, and returns it with its size.
func OpenRegular(name string) (io.ReadCloser, int64, error) {
	info, err := os.Lstat(name)
	if err != nil {
		return nil, 0, err
	}
	if !info.Mode().IsRegular() {
		return nil, 0, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, err
	}
	return f, info.Size(), nil
}
