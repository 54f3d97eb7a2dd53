package dataset

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// rereadSchema declares no key, so that rows can be reused.
const rereadSchema = `[[columns]]
name = "anio"
type = "year"

[[columns]]
name = "lugar"
type = "text"

[[columns]]
name = "monto"
type = "number"

[[columns]]
name = "nota"
type = "text"
`

// rereadCSV has quoted values, one over two lines, and a blank line.
const rereadCSV = "anio,lugar,monto,nota\n" +
	"2020,Lugar 1,1.5,\n" +
	"2021,\"Lugar, 2\",2,\"dos\nlíneas\"\n" +
	"2022,Lugar 3,3,tres\n" +
	"\n" +
	"2023,Lugar 4,4,\"con \"\"comillas\"\"\"\n" +
	"2024,Lugar 5,5,cinco\n" +
	"2025,Lugar 6,,seis\n" +
	"2026,Lugar 7,7,siete\n"

// rereadAgainstWhole reads next after prev, reusing prev's rows, and fails
// unless that gives exactly what reading next whole gives: the same rows,
// lines, text and diagnostics. It returns how many rows were reused, or
// -1 when prev itself does not read cleanly.
func rereadAgainstWhole(t *testing.T, schema, prev, next string) int {
	t.Helper()
	fsysOf := func(csv string) fstest.MapFS {
		return fstest.MapFS{"d.toml": {Data: []byte(schema)}, "d.csv": {Data: []byte(csv)}}
	}
	old, l := Load(fsysOf(prev), "d.csv")
	if len(l) > 0 {
		return -1
	}
	want, wl := Load(fsysOf(next), "d.csv")
	got, l := Open(fsysOf(next), "d.csv")
	if len(l) > 0 {
		t.Fatalf("Open: %v", l)
	}
	got.ReuseRows(old)
	gl := got.ReadCells(fsysOf(next))
	if short(gl) != short(wl) {
		t.Fatalf("after %q, reading %q\nreusing rows says\n%s\nreading whole says\n%s", prev, next, short(gl), short(wl))
	}
	if want == nil {
		return got.reused
	}
	if g, w := fmt.Sprint(tableRows(got)), fmt.Sprint(tableRows(want)); g != w {
		t.Fatalf("after %q, reading %q\nreusing rows gives %s\nreading whole gives %s", prev, next, g, w)
	}
	if !slices.Equal(got.Lines, want.Lines) || string(got.Raw) != string(want.Raw) {
		t.Fatalf("after %q, reading %q\nreusing rows gives lines %v\nreading whole gives %v", prev, next, got.Lines, want.Lines)
	}
	return got.reused
}

func TestReuseRows(t *testing.T) {
	lines := strings.SplitAfter(rereadCSV, "\n")
	join := func(l ...string) string { return strings.Join(l, "") }
	// The row where the change starts is read again, and so is the row
	// the unchanged end starts in: 6 of 7 rows are reused for an edit
	// inside one row.
	tests := []struct {
		name   string
		next   string
		reused int
	}{
		{"a figure in the middle", strings.Replace(rereadCSV, "2024,Lugar 5,5,", "2024,Lugar 5,55.25,", 1), 6},
		{"a blank line at the end", rereadCSV + "\n", 6},
		{"a row added in the middle", join(join(lines[:6]...), "2030,Nuevo,1,\n", join(lines[6:]...)), 6},
		{"a row deleted", join(join(lines[:6]...), join(lines[7:]...)), 5},
		{"a row added at the end", rereadCSV + "2040,Último,9,\n", 6},
		{"the last row without its line break", strings.TrimSuffix(rereadCSV, "\n"), 6},
		{"the first row", strings.Replace(rereadCSV, "2020,Lugar 1,1.5", "2020,Lugar 1,1.75", 1), 6},
		{"inside the value over two lines", strings.Replace(rereadCSV, "dos\nlíneas", "dos\nlíneas y más", 1), 6},
		{"a value broken over two lines", strings.Replace(rereadCSV, "Lugar 5,5,cinco", "Lugar 5,5,\"cin\nco\"", 1), 6},
		{"the blank line removed", strings.Replace(rereadCSV, "tres\n\n", "tres\n", 1), 5},
		{"the header", strings.Replace(rereadCSV, "anio,lugar", "anio,lugar ", 1), 0},
		// A quote left open runs on into the rows after it: the whole
		// file is read, and its error is the whole read's.
		{"a quote left open", strings.Replace(rereadCSV, "Lugar 5,5,cinco", "Lugar 5,5,\"cinco", 1), 0},
		{"a bad figure", strings.Replace(rereadCSV, "2024,Lugar 5,5,", "2024,Lugar 5,5x,", 1), 0},
		{"two rows joined", strings.Replace(rereadCSV, "cinco\n2025", "cinco2025", 1), 0},
		{"the same text", rereadCSV, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rereadAgainstWhole(t, rereadSchema, rereadCSV, tt.next); got != tt.reused {
				t.Errorf("reused %d rows, want %d", got, tt.reused)
			}
		})
	}
}

