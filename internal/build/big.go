package build

import (
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
func reduce(fsys fs.FS, csvPath string, n *chart.Needs) (*dataset.Table, diag.List) {
	s, l := dataset.ReadSchema(fsys, csvPath)
	if len(l) > 0 {
		return nil, l
	}
	if n == nil {
		n = &chart.Needs{}
	}
	if n.AllRows {
		return nil, diag.List{diag.Errorf(csvPath, 0, 0,
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
	l = dataset.Scan(fsys, csvPath, s, func(r *dataset.Row) error {
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
		return nil, l
	}
	for j := range values {
		c := t.Cols[len(keys)+j]
		for g, v := range c.Num {
			c.Num[g] = chart.RoundTo(v, decimals[j])
		}
	}
	return t, nil
}

// copyFrom returns a function that opens a source file, so a large download
// is streamed to the output instead of held in memory.
func copyFrom(fsys fs.FS, name string) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return fsys.Open(name) }
}

// csvFrom opens a dataset's data as CSV for its download: a workbook's
// sheet is written as CSV.
func csvFrom(fsys fs.FS, name string) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return dataset.OpenCSV(fsys, name) }
}
