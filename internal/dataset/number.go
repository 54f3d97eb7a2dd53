package dataset

import (
	"math"
	"strconv"
	"strings"
)

// numFormat is how a dataset writes its numbers: the decimal mark and the
// optional thousands separator, both declared in the schema.
type numFormat struct {
	dec  byte   // '.' or ','
	thou string // "", ".", "," or " "
}

// numProblem says why a cell is not a number in the declared format.
type numProblem uint8

const (
	numOK         numProblem = iota
	numSyntax                // not a number at all, or the wrong decimal mark
	numNotWhole              // has decimals in an integer column
	numGrouping              // thousands separators in the wrong place
	numScientific            // 1,2E+15: Excel shortened it
	numRange                 // too large to hold exactly
)

// maxExact is the largest integer a float64 holds exactly.
const maxExact = 1 << 53

// example is a sample number in the format, for messages.
func (f numFormat) example() string {
	ex := "1234"
	if f.thou != "" {
		ex = "1" + f.thou + "234"
	}
	return ex + string(f.dec) + "5"
}

// exampleInt is a sample whole number in the format, for messages.
func (f numFormat) exampleInt() string {
	if f.thou != "" {
		return "1" + f.thou + "234"
	}
	return "1234"
}

// parse reads s (already trimmed) as a number written in f. Only plain
// decimal digits, one optional leading sign, the declared separators and,
// unless integer is set, one decimal mark are accepted: never hexadecimal,
// octal, underscores, exponents, NaN or Inf. Leading zeros are decimal
// ("010" is 10).
func (f numFormat) parse(s string, integer bool) (float64, numProblem) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return 0, numSyntax
	}
	if f.thou == " " && strings.ContainsAny(s, "\u00a0\u202f") {
		s = strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
	}
	intPart, frac, hasDec := s, "", false
	if i := strings.IndexByte(s, f.dec); i >= 0 {
		intPart, frac, hasDec = s[:i], s[i+1:], true
	}
	if scientific(s) {
		return 0, numScientific
	}
	if intPart == "" || (hasDec && (frac == "" || !allDigits(frac))) {
		return 0, numSyntax
	}
	var mant uint64 // the digits as an integer while they fit exactly
	ndig := 0       // significant digits accumulated in mant
	exact := true
	add := func(c byte) {
		if ndig == 0 && c == '0' {
			return
		}
		if ndig < 19 {
			mant = mant*10 + uint64(c-'0')
			ndig++
		} else {
			exact = false
		}
	}
	if f.thou != "" && strings.Contains(intPart, f.thou) {
		rest := intPart
		for i := 0; rest != "" || i == 0; i++ {
			g, tail, more := strings.Cut(rest, f.thou)
			rest = tail
			if more && rest == "" {
				return 0, numGrouping // ends with a separator
			}
			if !allDigits(g) {
				if g == "" {
					return 0, numGrouping
				}
				return 0, numSyntax
			}
			// A first group starting with 0 ("0.123") is a decimal written
			// with the wrong mark, not a thousand.
			if (i == 0 && (len(g) > 3 || g[0] == '0')) || (i > 0 && len(g) != 3) {
				return 0, numGrouping
			}
			for j := 0; j < len(g); j++ {
				add(g[j])
			}
		}
	} else {
		if !allDigits(intPart) {
			return 0, numSyntax
		}
		for j := 0; j < len(intPart); j++ {
			add(intPart[j])
		}
	}
	if hasDec && integer {
		return 0, numNotWhole
	}
	nfrac := 0
	if hasDec {
		// Trailing zeros of the decimals add nothing.
		frac = strings.TrimRight(frac, "0")
		nfrac = len(frac)
		for j := 0; j < len(frac); j++ {
			add(frac[j])
		}
		if ndig == 0 {
			nfrac = 0
		}
	}
	var v float64
	switch {
	case exact && mant < maxExact && nfrac <= 22:
		// Exact integer divided by an exact power of ten: correctly rounded.
		v = float64(mant) / pow10[nfrac]
	default:
		var b strings.Builder
		b.Grow(len(s) + 1)
		for j := 0; j < len(intPart); j++ {
			if c := intPart[j]; c >= '0' && c <= '9' {
				b.WriteByte(c)
			}
		}
		if hasDec {
			b.WriteByte('.')
			b.WriteString(frac)
			b.WriteByte('0')
		}
		var err error
		v, err = strconv.ParseFloat(b.String(), 64)
		if err != nil || math.IsInf(v, 0) {
			return 0, numRange
		}
	}
	if integer && (!exact || mant > maxExact) {
		return 0, numRange
	}
	if neg && v != 0 {
		v = -v
	}
	return v, numOK
}

var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// scientific reports whether s looks like a number in scientific notation
// such as 1,23E+15, the way Excel writes long figures in General format.
func scientific(s string) bool {
	i := 0 // the first e or E: a loop, as IndexAny's set costs more than a short cell
	for i < len(s) && s[i]|0x20 != 'e' {
		i++
	}
	if i == len(s) {
		return false
	}
	if i == 0 || i == len(s)-1 {
		return false
	}
	m, e := s[:i], s[i+1:]
	if e[0] == '+' || e[0] == '-' {
		e = e[1:]
	}
	return e != "" && allDigits(e) && m[0] >= '0' && m[0] <= '9' && allDigitsOr(m, ".,")
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// allDigitsOr reports whether s has only digits and bytes from extra.
func allDigitsOr(s, extra string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && strings.IndexByte(extra, s[i]) < 0 {
			return false
		}
	}
	return true
}
