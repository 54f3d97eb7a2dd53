package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tablero/tablero/internal/dataset"
)

// genKind is a kind of column the property test writes.
type genKind int

const (
	genInt genKind = iota
	genGrouped
	genDecimal
	genCode // digits with leading zeros: must stay text
	genYear
	genDate
	genText
	genCategory
	genPercent
	genKinds
)

// numberStyle is how a file writes its figures.
type numberStyle struct{ dec, thou string }

var styles = []numberStyle{{".", ","}, {",", "."}}

// genCell writes one value of a column of kind k in style st.
func genCell(r *rand.Rand, k genKind, st numberStyle) string {
	sign := func() string {
		if r.IntN(6) == 0 {
			return "-"
		}
		return ""
	}
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.IntN(10))
		}
		if n > 1 && b[0] == '0' {
			b[0] = byte('1' + r.IntN(9))
		}
		return string(b)
	}
	group := func(s string) string {
		var parts []string
		for len(s) > 3 {
			parts = append([]string{s[len(s)-3:]}, parts...)
			s = s[:len(s)-3]
		}
		return strings.Join(append([]string{s}, parts...), st.thou)
	}
	switch k {
	case genInt:
		return sign() + digits(1+r.IntN(7))
	case genGrouped:
		return sign() + group(digits(1+r.IntN(10)))
	case genDecimal:
		n := digits(1 + r.IntN(6))
		if r.IntN(2) == 0 {
			n = group(n)
		}
		return sign() + n + st.dec + digits(1+r.IntN(4))
	case genCode:
		return strings.Repeat("0", 1+r.IntN(2)) + digits(1+r.IntN(5))
	case genYear:
		return strconv.Itoa(1990 + r.IntN(40))
	case genDate:
		return fmt.Sprintf("%04d-%02d-%02d", 1990+r.IntN(40), 1+r.IntN(12), 1+r.IntN(28))
	case genText:
		words := []string{"Medellín", "ACI", `comillas "dobles"`, "a, b", "x;y", "tab\there", "línea\nnueva",
			" espacios ", "=SUM(A1)", "-", "N/A", "1.2.3", "05", "12 %", "https://x.org/a", "CO", "sí"}
		return words[r.IntN(len(words))]
	case genCategory:
		return []string{"Nueva", "Reinversión", "Otra"}[r.IntN(3)]
	case genPercent:
		return sign() + digits(1+r.IntN(2)) + st.dec + digits(1) + []string{"%", " %"}[r.IntN(2)]
	}
	return ""
}

// genCSV writes a random CSV: its delimiter, number style, BOM, line ends,
// header and the kind of each column are drawn from r.
func genCSV(r *rand.Rand) (data []byte, kinds []genKind) {
	delim := []rune{',', ';', '\t'}[r.IntN(3)]
	st := styles[r.IntN(len(styles))]
	ncols := 1 + r.IntN(6)
	nrows := r.IntN(30)
	var buf bytes.Buffer
	if r.IntN(3) == 0 {
		buf.WriteString("\xEF\xBB\xBF")
	}
	w := csv.NewWriter(&buf)
	w.Comma = delim
	w.UseCRLF = r.IntN(2) == 0
	header := make([]string, ncols)
	for j := range header {
		kinds = append(kinds, genKind(r.IntN(int(genKinds))))
		header[j] = fmt.Sprintf("col_%d", j)
		if r.IntN(4) == 0 {
			header[j] = fmt.Sprintf(" Columna %d, \"%d\" ", j, j) // quoted, spaced
		}
	}
	w.Write(header)
	for range nrows {
		rec := make([]string, ncols)
		for j, k := range kinds {
			if r.IntN(8) > 0 {
				rec[j] = genCell(r, k, st)
			}
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.Bytes(), kinds
}

// TestInferredSchemaLoads: for many random CSVs, the schema `tablero new
// dataset` writes loads the file it was inferred from, and a column of codes
// with leading zeros stays text.
func TestInferredSchemaLoads(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 2026))
	n := 2000
	if testing.Short() {
		n = 300
	}
	for i := range n {
		data, kinds := genCSV(r)
		in, l := dataset.Infer("data/x.csv", data)
		if len(l) > 0 {
			t.Fatalf("case %d: inference failed:\n%s\n%q", i, l.Format("en"), data)
		}
		for _, lang := range []string{"es", "en"} {
			schema := (&inferred{Inference: in}).schema(lang, "x", "x.csv")
			fsys := fstest.MapFS{
				"data/x.csv":  {Data: data},
				"data/x.toml": {Data: []byte(schema)},
			}
			if _, l := dataset.Load(fsys, "data/x.csv"); len(l) > 0 {
				t.Fatalf("case %d (%s): the inferred schema does not load its CSV:\n%s\n--- CSV\n%q\n--- schema\n%s", i, lang, l.Format("en"), data, schema)
			}
		}
		for j, k := range kinds {
			if k == genCode && in.Columns[j].Type != dataset.TypeText && in.Columns[j].Type != dataset.TypeCategory {
				t.Fatalf("case %d: a column of codes was inferred as %s:\n%q", i, in.Columns[j].Type, data)
			}
		}
	}
}
