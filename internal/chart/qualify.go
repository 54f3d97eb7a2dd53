package chart

import (
	"math"

	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/i18n"
)

// Qualified figures are written here, in one place, for every block: KPI
// cards, tables, a chart's table view, tooltips and text alternative.
// "≈ 3,7", "más de 200", "menos de 5", "2.800 (proyección)", "770–800".

// qualWords are the keys of the theme's words (i18n/LANG.toml) for each
// kind.
var qualWords = map[string]string{
	dataset.QualApprox:     "qual_approx",
	dataset.QualMore:       "qual_more",
	dataset.QualLess:       "qual_less",
	dataset.QualProjection: "qual_projection",
}

// QualParts returns what is written around a figure given as q, for
// readers of lang: words before it ("más de", "≈"), a range's upper bound
// (upper, already written for lang; shown after a dash) and a note after
// it ("proyección"), words of the theme w. An exact figure has none.
func QualParts(w i18n.Words, q dataset.Qualified, upper, lang string) (before, rangeTo, after string) {
	switch q.Kind {
	case dataset.QualApprox, dataset.QualMore, dataset.QualLess:
		return w.T(lang, qualWords[q.Kind]), "", ""
	case dataset.QualProjection:
		return "", "", w.T(lang, qualWords[q.Kind])
	case dataset.QualRange:
		if !math.IsNaN(q.Upper) {
			return "", upper, ""
		}
	}
	return "", "", ""
}

// Qualify writes the figure text (already written for lang) the way its
// source gives it; upper is the range's upper bound written for lang.
func Qualify(w i18n.Words, q dataset.Qualified, text, upper, lang string) string {
	before, to, after := QualParts(w, q, upper, lang)
	if before != "" {
		text = before + " " + text
	}
	if to != "" {
		text += "–" + to
	}
	if after != "" {
		text += " (" + after + ")"
	}
	return text
}

// figureText writes row r of c, a column of t, for readers of lang, with
// its qualifier when the schema declares one.
func figureText(w i18n.Words, t *dataset.Table, c *dataset.Column, r int, lang string) string {
	text := cellText(c, r, lang)
	if c.Num == nil || c.Spec.Qualifier == "" || text == "" {
		return text
	}
	q := t.Qualifier(c, r)
	return Qualify(w, q, text, i18n.FormatNumber(q.Upper, lang, c.Decimals()), lang)
}

// exactly is the qualifier of a figure given as it is.
var exactly = dataset.Qualified{Kind: dataset.QualExact, Upper: math.NaN()}

// addQualified returns the qualifier of a sum of a figure given as a and
// one of value v given as b: the sum is approximate, more or less than, or
// a projection when one part is and the others are exact; a range when
// the parts are ranges or exact (its upper bound the sum of the upper
// bounds); approximate when the parts are given in different ways.
// aValue is the sum so far, used as its own upper bound when a is exact.
func addQualified(a dataset.Qualified, aValue float64, b dataset.Qualified, v float64) dataset.Qualified {
	upper := func(q dataset.Qualified, x float64) float64 {
		if q.Kind == dataset.QualRange {
			return q.Upper
		}
		return x
	}
	switch {
	case b.Kind == dataset.QualExact && a.Kind != dataset.QualRange:
		return a
	case a.Kind == dataset.QualExact && b.Kind != dataset.QualRange:
		return b
	case a.Kind == b.Kind && a.Kind != dataset.QualRange:
		return a
	case (a.Kind == dataset.QualRange || a.Kind == dataset.QualExact) && (b.Kind == dataset.QualRange || b.Kind == dataset.QualExact):
		return dataset.Qualified{Kind: dataset.QualRange, Upper: upper(a, aValue) + upper(b, v)}
	}
	return dataset.Qualified{Kind: dataset.QualApprox, Upper: math.NaN()}
}

// setQual records how the figure of series at key is given; exact figures
// are not recorded.
func (f *Frame) setQual(series, key string, q dataset.Qualified) {
	k := QualKey{series, key}
	if q.Kind == dataset.QualExact {
		delete(f.Quals, k)
		return
	}
	if f.Quals == nil {
		f.Quals = map[QualKey]dataset.Qualified{}
	}
	f.Quals[k] = q
}

// Qual returns how the figure at k is given.
func (f *Frame) Qual(k QualKey) dataset.Qualified {
	if q, ok := f.Quals[k]; ok {
		return q
	}
	return exactly
}

// Label writes value i of series s for readers of lang, with its
// qualifier; "" for a gap.
func (f *Frame) Label(s, i int, lang string) string {
	v := f.Series[s].Values[i]
	if math.IsNaN(v) {
		return ""
	}
	text := i18n.FormatNumber(v, lang, -1)
	if len(f.Quals) == 0 {
		return text
	}
	q := f.Qual(QualKey{f.Series[s].Name, f.Keys[i]})
	return Qualify(f.words, q, text, i18n.FormatNumber(q.Upper, lang, f.Decimals), lang)
}

// Labels writes every value of series s with Label, or returns nil when
// no figure of the frame is qualified: the numbers then speak for
// themselves.
func (f *Frame) Labels(s int, lang string) []string {
	if len(f.Quals) == 0 {
		return nil
	}
	out := make([]string, len(f.Series[s].Values))
	for i := range out {
		out[i] = f.Label(s, i, lang)
	}
	return out
}
