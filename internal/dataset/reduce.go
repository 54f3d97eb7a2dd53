package dataset

import (
	"bytes"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

// WeightColumn is the column a reduced dataset adds: how many rows of the
// source each of its rows stands for. Counting uses it instead of 1 (see
// Table.Weight); a table that was not reduced has no such column.
const WeightColumn = "__rows"

// Reduce streams the dataset at csvPath, whose schema is s, through every
// check (as Scan) and keeps one row per combination of the columns keys,
// with the sums of the numeric columns values and, in WeightColumn, the
// number of rows each stands for. Names that are not columns of s are
// ignored. The table keeps the whole schema (the catalogue lists every
// column); its columns are only those kept. Sums are rounded to the most
// decimals their figures have, so that the total does not depend on the
// order of the rows.
func Reduce(fsys fs.FS, csvPath string, s *Schema, keys, values []string) (*Table, diag.List) {
	index := map[string]int{}
	for i, c := range s.Columns {
		index[c.Name] = i
	}
	var reduced Schema
	var keyCols, valCols []int
	for _, name := range keys {
		if i, ok := index[name]; ok {
			keyCols = append(keyCols, i)
			reduced.Columns = append(reduced.Columns, s.Columns[i])
		}
	}
	for _, name := range values {
		if i, ok := index[name]; ok && !slices.Contains(keys, name) {
			valCols = append(valCols, i)
			reduced.Columns = append(reduced.Columns, s.Columns[i])
		}
	}
	reduced.Columns = append(reduced.Columns, ColumnSpec{Name: WeightColumn, Type: TypeInteger,
		Label: i18n.Text{ES: "Filas", EN: "Rows"}})
	t := &Table{Name: NameOf(csvPath), File: csvPath, Schema: s}
	for i := range reduced.Columns {
		c := &Column{Spec: &reduced.Columns[i]}
		if c.Spec.Numeric() {
			c.Num = []float64{}
		} else {
			c.Str = []string{}
		}
		t.Cols = append(t.Cols, c)
	}
	weight := t.Cols[len(t.Cols)-1]
	decimals := make([]int, len(valCols))
	groups := map[string]int{} // the key columns' values → row of t
	var key strings.Builder
	l := Scan(fsys, csvPath, s, func(r *Row) error {
		key.Reset()
		for _, i := range keyCols {
			if s.Columns[i].Numeric() {
				key.WriteString(strconv.FormatFloat(r.Num(i), 'g', -1, 64))
			} else {
				key.WriteString(r.Str(i))
			}
			key.WriteByte(0)
		}
		g, ok := groups[key.String()]
		if !ok {
			g = t.Len()
			groups[key.String()] = g
			t.Lines = append(t.Lines, r.Line)
			for j, i := range keyCols {
				if c := t.Cols[j]; c.Num != nil {
					c.Num = append(c.Num, r.Num(i))
				} else {
					c.Str = append(c.Str, r.Str(i))
				}
			}
			for j := range valCols {
				c := t.Cols[len(keyCols)+j]
				c.Num = append(c.Num, math.NaN())
			}
			weight.Num = append(weight.Num, 0)
		}
		for j, i := range valCols {
			c := t.Cols[len(keyCols)+j]
			if v := r.Num(i); !math.IsNaN(v) {
				if d := DecimalsOf(v); d > decimals[j] {
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
	for j := range valCols {
		c := t.Cols[len(keyCols)+j]
		for g, v := range c.Num {
			c.Num[g] = RoundTo(v, decimals[j])
		}
	}
	return t, nil
}

// Weight is how many source rows row r stands for: 1, or more in a table
// made by Reduce.
func (t *Table) Weight(r int) float64 {
	if w := t.Col(WeightColumn); w != nil {
		return w.Num[r]
	}
	return 1
}

// DecimalsOf counts the decimals of v written in its shortest form.
func DecimalsOf(v float64) int {
	var buf [32]byte // written on the stack: a chart's sum asks for every figure
	s := strconv.AppendFloat(buf[:0], v, 'f', -1, 64)
	if i := bytes.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// RoundTo rounds v to d decimals. A sum of figures with at most d decimals
// has at most d decimals itself; rounding drops the binary noise of the
// additions (0.1 + 0.2 = 0.30000000000000004) and gives the exact total
// whatever order the figures were added in.
func RoundTo(v float64, d int) float64 {
	if math.IsNaN(v) {
		return v
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', d, 64), 64)
	return r
}