// TestReuseRowsRandomEdits holds reading with reused rows to reading whole
// over thousands of random edits of texts with quotes, line breaks inside
// values, blank lines and CRLF endings, with and without a key: quotes,
// line breaks and separators are what the edits write most.
func TestReuseRowsRandomEdits(t *testing.T) {
	bases := []string{rereadCSV, strings.ReplaceAll(rereadCSV, "\n", "\r\n"), strings.ReplaceAll(rereadCSV, ",", ";")}
	const alphabet = "\"\"\n\n\r,,;  12.x"
	rng := rand.New(rand.NewPCG(1, 2))
	reused := 0
	for i := range 4000 {
		base := bases[i%len(bases)]
		next := []byte(base)
		for range 1 + rng.IntN(3) {
			at := rng.IntN(len(next) + 1)
			switch rng.IntN(3) {
			case 0: // insert
				next = slices.Insert(next, at, alphabet[rng.IntN(len(alphabet))])
			case 1: // delete
				if at < len(next) {
					next = slices.Delete(next, at, at+1)
				}
			default: // replace
				if at < len(next) {
					next[at] = alphabet[rng.IntN(len(alphabet))]
				}
			}
		}
		schema := rereadSchema
		if i%2 == 1 {
			schema = "key = [\"anio\"]\n" + rereadSchema
		}
		if n := rereadAgainstWhole(t, schema, base, string(next)); n > 0 {
			reused++
		}
	}
	// The edits must often leave rows to reuse, or this tests nothing.
	if reused < 1000 {
		t.Fatalf("rows were reused after %d edits of 4000", reused)
	}
}

// TestReuseRowsOnlyFromACleanSameSchema checks when an earlier version
// must not serve, and that a key is checked across kept and changed rows.
func TestReuseRowsOnlyFromACleanSameSchema(t *testing.T) {
	next := strings.Replace(rereadCSV, "2024,Lugar 5,5,", "2024,Lugar 5,6,", 1)
	keyed := "key = [\"anio\", \"lugar\"]\n" + rereadSchema
	if n := rereadAgainstWhole(t, keyed, rereadCSV, next); n != 6 {
		t.Errorf("a schema with a key: reused %d rows, want 6", n)
	}
	// A changed row repeats the key of a kept one: the whole read reports it.
	if n := rereadAgainstWhole(t, keyed, rereadCSV, strings.Replace(rereadCSV, "2024,Lugar 5", "2020,Lugar 1", 1)); n != 0 {
		t.Errorf("a repeated key: reused %d rows", n)
	}
	fsys := fstest.MapFS{"d.toml": {Data: []byte(rereadSchema)}, "d.csv": {Data: []byte(rereadCSV)}}
	other := fstest.MapFS{"d.toml": {Data: []byte(strings.Replace(rereadSchema, `"number"`, `"integer"`, 1))}, "d.csv": {Data: []byte(next)}}
	old, _ := Load(fsys, "d.csv")
	tb, _ := Open(other, "d.csv")
	if tb.ReuseRows(old); tb.prev != nil {
		t.Error("a table of another schema serves")
	}
	unread, _ := Open(fsys, "d.csv")
	tb, _ = Open(fsys, "d.csv")
	if tb.ReuseRows(unread); tb.prev != nil {
		t.Error("a table whose cells were not read serves")
	}
	old.Release()
	if tb.ReuseRows(old); tb.prev != nil {
		t.Error("a released table serves")
	}
}

// FuzzReuseRows holds reading with reused rows to reading whole for any
// two versions of a CSV.
func FuzzReuseRows(f *testing.F) {
	f.Add(rereadCSV, strings.Replace(rereadCSV, "Lugar 5,5,cinco", "Lugar 5,5,\"cinco", 1))
	f.Add(rereadCSV, rereadCSV+"2040,x,1,\n")
	f.Add(strings.ReplaceAll(rereadCSV, "\n", "\r\n"), strings.Replace(strings.ReplaceAll(rereadCSV, "\n", "\r\n"), "\r\n2025", "\r2025", 1))
	f.Fuzz(func(t *testing.T, prev, next string) {
		rereadAgainstWhole(t, rereadSchema, prev, next)
	})
}

// TestReadCellsLetsThePreviousVersionGo checks that ReadCells drops the
// earlier version however it reads, so that the preview never keeps a
// chain of every version of a dataset: a workbook (read whole) and a CSV
// that cannot be read.
func TestReadCellsLetsThePreviousVersionGo(t *testing.T) {
	dir := writeWorkbook(t, "", goodSheet)
	fsys := os.DirFS(dir)
	old, l := Load(fsys, "data/inv.xlsx")
	if len(l) > 0 {
		t.Fatal(l)
	}
	tb, _ := Open(fsys, "data/inv.xlsx")
	if tb.ReuseRows(old); tb.prev == nil {
		t.Fatal("the workbook's previous version was refused")
	}
	if l := tb.ReadCells(fsys); len(l) > 0 || tb.prev != nil || tb.Reused() != 0 {
		t.Errorf("workbook: %v, previous version kept %v, %d rows reused", l, tb.prev != nil, tb.Reused())
	}

	csv := fstest.MapFS{"d.toml": {Data: []byte(rereadSchema)}, "d.csv": {Data: []byte(rereadCSV)}}
	old, _ = Load(csv, "d.csv")
	tb, _ = Open(csv, "d.csv")
	tb.ReuseRows(old)
	delete(csv, "d.csv")
	if l := tb.ReadCells(csv); len(l) == 0 || tb.prev != nil {
		t.Errorf("a CSV that cannot be read: %v, previous version kept %v", l, tb.prev != nil)
	}
}
