package dataset

import (
	"math"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	dot := numFormat{dec: '.'}
	dotComma := numFormat{dec: '.', thou: ","}
	comma := numFormat{dec: ','}
	commaDot := numFormat{dec: ',', thou: "."}
	commaSpace := numFormat{dec: ',', thou: " "}
	for _, tc := range []struct {
		f       numFormat
		in      string
		integer bool
		want    float64
		prob    numProblem
	}{
		{dot, "010", true, 10, numOK},
		{dot, "0755", true, 755, numOK},
		{dot, "08", true, 8, numOK},
		{dot, "010", false, 10, numOK},
		{dot, "-42", true, -42, numOK},
		{dot, "+42", true, 42, numOK},
		{dot, "-0", false, 0, numOK},
		{dot, "1234.5", false, 1234.5, numOK},
		{dot, "0.1", false, 0.1, numOK},
		{dot, "0.30", false, 0.3, numOK},
		{dot, "3.9", true, 0, numNotWhole},
		{dot, "3.0", true, 0, numNotWhole},
		{dot, "1,5", false, 0, numSyntax},
		{dot, "1,234", false, 0, numSyntax},
		{dot, ".5", false, 0, numSyntax},
		{dot, "5.", false, 0, numSyntax},
		{dot, "1.2.3", false, 0, numSyntax},
		{dot, "", false, 0, numSyntax},
		{dot, "-", false, 0, numSyntax},
		{dot, "NaN", false, 0, numSyntax},
		{dot, "nan", false, 0, numSyntax},
		{dot, "Inf", false, 0, numSyntax},
		{dot, "-Infinity", false, 0, numSyntax},
		{dot, "0x1F", true, 0, numSyntax},
		{dot, "0b101", true, 0, numSyntax},
		{dot, "1_000", true, 0, numSyntax},
		{dot, "1e5", false, 0, numScientific},
		{dot, "1.23E+15", false, 0, numScientific},
		{dot, "e5", false, 0, numSyntax},
		{dot, "12 000", false, 0, numSyntax},
		{dot, "$5", false, 0, numSyntax},
		{dot, "5%", false, 0, numSyntax},
		{dot, "١٢", false, 0, numSyntax}, // Arabic-Indic digits
		{dot, "9007199254740992", true, 9007199254740992, numOK},
		{dot, "9007199254740993", true, 0, numRange},
		{dot, "123456789012345678901234567890", false, 1.2345678901234568e29, numOK},
		{dot, "0.1234567890123456789012345", false, 0.12345678901234568, numOK},
		{dot, "1.7976931348623157e308", false, 0, numScientific},
		{dot, "1" + strings.Repeat("0", 400), false, 0, numRange},
		{dotComma, "1,234.5", false, 1234.5, numOK},
		{dotComma, "1,234,567", true, 1234567, numOK},
		{dotComma, "1234567", true, 1234567, numOK},
		{dotComma, "12,34", false, 0, numGrouping},
		{dotComma, "1,5", false, 0, numGrouping},
		{dotComma, "1234,567", false, 0, numGrouping},
		{dotComma, ",123", false, 0, numGrouping},
		{dotComma, "1,,234", false, 0, numGrouping},
		{dotComma, "1,234,", false, 0, numGrouping},
		{comma, "1234,5", false, 1234.5, numOK},
		{comma, "7,25", false, 7.25, numOK},
		{comma, "1.234,5", false, 0, numSyntax},
		{comma, "1.5", false, 0, numSyntax},
		{commaDot, "1.234,5", false, 1234.5, numOK},
		{commaDot, "-1.234.567,89", false, -1234567.89, numOK},
		{commaDot, "1.234", true, 1234, numOK},
		{commaDot, "1234,5", false, 1234.5, numOK},
		{commaDot, "1.5", false, 0, numGrouping},
		{commaDot, "0.123", false, 0, numGrouping},
		{commaDot, "1.23.456", false, 0, numGrouping},
		{commaDot, "1.234,5", true, 0, numNotWhole},
		{commaDot, "1,2E+15", false, 0, numScientific},
		{commaSpace, "1 234,5", false, 1234.5, numOK},
		{commaSpace, "1\u00a0234,5", false, 1234.5, numOK},
		{commaSpace, "1\u202f234\u202f567", true, 1234567, numOK},
		{commaSpace, "12 34", false, 0, numGrouping},
	} {
		got, prob := tc.f.parse(tc.in, tc.integer)
		if prob != tc.prob || (prob == numOK && got != tc.want) {
			t.Errorf("%+v parse(%q, integer=%v) = %v, %d; want %v, %d", tc.f, tc.in, tc.integer, got, prob, tc.want, tc.prob)
		}
		if prob == numOK && (math.IsNaN(got) || math.IsInf(got, 0) || math.Signbit(got) && got == 0) {
			t.Errorf("parse(%q) = %v: NaN, Inf and -0 must never come out", tc.in, got)
		}
	}
}

func TestNumberExample(t *testing.T) {
	for f, want := range map[numFormat]string{
		{dec: '.'}:            "1234.5",
		{dec: ','}:            "1234,5",
		{dec: ',', thou: "."}: "1.234,5",
		{dec: '.', thou: ","}: "1,234.5",
		{dec: ',', thou: " "}: "1 234,5",
	} {
		if got := f.example(); got != want {
			t.Errorf("%+v.example() = %q, want %q", f, got, want)
		}
		if _, p := f.parse(f.example(), false); p != numOK {
			t.Errorf("%+v cannot read its own example %q", f, f.example())
		}
	}
}

// TestDecimalsAt checks the count kept per row against DecimalsOf, for
// figures whose shortest form has from none to 324 decimals, and a
// missing one.
func TestDecimalsAt(t *testing.T) {
	figures := []float64{2024, 0.1, 0.30000000000000004, 196845.99, -1.5, 1e21, 5e-324, math.NaN(), 1234.5678}
	c := &Column{Num: figures}
	for r, v := range figures {
		want := 0
		if !math.IsNaN(v) {
			want = DecimalsOf(v)
		}
		if got := c.DecimalsAt(r); got != want {
			t.Errorf("row %d (%v): DecimalsAt = %d, want %d", r, v, got, want)
		}
	}
	if c.DecimalsAt(6) != 324 {
		t.Errorf("5e-324 has %d decimals, want 324", c.DecimalsAt(6))
	}
}
