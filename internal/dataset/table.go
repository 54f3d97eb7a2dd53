package dataset

import (
	"math"
	"strconv"
	"sync"
)

// Table is a dataset read and checked against its schema. Values are held
// per column: numeric columns in Num (NaN where the cell is empty), the others
// in Str ("" where empty).
type Table struct {
	Name   string // file name without extension, e.g. "ied_history"
	File   string // slash path of the CSV relative to the site source
	Schema *Schema
	Cols   []*Column // in the schema's order
	Lines  []int     // the CSV line each row starts on
	Raw    []byte    // the CSV as read, for the download (BOM removed)
	// Workbook is the Excel workbook as read, for its download, when the
	// dataset is one (Raw is then its sheet written as CSV).
	Workbook []byte

	broken  bool          // ReadCells found problems
	prev    *Table        // an earlier version whose rows ReadCells may reuse (ReuseRows)
	reused  int           // how many rows ReadCells took from prev, for tests
	read    chan struct{} // closed once ReadCells is done, for a table from Open
	summary summary
}

// summary is what the data index says of a table, counted once: Years
// and SourceRows.
type summary struct {
	once        sync.Once
	first, last int
	ok          bool
	sourceRows  int
}

// Broken reports whether the table's cells could not be read: ReadCells
// reported problems, and the table has no cells.
func (t *Table) Broken() bool { return t.broken }

// Release lets go of the columns, in a build that is done with their
// cells; what the data index says of the table stays: its schema, its
// rows' lines (Len), SourceRows and Years. At 10,000 datasets the columns
// kept were some 6 MB of the heap at the end of the render. Col finds no
// column afterwards.
func (t *Table) Release() {
	t.summarize()
	t.Cols = nil
}

// WaitCells waits, for a table from Open, until ReadCells is done: what
// the data index says of a dataset (its rows and years) and its download
// can be written while the pages that read the cells render, each dataset
// once read.
func (t *Table) WaitCells() {
	if t.read != nil {
		<-t.read
	}
}

// Years returns the first and last year the table's year and date columns
// cover; ok is false when it has none. For a table from Open, it waits
// until ReadCells is done.
func (t *Table) Years() (first, last int, ok bool) {
	y := t.summarize()
	return y.first, y.last, y.ok
}

// SourceRows is how many rows the dataset's file has, also when the table
// holds a reduction of it. For a table from Open, it waits until ReadCells
// is done.
func (t *Table) SourceRows() int { return t.summarize().sourceRows }

// summarize counts the table's years and source rows, once its cells are
// read, so that they stay known once Release let go of the columns (the
// data index asks for them on a core of its own meanwhile).
func (t *Table) summarize() *summary {
	t.WaitCells()
	y := &t.summary
	y.once.Do(func() {
		y.sourceRows = t.Len()
		if w := t.Col(WeightColumn); w != nil {
			n := 0.0
			for _, v := range w.Num {
				n += v
			}
			y.sourceRows = int(n)
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, c := range t.Cols {
			switch c.Spec.Type {
			case TypeYear:
				for _, v := range c.Num {
					if !math.IsNaN(v) {
						lo, hi = min(lo, v), max(hi, v)
					}
				}
			case TypeDate:
				for _, v := range c.Str {
					if y, err := strconv.Atoi(v[:min(4, len(v))]); err == nil && len(v) >= 4 {
						lo, hi = min(lo, float64(y)), max(hi, float64(y))
					}
				}
			}
		}
		if !math.IsInf(lo, 1) {
			y.first, y.last, y.ok = int(lo), int(hi), true
		}
	})
	return y
}

// Download returns the CSV as the site publishes it: Raw with every cell a
// spreadsheet would take for a formula neutralised (see NeutralizeCSV);
// Raw itself when there is none. It is nil for a table read with Scan.
func (t *Table) Download() []byte {
	if t.Raw == nil {
		return nil
	}
	return NeutralizeCSV(t.Raw, t.Delimiter())
}

// Delimiter returns the separator the schema declares, or 0 when it is
// detected from the header line.
func (t *Table) Delimiter() rune {
	if t.Schema == nil {
		return 0
	}
	for _, r := range t.Schema.Delimiter {
		return r
	}
	return 0
}

// Column is one column's values.
type Column struct {
	Spec *ColumnSpec
	Num  []float64
	Str  []string

	// The rows of each value, built on first use by RowsOf: pages
	// generated from a dataset each select their value's rows, and a scan
	// of every row per block made that O(rows × pages).
	index   sync.Once
	strRows map[string][]int
	numRows map[float64][]int

	// The decimals of each figure, counted on first use by DecimalsAt: a
	// sum is rounded back to its figures' decimals, and each chart of a
	// dataset, and each filter's version of it, counted them again.
	decimalsOnce sync.Once
	decimals     []uint16 // up to 324 (5e-324)
}

// DecimalsAt returns DecimalsOf the figure in row r of a numeric column.
func (c *Column) DecimalsAt(r int) int {
	c.decimalsOnce.Do(func() {
		c.decimals = make([]uint16, len(c.Num))
		for i, v := range c.Num {
			if v == v { // NaN is a missing figure
				c.decimals[i] = uint16(DecimalsOf(v))
			}
		}
	})
	return int(c.decimals[r])
}

// RowsOf returns the rows of c, in order, whose cell is s (a text column)
// or equals n (a numeric column, where a missing figure matches nothing). The
// caller must not change the slice.
func (c *Column) RowsOf(s string, n float64) []int {
	c.index.Do(func() {
		if c.Num != nil {
			c.numRows = map[float64][]int{}
			for i, v := range c.Num {
				if v == v { // NaN is a missing figure
					c.numRows[v] = append(c.numRows[v], i)
				}
			}
			return
		}
		c.strRows = map[string][]int{}
		for i, v := range c.Str {
			c.strRows[v] = append(c.strRows[v], i)
		}
	})
	if c.Num != nil {
		return c.numRows[n]
	}
	return c.strRows[s]
}

// Len returns the number of rows.
func (t *Table) Len() int { return len(t.Lines) }

// Col returns the column called name, or nil.
func (t *Table) Col(name string) *Column {
	for _, c := range t.Cols {
		if c.Spec.Name == name {
			return c
		}
	}
	return nil
}

// ColumnNames lists the schema's column names in order.
func (t *Table) ColumnNames() []string {
	names := make([]string, len(t.Cols))
	for i, c := range t.Cols {
		names[i] = c.Spec.Name
	}
	return names
}

// IsNull reports whether row i of c is empty.
func (c *Column) IsNull(i int) bool {
	if c.Num != nil {
		return math.IsNaN(c.Num[i])
	}
	return c.Str[i] == ""
}

// Text returns row i as the text of its cell, numbers written plainly
// (decimal point, no grouping) with the column's decimals.
func (c *Column) Text(i int) string {
	if c.Num == nil {
		return c.Str[i]
	}
	if math.IsNaN(c.Num[i]) {
		return ""
	}
	return strconv.FormatFloat(c.Num[i], 'f', c.Decimals(), 64)
}

// Decimals is the number of decimals a figure of c is shown with: the
// schema's choice, or -1 for "as many as the figure has", so that nothing
// written in the source is rounded away.
func (c *Column) Decimals() int {
	if c.Spec.Decimals != nil {
		return *c.Spec.Decimals
	}
	if c.Spec.Type == TypeInteger || c.Spec.Type == TypeYear {
		return 0
	}
	return -1
}
