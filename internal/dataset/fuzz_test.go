package dataset

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"testing"
	"testing/fstest"
)

// fuzzSchema has a column of every type, a key, decimal comma and
// thousands point.
const fuzzSchema = `decimal = ","
thousands = "."
key = ["pais", "anio"]

[[columns]]
name = "pais"
type = "country"
required = true

[[columns]]
name = "anio"
type = "year"

[[columns]]
name = "monto"
type = "number"

[[columns]]
name = "empleos"
type = "integer"

[[columns]]
name = "part"
type = "percent"

[[columns]]
name = "sector"
type = "category"
values = ["Servicios", "Manufactura"]

[[columns]]
name = "fecha"
type = "date"

[[columns]]
name = "web"
type = "url"

[[columns]]
name = "nota"
type = "text"
`

// FuzzReadCSV reads arbitrary bytes against a fixed schema. It must never
// panic; every diagnostic must point inside the file; Load and Scan must
// agree; a loaded table must be consistent.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("pais;anio;monto;empleos;part;sector;fecha;web;nota\nCA;2022;1.234,5;010;87,5 %;Servicios;2024-02-29;https://a.org;\"x\ny\"\n"))
	f.Add([]byte("\xEF\xBB\xBFpais;anio;monto;empleos;part;sector;fecha;web;nota\r\nCA;2022;;;;;;;\r\nCA;2022;;;;;;;\r\n;;;;;;;;\r\n"))
	f.Add([]byte("pais,anio\n\"CA,1\n"))
	f.Add([]byte("pais;anio;monto;empleos;part;sector;fecha;web;nota\nMedell\xedn;x\n"))
	f.Add([]byte("pais;anio;monto;empleos;part;sector;fecha;web;nota;\nCA;2022;1e5;0x1;NaN;servicios;31/01/2023;javascript:x;\"a\"b;z\n"))
	f.Add([]byte("\xFF\xFE"))
	f.Add([]byte("a\rb\r"))
	for _, name := range []string{"excel.csv", "latin1.csv", "multiline.csv"} {
		if b, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"d.toml": {Data: []byte(fuzzSchema)}, "d.csv": {Data: data}}
		tb, l := Load(fsys, "d.csv")
		lines := bytes.Count(bytes.TrimPrefix(data, bom), []byte{'\n'}) + 1
		for _, d := range l {
			if d.File != "d.csv" || d.Line < 1 || d.Line > lines || d.Col < 0 || d.Msg.ES == "" || d.Msg.EN == "" {
				t.Fatalf("bad diagnostic (file has %d lines): %+v", lines, d)
			}
		}
		if len(l) > maxErrors+1 {
			t.Fatalf("%d diagnostics, more than the cap", len(l))
		}
		if (tb == nil) == (len(l) == 0) {
			t.Fatalf("table %v with %d diagnostics", tb != nil, len(l))
		}
		rows, rowLines, sl := scanAll(fsys, "d.csv", nil)
		if short(sl) != short(l) {
			t.Fatalf("Load says\n%sScan says\n%s", short(l), short(sl))
		}
		if tb == nil {
			return
		}
		if fmt.Sprint(tableRows(tb)) != fmt.Sprint(rows) || fmt.Sprint(tb.Lines) != fmt.Sprint(rowLines) {
			t.Fatalf("Load and Scan rows differ")
		}
		prev := 0
		for i, line := range tb.Lines {
			if line <= prev || line > lines {
				t.Fatalf("row %d on line %d after %d (file has %d lines)", i, line, prev, lines)
			}
			prev = line
		}
		for _, c := range tb.Cols {
			if len(c.Num)+len(c.Str) != tb.Len() {
				t.Fatalf("column %s has %d+%d values for %d rows", c.Spec.Name, len(c.Num), len(c.Str), tb.Len())
			}
			for _, v := range c.Num {
				if math.IsInf(v, 0) {
					t.Fatalf("column %s holds Inf", c.Spec.Name)
				}
			}
		}
	})
}

// FuzzSchema parses arbitrary schema text: it must never panic, and a
// schema it accepts must be usable.
func FuzzSchema(f *testing.F) {
	f.Add([]byte(fuzzSchema))
	f.Add([]byte(baseSchema))
	f.Add([]byte("columns = [\n  { name = \"a\", type = \"txt\" },\n]\n"))
	f.Add([]byte("key = [\"a\", \"a\"]\nrow_source_url = \"a\"\n[[columns]]\nname = \"a\"\ntype = \"category\"\nvalues = [\"x\", \"x\"]\ndecimals = 99\n"))
	f.Add([]byte("delimiter = \"tab\"\ndecimal = \",\"\nthousands = \",\"\nsource_url = \"www\"\n[[columns]]\nName = \"a\"\n"))
	f.Add([]byte("title = { es = \"a\", fr = \"b\" }\nupdated = \"2024-13-01\"\n[[columns]]\nname = \"a\"\ntype = \"text\"\nlabel = 3\n"))
	for _, name := range []string{"excel.toml", "latin1.toml", "multiline.toml"} {
		if b, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, l := ParseSchema("d.toml", data)
		if (s == nil) == (len(l) == 0) {
			t.Fatalf("schema %v with %d diagnostics", s != nil, len(l))
		}
		lines := bytes.Count(data, []byte{'\n'}) + 1
		for _, d := range l {
			if d.File != "d.toml" || d.Line < 0 || d.Line > lines || d.Col < 0 || d.Msg.ES == "" || d.Msg.EN == "" {
				t.Fatalf("bad diagnostic (file has %d lines): %+v", lines, d)
			}
		}
		if s == nil {
			return
		}
		if _, l := compile(s, nil); len(l) > 0 {
			t.Fatalf("accepted schema fails its own check: %v", l)
		}
		// Any accepted schema can read a CSV made of its own header.
		var hdr []string
		for _, c := range s.Columns {
			hdr = append(hdr, c.Name)
		}
		_ = Scan(fstest.MapFS{"d.csv": {Data: []byte(fmt.Sprint(hdr))}}, "d.csv", s, func(*Row) error { return nil })
	})
}

// FuzzGuard holds the guard's fast path over plain text to stepping
// through every byte: the same bytes passed on, the same error and the
// same position, whatever the text and the sizes it is read in.
func FuzzGuard(f *testing.F) {
	f.Add([]byte("pais;anio\nCA;\"x\ny\"\r\n"), byte(';'), uint16(3))
	f.Add([]byte("a,\"b\"\"c\",d\n\"\"\n"), byte(','), uint16(1))
	f.Add([]byte("é,漢\r\nx\ry\n"), byte(','), uint16(7))
	f.Fuzz(func(t *testing.T, text []byte, delim byte, size uint16) {
		sameAsStepping(t, text, rune(delim), 1+int(size)%4096)
	})
}
