package dataset

import (
	"testing"
	"testing/fstest"
)

const cellsSchema = `title = "Prueba"

[[columns]]
name = "anio"
type = "year"

[[columns]]
name = "fecha"
type = "date"

[[columns]]
name = "monto"
type = "number"
`

// TestOpenThenReadCells reads a dataset in two steps, as a build does: the
// schema first, the cells when a page draws them. The table is Load's, and
// once released it still answers what the data index asks (rows, years).
func TestOpenThenReadCells(t *testing.T) {
	fsys := fstest.MapFS{
		"data/d.toml": {Data: []byte(cellsSchema)},
		"data/d.csv":  {Data: []byte("anio,fecha,monto\n2019,2021-03-01,1.5\n2020,,2\n,1998-12-31,\n")},
	}
	loaded, l := Load(fsys, "data/d.csv")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	opened, l := Open(fsys, "data/d.csv")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	if opened.Schema.Title.In("es") != "Prueba" || opened.Len() != 0 || opened.Cols != nil {
		t.Fatalf("Open: title %q, %d rows, %d columns; want the schema and no cells", opened.Schema.Title.In("es"), opened.Len(), len(opened.Cols))
	}
	if l := opened.ReadCells(fsys); len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	if opened.Broken() || opened.Len() != loaded.Len() || string(opened.Raw) != string(loaded.Raw) {
		t.Fatalf("ReadCells: %d rows, broken %v; Load: %d rows", opened.Len(), opened.Broken(), loaded.Len())
	}
	for i, c := range loaded.Cols {
		for r := range loaded.Len() {
			if got, want := opened.Cols[i].Text(r), c.Text(r); got != want {
				t.Errorf("%s row %d: %q after ReadCells, %q after Load", c.Spec.Name, r, got, want)
			}
		}
	}

	opened.Release()
	if first, last, ok := opened.Years(); !ok || first != 1998 || last != 2021 {
		t.Errorf("years after Release: %d–%d (%v), want 1998–2021 from the year and date columns", first, last, ok)
	}
	if opened.Len() != 3 || opened.SourceRows() != 3 {
		t.Errorf("after Release: %d rows, %d in the file; want 3", opened.Len(), opened.SourceRows())
	}
	if opened.Cols != nil || opened.Col("monto") != nil {
		t.Error("Release kept the columns")
	}
}

// TestReadCellsBroken: a CSV with a bad cell is reported as Load reports
// it, and leaves a table marked Broken, without cells.
func TestReadCellsBroken(t *testing.T) {
	fsys := fstest.MapFS{
		"data/d.toml": {Data: []byte(cellsSchema)},
		"data/d.csv":  {Data: []byte("anio,fecha,monto\n2019,2021-03-01,muchos\n")},
	}
	_, want := Load(fsys, "data/d.csv")
	tb, l := Open(fsys, "data/d.csv")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	got := tb.ReadCells(fsys)
	if len(want) == 0 || got.Format("en") != want.Format("en") {
		t.Fatalf("ReadCells reported\n%s\nLoad reported\n%s", got.Format("en"), want.Format("en"))
	}
	if !tb.Broken() || tb.Cols != nil || tb.Len() != 0 {
		t.Errorf("broken %v, %d columns, %d rows; want a broken table without cells", tb.Broken(), len(tb.Cols), tb.Len())
	}
}
