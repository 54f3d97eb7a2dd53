package i18n

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"time"
)

// FormatNumber writes v the way readers of lang expect it: "1.234,5" in
// Spanish and "1,234.5" in English. Digits are never rounded away: decimals < 0
// keeps every significant decimal, otherwise exactly that many are written.
func FormatNumber(v float64, lang string, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	// Written on the stack, then copied once into the string: tables
	// format every figure they show.
	var digits, out [40]byte
	s := strconv.AppendFloat(digits[:0], math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := bytes.Cut(s, []byte("."))
	group, point := byte('.'), byte(',')
	if lang == "en" {
		group, point = ',', '.'
	}
	b := out[:0]
	if v < 0 {
		b = append(b, '-')
	}
	n := len(intPart)
	for i, c := range intPart {
		if i > 0 && (n-i)%3 == 0 {
			b = append(b, group)
		}
		b = append(b, c)
	}
	if len(frac) > 0 {
		b = append(b, point)
		b = append(b, frac...)
	}
	return string(b)
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
