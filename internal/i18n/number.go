package i18n

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber writes v the way readers of lang expect it: "1.234,5" in
// Spanish and "1,234.5" in English. Digits are never rounded away: decimals < 0
// keeps every significant decimal, otherwise exactly that many are written.
func FormatNumber(v float64, lang string, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	group, point := ".", ","
	if lang == "en" {
		group, point = ",", "."
	}
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	n := len(intPart)
	for i, c := range intPart {
		if i > 0 && (n-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(point)
		b.WriteString(frac)
	}
	return b.String()
}
