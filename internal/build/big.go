package build

import (
	"bytes"
	"crypto/sha256"
	"hash"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
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
// of the columns they add up and the number of rows each stands for.
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
	index := map[string]int{}
	for i, c := range s.Columns {
		index[c.Name] = i
	}
	// The table keeps the whole schema (the catalogue lists every column);
	// its columns are only those kept.
	var reduced dataset.Schema
	var keys, values []int
	for _, name := range n.Keys {
		if i, ok := index[name]; ok {
			keys = append(keys, i)
			reduced.Columns = append(reduced.Columns, s.Columns[i])
		}
	}
	for _, name := range n.Values {
		if i, ok := index[name]; ok && !slices.Contains(n.Keys, name) {
			values = append(values, i)
			reduced.Columns = append(reduced.Columns, s.Columns[i])
		}
	}
	reduced.Columns = append(reduced.Columns, dataset.ColumnSpec{Name: chart.WeightColumn, Type: dataset.TypeInteger,
		Label: i18n.Text{ES: "Filas", EN: "Rows"}})
	t := &dataset.Table{Name: dataset.NameOf(csvPath), File: csvPath, Schema: s}
	for i := range reduced.Columns {
		c := &dataset.Column{Spec: &reduced.Columns[i]}
		if c.Spec.Numeric() {
			c.Num = []float64{}
		} else {
			c.Str = []string{}
		}
		t.Cols = append(t.Cols, c)
	}
	weight := t.Cols[len(t.Cols)-1]
	decimals := make([]int, len(values))
	var key strings.Builder
	h := sha256.New()
	l = dataset.Scan(teeFS{fsys, csvPath, h}, csvPath, s, func(r *dataset.Row) error {
		key.Reset()
		for _, i := range keys {
			if s.Columns[i].Numeric() {
				key.WriteString(strconv.FormatFloat(r.Num(i), 'g', -1, 64))
			} else {
				key.WriteString(r.Str(i))
			}
			key.WriteByte(0)
		}
		g, ok := index[key.String()]
		if !ok {
			g = t.Len()
			index[key.String()] = g
			t.Lines = append(t.Lines, r.Line)
			for j, i := range keys {
				if c := t.Cols[j]; c.Num != nil {
					c.Num = append(c.Num, r.Num(i))
				} else {
					c.Str = append(c.Str, r.Str(i))
				}
			}
			for j := range values {
				c := t.Cols[len(keys)+j]
				c.Num = append(c.Num, math.NaN())
			}
			weight.Num = append(weight.Num, 0)
		}
		for j, i := range values {
			c := t.Cols[len(keys)+j]
			if v := r.Num(i); !math.IsNaN(v) {
				if d := chart.DecimalsOf(v); d > decimals[j] {
					decimals[j] = d
				}
				if math.IsNaN(c.Num[g]) {
					c.Num[g] = v
				} else {
					c.Num[g] += v
				}
			}
		}
		weight.Num[g]++
		return nil
	})
	if len(l) > 0 {
		return nil, sum, l
	}
	h.Sum(sum[:0])
	for j := range values {
		c := t.Cols[len(keys)+j]
		for g, v := range c.Num {
			c.Num[g] = chart.RoundTo(v, decimals[j])
		}
	}
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
