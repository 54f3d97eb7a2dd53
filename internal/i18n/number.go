package i18n

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
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

var months = map[string][12]string{
	"es": {"ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."},
	"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
}

// FormatDate writes an ISO date (2022-12-31) the way readers of lang
// expect it: "31 dic. 2022" in Spanish, "31 Dec 2022" in English. Text that
// is not an ISO date of a day that exists is returned as it is.
func FormatDate(iso, lang string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	names, ok := months[lang]
	if !ok {
		names = months["es"]
	}
	return fmt.Sprintf("%d %s %d", t.Day(), names[t.Month()-1], t.Year())
}
