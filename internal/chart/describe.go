package chart

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// describe writes a text alternative of the chart from its data: what it
// shows, its range, the highest and lowest figures and the gaps.
func describe(k *kind, title string, f *Frame, lang string) string {
	en := lang == "en"
	pick := func(es, en_ string) string {
		if en {
			return en_
		}
		return es
	}
	num := func(series, i int) string {
		s := f.Label(series, i, lang)
		if f.Unit != "" {
			s += " " + f.Unit
		}
		return s
	}
	names := k.title
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s. ", pick(names[0], names[1]), title)
	fmt.Fprintf(&b, pick("%d categorías de %s", "%d categories of %s"), len(f.X), f.XLabel)
	if len(f.X) > 1 {
		fmt.Fprintf(&b, pick(", de %s a %s", ", from %s to %s"), f.X[0], f.X[len(f.X)-1])
	}
	b.WriteString(". ")
	for si, s := range f.Series {
		hi, lo := -1, -1
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			if hi < 0 || v > s.Values[hi] {
				hi = i
			}
			if lo < 0 || v < s.Values[lo] {
				lo = i
			}
		}
		if hi < 0 {
			continue
		}
		high := pick("El valor más alto es %s (%s)", "The highest value is %s (%s)")
		if len(f.Series) > 1 {
			b.WriteString(s.Name + ": ")
			high = pick("el valor más alto es %s (%s)", "the highest value is %s (%s)")
		}
		fmt.Fprintf(&b, high, num(si, hi), f.X[hi])
		if lo != hi {
			fmt.Fprintf(&b, pick(" y el más bajo %s (%s)", " and the lowest %s (%s)"), num(si, lo), f.X[lo])
		}
		b.WriteString(". ")
	}
	if gaps := f.Gaps(); len(gaps) > 0 {
		fmt.Fprintf(&b, pick("Sin cifra: %s.", "No figure: %s."), strings.Join(slices.Clip(gaps), ", "))
	}
	return strings.TrimSpace(b.String())
}
