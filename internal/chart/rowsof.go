package chart

import "strconv"

// OnlyRowsOf reports whether every block of p that draws on dataset data
// (its headline too) selects only rows where one of the columns cols holds
// value: its where, and a KPI's previous, name such a column with value
// alone. A page generated per value of cols then shows nothing of the
// dataset's other rows, and its output depends on the dataset only through
// those rows and the schema, so editing another value's rows need not
// render it again.
func OnlyRowsOf(p *Page, data string, cols []string, value string) bool {
	for _, sp := range append(p.Specs, p.Headline) {
		c := sp.common()
		if c == nil {
			if len(sp.Err) > 0 {
				return false // what it would draw is unknown
			}
			continue
		}
		if c.Data != data {
			continue
		}
		if !selectsOnly(c.Where, cols, value) {
			return false
		}
		if k, ok := sp.spec.(*KPISpec); ok && k.Previous != nil && !selectsOnly(k.Previous, cols, value) {
			return false
		}
	}
	return true
}

// selectsOnly reports whether the conditions where keep only rows where
// one of the columns cols holds value.
func selectsOnly(where map[string]any, cols []string, value string) bool {
	for _, col := range cols {
		v, ok := where[col]
		if l, isList := v.([]any); isList && len(l) == 1 {
			v = l[0]
		}
		if !ok {
			continue
		}
		switch v := v.(type) {
		case string:
			if v == value {
				return true
			}
		case int64:
			if strconv.FormatInt(v, 10) == value {
				return true
			}
		case float64:
			if strconv.FormatFloat(v, 'f', -1, 64) == value {
				return true
			}
		}
	}
	return false
}
