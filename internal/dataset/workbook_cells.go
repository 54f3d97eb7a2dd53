package dataset

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/tablero/tablero/internal/diag"
)

// Diagnostics of the CSV made of a sheet, moved back to the cells they
// concern ("data/x.xlsx › Hoja1!C7"), and the merged cells over the data.

type mergedCell struct {
	ref      string
	col, row int
}

// merged reports the merged ranges, read after the sheet's rows, that
// touch the data area.
func (w *workbook) merged(refs []string) diag.List {
	var l diag.List
	for _, ref := range refs {
		first, last, _ := strings.Cut(ref, ":")
		if last == "" {
			last = first
		}
		c1, r1, ok1 := cellCoords(first)
		c2, r2, ok2 := cellCoords(last)
		if !ok1 || !ok2 {
			continue
		}
		if (w.lastRow == 0 || r1 <= w.lastRow) && r2 >= max(w.headerRow, 1) &&
			(w.lastCol == 0 || c1 <= w.lastCol) && c2 >= w.firstCol {
			l.Add(diag.Errorf(w.at(c1, r1), 0, 0, "celdas combinadas (%s)", "merged cells (%s)", ref).
				WithHint("sepárelas (Inicio › Combinar y centrar) y escriba el valor en cada celda: Tablero lee una celda por valor",
					"unmerge them (Home › Merge & Center) and write the value in every cell: Tablero reads one cell per value"))
			if len(l) >= maxErrors {
				break
			}
		}
	}
	return l
}

// cells moves diagnostics from the CSV made of the sheet to the cells
// they concern. csv is the CSV when it was kept, else nil: the sheet is
// then read again, keeping only the records that hold an error. Either
// way this only runs when there are errors.
func (w *workbook) cells(l diag.List, sc *Schema, csv []byte) diag.List {
	want := map[int]bool{}
	for _, d := range l {
		if d.File == w.file && d.Line > 0 && d.Col > 0 {
			want[d.Line] = true
		}
	}
	var recs *records
	if len(want) > 0 {
		recs = &records{want: want, text: map[int][]byte{}, line: 1}
		if csv != nil {
			recs.Write(csv)
		} else {
			again := &workbook{file: w.file, bk: w.bk, sheet: w.sheet, part: w.part,
				headerRow: w.headerRow, firstCol: w.firstCol, lastRow: w.lastRow, lastCol: w.lastCol}
			again.writeCSV(recs, sc)
		}
	}
	out := make(diag.List, 0, len(l))
	for _, d := range l {
		row := w.rowOf(d.Line)
		if d.File != w.file || row == 0 {
			out = append(out, d)
			continue
		}
		col := w.firstCol
		if d.Col > 0 && recs != nil {
			if start, text := recs.of(d.Line); text != nil {
				col += fieldAt(text, d.Line-start+1, d.Col)
			}
		}
		d.File, d.Line, d.Col = w.at(col, row), 0, 0
		if strings.Contains(d.Hint.EN, "decimal = ") {
			// A CSV's hint about separators does not apply: the cell holds
			// text where a number is expected.
			d = d.WithHint("la celda guarda texto, no un número: en Excel escríbalo de nuevo como número (o use Datos › Texto en columnas)",
				"the cell holds text, not a number: retype it as a number in Excel (or use Data › Text to Columns)")
		}
		out = append(out, d)
	}
	return out
}

// records keeps, from CSV written to it record by record, the records
// that hold one of the wanted lines, by the line they start on.
type records struct {
	want map[int]bool
	text map[int][]byte
	line int
}

func (r *records) Write(b []byte) (int, error) {
	// Written whole records at a time by writeCSV; a kept CSV is split here.
	for rest := b; len(rest) > 0; {
		end, inQuote := len(rest), false
		for i, c := range rest {
			if c == '"' {
				inQuote = !inQuote
			} else if c == '\n' && !inQuote {
				end = i + 1
				break
			}
		}
		rec := rest[:end]
		n := bytes.Count(rec, []byte{'\n'})
		for l := r.line; l < r.line+max(n, 1); l++ {
			if r.want[l] {
				r.text[r.line] = bytes.Clone(rec)
				break
			}
		}
		r.line += n
		rest = rest[end:]
	}
	return len(b), nil
}

// of returns the record that holds line, and the line it starts on.
func (r *records) of(line int) (int, []byte) {
	for start := line; start >= 1 && line-start < 10000; start-- {
		if t, ok := r.text[start]; ok {
			return start, t
		}
	}
	return 0, nil
}

// fieldAt returns the 0-based field of the CSV text at line and character
// column col (both 1-based); text starts at the start of a record.
func fieldAt(text []byte, line, col int) int {
	ln, c, field, inQuote := 1, 1, 0, false
	for i := 0; i < len(text); {
		if ln == line && c >= col {
			return field
		}
		r, size := utf8.DecodeRune(text[i:])
		i += size
		switch {
		case r == '"':
			inQuote = !inQuote
		case r == ',' && !inQuote:
			field++
		case r == '\n':
			if ln == line {
				return field
			}
			ln, c = ln+1, 0
			if !inQuote {
				field = 0
			}
		}
		c++
	}
	return field
}
