package chart

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/i18n"
)

// describe writes a text alternative of the chart from its data: what it
// shows, its range, the highest and lowest figures and the gaps.
// Its words are the theme's (w), keys alt_*, with {name} placeholders.
func describe(w i18n.Words, k *kind, title string, f *Frame, lang string) string {
	say := func(key string, kv ...string) string { return w.Fill(lang, key, kv...) }
	num := func(series, i int) string {
		s := f.Label(series, i, lang)
		if f.Unit != "" {
			s += " " + f.Unit
		}
		return s
	}
	var b strings.Builder
	// The kind's name lives with the kind (kind_*.go): a new kind is one file.
	b.WriteString(i18n.Text{ES: k.title[0], EN: k.title[1]}.In(lang) + ": " + title + ". ")
	b.WriteString(say("alt_categories", "n", strconv.Itoa(len(f.X)), "x", f.XLabel))
	if len(f.X) > 1 {
		b.WriteString(", " + say("alt_range", "from", f.X[0], "to", f.X[len(f.X)-1]))
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
		high := "alt_highest"
		if len(f.Series) > 1 {
			b.WriteString(s.Name + ": ")
			high = "alt_highest_series"
		}
		b.WriteString(say(high, "value", num(si, hi), "at", f.X[hi]))
		if lo != hi {
			b.WriteString(" " + say("alt_lowest", "value", num(si, lo), "at", f.X[lo]))
		}
		b.WriteString(". ")
	}
	if gaps := f.Gaps(); len(gaps) > 0 {
		b.WriteString(say("alt_gaps", "list", strings.Join(slices.Clip(gaps), ", ")))
	}
	return strings.TrimSpace(b.String())
}
