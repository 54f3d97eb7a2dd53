package build

import (
	"bytes"
	"crypto/sha256"
	"hash"
	"io"
	"io/fs"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
)

// bigFile is the CSV size from which a dataset is streamed instead of
// held: its rows are checked one by one and reduced to what the pages
// draw, so memory does not grow with the number of rows.
var bigFile int64 = 16 << 20

// isBig reports whether the data file is streamed. A workbook is
// compressed: its sheet as CSV is several times larger than the file.
func isBig(file string, size int64) bool {
	if dataset.IsWorkbook(file) {
		size *= 8
	}
	return size > bigFile
}

// reduce streams a big CSV through every check and keeps one row per
// combination of the columns the pages group or select by, with the sums
// of the columns they add up and the number of rows each stands for
// (dataset.Reduce).
//
// It also returns the SHA-256 of the bytes it read, which copyFrom checks
// when the file is published.
func reduce(fsys fs.FS, csvPath string, n *chart.Needs) (*dataset.Table, [32]byte, diag.List) {
	var sum [32]byte
	s, l := dataset.ReadSchema(fsys, csvPath) // also refuses a link out of the site
	if len(l) > 0 {
		return nil, sum, l
	}
	if n == nil {
		n = &chart.Needs{}
	}
	if n.AllRows {
		return nil, sum, diag.List{diag.Errorf(csvPath, 0, 0,
			"el archivo es demasiado grande para mostrar sus filas una por una", "the file is too large to show its rows one by one").
			WithHint(`use solo gráficos y tarjetas con aggregate = "sum" o "count" sobre este conjunto`,
				`use only charts and cards with aggregate = "sum" or "count" on this dataset`)}
	}
	h := sha256.New()
	t, l := dataset.Reduce(teeFS{fsys, csvPath, h}, csvPath, s, n.Keys, n.Values)
	if len(l) > 0 {
		return nil, sum, l
	}
	h.Sum(sum[:0])
	return t, sum, nil
}

// teeFS passes the bytes read from one file to a hash.
type teeFS struct {
	fs.FS
	name string
	h    hash.Hash
}

func (t teeFS) Open(name string) (fs.File, error) {
	f, err := t.FS.Open(name)
	if err != nil || name != t.name {
		return f, err
	}
	return teeFile{f, t.h}, nil
}

type teeFile struct {
	fs.File
	h hash.Hash
}

func (f teeFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.h.Write(p[:n])
	return n, err
}

// copyFrom returns a function that opens a source file, so a large download
// is streamed to the output instead of held in memory. It gives exactly the
// bytes the build checked, whose SHA-256 is sum: when the file changed
// since (an editor saved it during the build), reading it ends in an error
// instead of publishing figures the charts and the catalogue do not show.
func copyFrom(fsys fs.FS, name string, sum [32]byte) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return checkedFS{fsys, name, sum}.Open(name) }
}

// csvFrom is copyFrom for the CSV download of a streamed workbook: its
// sheet is written as CSV from the checked bytes.
func csvFrom(fsys fs.FS, name string, sum [32]byte) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return dataset.OpenCSV(checkedFS{fsys, name, sum}, name) }
}

// checkedFS opens one file through a checkedReader.
type checkedFS struct {
	fs.FS
	name string
	sum  [32]byte
}

func (c checkedFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil || name != c.name {
		return f, err
	}
	return &checkedReader{File: f, name: name, want: c.sum, h: sha256.New()}, nil
}

// checkedReader reads a file and fails at its end unless its bytes were
// the ones expected.
type checkedReader struct {
	fs.File
	name string
	want [32]byte
	h    hash.Hash
}

func (r *checkedReader) Read(p []byte) (int, error) {
	n, err := r.File.Read(p)
	r.h.Write(p[:n])
	if err == io.EOF && !bytes.Equal(r.h.Sum(nil), r.want[:]) {
		return n, diag.Errorf(r.name, 0, 0, "el archivo cambió mientras se construía el sitio", "the file changed while the site was being built").
			WithHint("vuelva a construir: solo se publica lo que se revisó", "build again: only what was checked is published")
	}
	return n, err
}
