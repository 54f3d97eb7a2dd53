package dataset

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tablero/tablero/internal/diag"
)

const oneColumn = "title = \"x\"\n[[columns]]\nname = \"nota\"\ntype = \"text\"\n"

func TestCSVLimits(t *testing.T) {
	big := strings.Repeat("x", MaxCell+1)
	tests := []struct{ name, schema, csv, want string }{
		{"52 million commas, bounded", oneColumn, "nota" + strings.Repeat(",", 2_000_000),
			"data/d.csv:1:1004: the row has more than 1000 columns"},
		{"a header with no line break", oneColumn, strings.Repeat("n", 2_000_000),
			"data/d.csv:1:1: the value starting here is over 64 KiB"},
		{"too many columns in a row", oneColumn, "nota\n" + strings.Repeat(",", MaxColumns) + "\n",
			"data/d.csv:2:1000: the row has more than 1000 columns"},
		{"a long cell", oneColumn, "nota\ncorta\n" + big + "\n", "data/d.csv:3:1: the value starting here is over 64 KiB"},
		{"a long quoted cell over lines", "delimiter = \";\"\n" + oneColumn, "nota;otra\na;\"" + strings.Repeat("línea\n", MaxCell/6+1) + "\"\n",
			"data/d.csv:2:3: the value starting here is over 64 KiB"},
		{"a quote that never closes", oneColumn, "nota\n\"abierta\n" + strings.Repeat("a,b\n", MaxCell/4+1),
			"data/d.csv:2:1: the value starting here is over 64 KiB"},
		{"a long row", oneColumn, "nota\n" + strings.Repeat(strings.Repeat("y", MaxCell-1)+",", 17) + "\n",
			"data/d.csv:2: the row starting on this line is over 1 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, load := range []func() []string{
				func() []string { _, l := loadString(tt.schema, tt.csv); return lines(short(l)) },
				func() []string { return lines(short(scanString(tt.schema, tt.csv))) },
			} {
				got := load()
				if len(got) != 1 || !strings.HasPrefix(got[0], tt.want) {
					t.Errorf("got %.300q\nwant %s", got, tt.want)
				}
				if len(got) > 0 && len(got[0]) > 200 {
					t.Errorf("message of %d bytes", len(got[0]))
				}
			}
		})
	}
	// At the limits, all is well.
	ok := "nota;b\n\"" + strings.Repeat("z", MaxCell-2) + "\";\n"
	if _, l := loadString("delimiter = \";\"\n"+oneColumn+"[[columns]]\nname = \"b\"\ntype = \"text\"\n", ok); len(l) > 0 {
		t.Errorf("a cell of %d bytes: %v", MaxCell, l)
	}
	if _, l := loadString(oneColumn, "nota"+strings.Repeat(",", MaxColumns-1)+"\n"); len(l) > 0 {
		t.Errorf("%d columns: %v", MaxColumns, l)
	}
}

// TestCSVBombMemory reads 8 MB made of a header and commas: before the
// limits the CSV reader made a field of each comma (5.9 GB for 50 MB).
func TestCSVBombMemory(t *testing.T) {
	csv := "nota" + strings.Repeat(",", 8<<20)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, l := loadString(oneColumn, csv)
	runtime.ReadMemStats(&after)
	if len(l) != 1 {
		t.Fatalf("got %v", l)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 3*uint64(len(csv)) {
		t.Errorf("%d MB allocated for %d MB of CSV", alloc>>20, len(csv)>>20)
	}
	// A file of blank lines reserves no room per line and column.
	blank := "nota\n" + strings.Repeat("\n", 8<<20)
	runtime.ReadMemStats(&before)
	loadString(oneColumn, blank)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4*uint64(len(blank)) {
		t.Errorf("blank lines: %d MB allocated for %d MB of CSV", alloc>>20, len(blank)>>20)
	}
}

// scanString is loadString through Scan, which streams the file.
func scanString(schema, csv string) diag.List {
	return Scan(fstest.MapFS{
		"data/d.toml": {Data: []byte(schema)},
		"data/d.csv":  {Data: []byte(csv)},
	}, "data/d.csv", nil, func(*Row) error { return nil })
}

func lines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }

// sameAsStepping reads text through a guard in reads of size bytes and
// fails unless it passes on the same bytes, stops with the same error and
// ends in the same position as stepping through every byte, as guard did
// before skipText.
func sameAsStepping(t *testing.T, text []byte, delim rune, size int) {
	t.Helper()
	ref := newGuard(nil, "d.csv", delim)
	wantN, wantErr := len(text), error(nil)
	for i, c := range text {
		if d, ok := ref.step(c); !ok {
			wantN, wantErr = i, &limitError{d}
			break
		}
	}
	// scan leaves the guard out of a text withinLimits vouches for: the
	// guard must then have nothing to find in it.
	if wantErr != nil && withinLimits(bytes.NewReader(text), byteSpan(text)) {
		t.Fatalf("withinLimits vouches for a text the guard stops at byte %d: %v", wantN, wantErr)
	}
	fast := newGuard(bytes.NewReader(text), "d.csv", delim)
	buf := make([]byte, size)
	got, gotErr := 0, error(nil)
	for {
		n, err := fast.Read(buf)
		got += n
		if err != nil {
			if err != io.EOF {
				gotErr = err
			}
			break
		}
	}
	if got != wantN || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("fast path passed %d bytes, error %v; stepping passed %d, error %v", got, gotErr, wantN, wantErr)
	}
	if wantErr == nil && (fast.line != ref.line || fast.col != ref.col || fast.state != ref.state ||
		fast.rowBytes != ref.rowBytes || fast.cellBytes != ref.cellBytes || fast.fields != ref.fields) {
		t.Fatalf("after the text the fast path is at %+v, stepping at %+v", *fast, *ref)
	}
}

// The guard's fast path over plain text stops, errs and counts exactly
// where stepping through every byte does: same bytes passed on, same
// error (file, line, column) and same position afterwards, on random
// CSV-like text, in random read sizes, with the limits within reach.
func TestGuardSkipsTextAsStepWould(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "é", ",", ";", "\"", "\"\"", "\n", "\r\n", "\r", " ", "12.5", "漢"}
	for round := range 1000 {
		var b bytes.Buffer
		for range r.IntN(60) {
			b.WriteString(pieces[r.IntN(len(pieces))])
			switch r.IntN(40) {
			case 0: // a cell near MaxCell
				b.WriteString(strings.Repeat("x", MaxCell-5+r.IntN(10)))
			case 1: // a quoted value with a long run inside
				b.WriteString("\"" + strings.Repeat("y,", MaxCell/2-3+r.IntN(6)) + "\"")
			case 2: // columns near MaxColumns
				b.WriteString(strings.Repeat(",", MaxColumns-3+r.IntN(6)))
			}
		}
		if r.IntN(20) == 0 { // a row near MaxRow, in cells under MaxCell
			b.WriteString(strings.Repeat(strings.Repeat("z", 60000)+",", 16+r.IntN(3)))
		}
		t.Run(fmt.Sprint("round ", round), func(t *testing.T) {
			sameAsStepping(t, b.Bytes(), rune(",;"[r.IntN(2)]), 1+r.IntN(5000))
		})
	}
}
