package dataset

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tablero/tablero/internal/diag"
)

// scanAll collects what Scan hands over, in the shape of a Table.
func scanAll(fsys fstest.MapFS, file string, schema *Schema) ([][]string, []int, diag.List) {
	var rows [][]string
	var lines []int
	l := Scan(fsys, file, schema, func(r *Row) error {
		var row []string
		for i := range r.Len() {
			if r.IsNull(i) {
				row = append(row, "")
			} else if !math.IsNaN(r.Num(i)) {
				row = append(row, fmt.Sprint(r.Num(i)))
			} else {
				row = append(row, r.Str(i))
			}
		}
		rows = append(rows, row)
		lines = append(lines, r.Line)
		return nil
	})
	return rows, lines, l
}

// tableRows renders a table in the shape scanAll returns.
func tableRows(tb *Table) [][]string {
	var rows [][]string
	for i := range tb.Len() {
		var row []string
		for _, c := range tb.Cols {
			if c.IsNull(i) {
				row = append(row, "")
			} else if c.Num != nil {
				row = append(row, fmt.Sprint(c.Num[i]))
			} else {
				row = append(row, c.Str[i])
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func TestScanMatchesLoad(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range []string{"excel", "latin1", "multiline"} {
		for _, ext := range []string{".csv", ".toml"} {
			fsys[name+ext] = &fstest.MapFile{Data: must(os.ReadFile("testdata/" + name + ext))}
		}
	}
	fsys["d.toml"] = &fstest.MapFile{Data: []byte(baseSchema)}
	fsys["d.csv"] = &fstest.MapFile{Data: []byte(baseHeader + "CA;2022;1.234,5;7;5%;Servicios;2024-01-31;https://x.org;hola\n" +
		"CO;2022;x;;;;;;\nCO;2022;;;;;;;\nCO;2022;;;;;;;\n")}
	for _, file := range []string{"excel.csv", "latin1.csv", "multiline.csv", "d.csv"} {
		tb, ll := Load(fsys, file)
		rows, lines, sl := scanAll(fsys, file, nil)
		if short(ll) != short(sl) {
			t.Errorf("%s: Load says\n%sScan says\n%s", file, short(ll), short(sl))
		}
		if tb != nil && (fmt.Sprint(tableRows(tb)) != fmt.Sprint(rows) || fmt.Sprint(tb.Lines) != fmt.Sprint(lines)) {
			t.Errorf("%s: Load rows %q %v, Scan rows %q %v", file, tableRows(tb), tb.Lines, rows, lines)
		}
	}
}

func TestScanLarge(t *testing.T) {
	// Enough rows for the kept text to be released and compacted, with an
	// error far down and accents before it on the line.
	var b strings.Builder
	b.WriteString("ciudad;valor\n")
	n := 50000
	for i := range n {
		fmt.Fprintf(&b, "Medellín %d;%d,5\n", i, i)
	}
	b.WriteString("Bogotá;1.5\n")
	fsys := fstest.MapFS{
		"big.csv":  {Data: []byte(b.String())},
		"big.toml": {Data: []byte("decimal = \",\"\n[[columns]]\nname = \"ciudad\"\ntype = \"text\"\n[[columns]]\nname = \"valor\"\ntype = \"number\"\n")},
	}
	count := 0
	l := Scan(fsys, "big.csv", nil, func(r *Row) error {
		if r.Line != count+2 || r.Num(1) != float64(count)+0.5 || r.Str(0) != fmt.Sprintf("Medellín %d", count) {
			return fmt.Errorf("row %d: line %d %v %q", count, r.Line, r.Num(1), r.Str(0))
		}
		count++
		return nil
	})
	want := fmt.Sprintf(`big.csv:%d:8: column "valor": value "1.5" is not a number (expected decimal comma, e.g. 1234,5)`+"\n", n+2)
	if short(l) != want || count != n {
		t.Errorf("count %d, got:\n%swant:\n%s", count, short(l), want)
	}
}

func TestScanCallback(t *testing.T) {
	schema := &Schema{Columns: []ColumnSpec{{Name: "v", Type: TypeInteger}}}
	fsys := fstest.MapFS{"x.csv": {Data: []byte("v\n1\n2\n3\n")}}
	n := 0
	l := Scan(fsys, "x.csv", schema, func(r *Row) error {
		n++
		if r.Num(0) == 2 {
			return ErrStop
		}
		return nil
	})
	if len(l) != 0 || n != 2 {
		t.Errorf("ErrStop: %d rows, %v", n, l)
	}
	l = Scan(fsys, "x.csv", schema, func(r *Row) error {
		if r.Num(0) == 2 {
			return errors.New("boom")
		}
		return nil
	})
	if short(l) != "x.csv:3: boom\n" {
		t.Errorf("error: %s", short(l))
	}
	l = Scan(fsys, "x.csv", schema, func(r *Row) error {
		return diag.Errorf("x.csv", r.Line, 1, "malo", "bad")
	})
	if short(l) != "x.csv:2:1: bad\n" {
		t.Errorf("diagnostic: %s", short(l))
	}
	if schema.File != "" {
		t.Error("Scan must not modify the caller's schema")
	}
	// A schema built in code is checked too, and its errors point at the
	// schema file beside the CSV.
	l = Scan(fsys, "x.csv", &Schema{Columns: []ColumnSpec{{Name: "v", Type: "nmber"}}}, nil)
	if short(l) != `x.toml: column "v": unknown type "nmber"`+"\n" {
		t.Errorf("bad schema: %s", short(l))
	}
	l = Scan(fsys, "missing.csv", schema, nil)
	if len(l) != 1 || l[0].File != "missing.csv" {
		t.Errorf("missing file: %s", short(l))
	}
}

func TestScanStopsCallingAfterError(t *testing.T) {
	schema := &Schema{Columns: []ColumnSpec{{Name: "v", Type: TypeInteger}}}
	fsys := fstest.MapFS{"x.csv": {Data: []byte("v\n1\nx\n3\ny\n")}}
	var seen []float64
	l := Scan(fsys, "x.csv", schema, func(r *Row) error {
		seen = append(seen, r.Num(0))
		return nil
	})
	if len(l) != 2 || fmt.Sprint(seen) != "[1]" {
		t.Errorf("seen %v\n%s", seen, short(l))
	}
}
