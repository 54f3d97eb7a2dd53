package chart

import (
	"math"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

// KPI is a built key-figure card.
type KPI struct {
	Title, Unit, Period string
	Value               float64
	Text                string // Value written for the page's language
	Goal                float64
	GoalText            string
	Progress            float64 // Value/Goal as a percentage; NaN without goal
	ProgressText        string
	Change              string // change against the previous period, e.g. "+12,3 % frente a 2021"
	Sources             []Source
	Empty               string
	// Before, Upper and After say how the source gives the figure, written
	// for the page's language (see QualParts): "más de" or "≈" before it,
	// a range's upper bound after a dash, "proyección" after it.
	Before, Upper, After string
}

func (s *KPISpec) common() *Common { return &s.Common }

func (s *KPISpec) needs(n *Needs) {
	if s.Aggregate == "distinct" {
		n.key(s.Value) // its values are told apart, not added up: a key
		return
	}
	n.value(s.Value)
	if s.Aggregate == "" {
		n.AllRows = true
	}
}

func (s *KPISpec) build(b content.Block, ts Tables, at build) (Content, diag.List) {
	return asContent(buildKPI(b, s, ts, at.words, at.lang))
}

// Scripts: a card draws no chart.
func (k *KPI) Scripts() (Scripts, bool) { return Core, false }

// FilterValues: no filter narrows a card, whose figure is the one its
// block selects.
func (k *KPI) FilterValues(string) (string, []string) { return "", nil }

func buildKPI(b content.Block, s *KPISpec, ts Tables, w i18n.Words, lang string) (*KPI, diag.List) {
	t, d := ts.lookup(b, s.Data)
	if d != nil {
		return nil, diag.List{*d}
	}
	k := &KPI{Progress: math.NaN(), Goal: math.NaN()}
	rows, l := s.rows(b, t)
	if len(l) > 0 {
		return nil, l
	}
	if s.Aggregate != "" {
		return aggregateKPI(b, s, t, rows, w, lang)
	}
	if len(rows) != 1 {
		if len(rows) == 0 && s.Empty != "" {
			k.Title, k.Empty = s.Title, s.Empty
			return k, nil
		}
		return nil, diag.List{blockErr(b, "where", "la tarjeta debe seleccionar exactamente una fila y selecciona %d", "the card must select exactly one row and selects %d", len(rows)).
			WithHint("ajuste where para que identifique una sola fila", "adjust where so it identifies a single row")}
	}
	r := rows[0]
	vc, d := column(b, t, "value", s.Value)
	if d != nil {
		return nil, diag.List{*d}
	}
	if vc.Num == nil {
		return nil, diag.List{blockErr(b, "value", "la columna %q no es numérica", "column %q is not numeric", s.Value)}
	}
	if vc.IsNull(r) {
		return nil, diag.List{blockErr(b, "value", "la fila elegida (línea %d de %s) no tiene valor en %q", "the chosen row (line %d of %s) has no value in %q", t.Lines[r], t.File, s.Value)}
	}
	k.Value = vc.Num[r]
	k.Text = cellText(vc, r, lang)
	if q := t.Qualifier(vc, r); q.Kind != dataset.QualExact {
		k.Before, k.Upper, k.After = QualParts(w, q, i18n.FormatNumber(q.Upper, lang, vc.Decimals()), lang)
	}
	for _, f := range []struct {
		key string
		in  string
		out *string
	}{{"title", s.Title, &k.Title}, {"unit", s.Unit, &k.Unit}, {"period", s.Period, &k.Period}} {
		v, d := fill(b, f.key, f.in, t, r, lang)
		if d != nil {
			return nil, diag.List{*d}
		}
		*f.out = v
	}
	if k.Title == "" {
		return nil, diag.List{diag.Errorf(b.File, b.Line, 1, "la tarjeta no tiene título", "the card has no title").
			WithHint(`añada title = "…" (puede usar {columna})`, `add title = "…" (it may use {column})`)}
	}
	if k.Unit == "" && vc.Spec.Unit.In(lang) != "" {
		k.Unit = vc.Spec.Unit.In(lang)
	}
	srcRows := []int{r}
	if s.Goal != "" {
		gc, d := column(b, t, "goal", s.Goal)
		if d != nil {
			return nil, diag.List{*d}
		}
		if gc.Num == nil || gc.IsNull(r) || gc.Num[r] == 0 {
			return nil, diag.List{blockErr(b, "goal", "la meta %q está vacía o no es un número en la línea %d de %s", "goal %q is empty or not a number on line %d of %s", s.Goal, t.Lines[r], t.File)}
		}
		k.Goal = gc.Num[r]
		k.GoalText = cellText(gc, r, lang)
		k.Progress = 100 * k.Value / k.Goal
		k.ProgressText = i18n.FormatNumber(k.Progress, lang, 1) + " %"
	}
	if len(s.Previous) > 0 {
		prev, l := selectRows(b, t, s.Previous, "previous")
		if len(l) > 0 {
			return nil, l
		}
		if len(prev) != 1 || vc.IsNull(prev[0]) || vc.Num[prev[0]] == 0 {
			return nil, diag.List{blockErr(b, "previous", "previous debe seleccionar una fila con valor y selecciona %d", "previous must select one row with a value and selects %d", len(prev))}
		}
		p := vc.Num[prev[0]]
		pct := 100 * (k.Value - p) / p
		sign := "+"
		if pct < 0 {
			sign = "−"
		}
		label := ""
		if s.Period != "" {
			label, _ = fill(b, "period", s.Period, t, prev[0], lang)
		}
		k.Change = sign + i18n.FormatNumber(math.Abs(pct), lang, 1) + " %"
		if label != "" {
			k.Change += " " + w.T(lang, "versus") + " " + label
		}
		srcRows = append(srcRows, prev[0])
	}
	k.Sources = sources(t, srcRows, lang)
	return k, nil
}

// aggregateKPI builds a card whose figure counts or adds up the selected rows.
func aggregateKPI(b content.Block, s *KPISpec, t *dataset.Table, rows []int, w i18n.Words, lang string) (*KPI, diag.List) {
	k := &KPI{Progress: math.NaN(), Goal: math.NaN(), Title: s.Title, Unit: s.Unit, Period: s.Period}
	if s.Goal != "" || len(s.Previous) > 0 {
		return nil, diag.List{blockErr(b, "aggregate", "una tarjeta con aggregate no admite goal ni previous", "a card with aggregate cannot have goal or previous")}
	}
	if placeholderRe.MatchString(s.Title + s.Unit + s.Period) {
		return nil, diag.List{blockErr(b, "title", "una tarjeta con aggregate no puede usar {columna} en sus textos", "a card with aggregate cannot use {column} in its texts").
			WithHint("escriba el texto tal cual", "write the text as it is")}
	}
	if k.Title == "" {
		return nil, diag.List{untitled(b, diag.T("la tarjeta no tiene título", "the card has no title"))}
	}
	switch s.Aggregate {
	case "count":
		k.Value = 0
		for _, r := range rows {
			k.Value += t.Weight(r)
		}
		k.Text = i18n.FormatNumber(k.Value, lang, 0)
	case "sum":
		vc, d := column(b, t, "value", s.Value)
		if d != nil {
			return nil, diag.List{*d}
		}
		if vc.Num == nil {
			return nil, diag.List{blockErr(b, "value", "la columna %q no es numérica", "column %q is not numeric", s.Value)}
		}
		k.Value = 0
		q := exactly
		for _, r := range rows {
			if !vc.IsNull(r) {
				q = addQualified(q, k.Value, t.Qualifier(vc, r), vc.Num[r])
				k.Value += vc.Num[r]
			}
		}
		dec := 0
		for _, r := range rows {
			if !vc.IsNull(r) {
				dec = max(dec, vc.DecimalsAt(r))
			}
		}
		k.Value = dataset.RoundTo(k.Value, dec)
		k.Text = i18n.FormatNumber(k.Value, lang, -1)
		if q.Kind != dataset.QualExact {
			k.Before, k.Upper, k.After = QualParts(w, q, i18n.FormatNumber(dataset.RoundTo(q.Upper, dec), lang, -1), lang)
		}
		if k.Unit == "" {
			k.Unit = vc.Spec.Unit.In(lang)
		}
	case "distinct":
		// How many different values value takes over the rows (publishers,
		// categories…); empty cells are not a value.
		vc, d := column(b, t, "value", s.Value)
		if d != nil {
			return nil, diag.List{*d}
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if !vc.IsNull(r) {
				seen[vc.Text(r)] = true
			}
		}
		k.Value = float64(len(seen))
		k.Text = i18n.FormatNumber(k.Value, lang, 0)
	default:
		return nil, diag.List{blockErr(b, "aggregate", "aggregate desconocido %q", "unknown aggregate %q", s.Aggregate).
			WithHint(`use "sum", "count" o "distinct"`, `use "sum", "count" or "distinct"`)}
	}
	if len(rows) == 0 && s.Empty != "" {
		k.Empty = s.Empty
	}
	k.Sources = sources(t, rows, lang)
	return k, nil
}
