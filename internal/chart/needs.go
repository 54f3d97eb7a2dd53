package chart

import (
	"slices"
)

// Needs says which columns of a dataset the pages use: the ones rows are
// grouped or selected by (Keys) and the ones added up (Values). A dataset
// too large to hold is reduced to one row per combination of its Keys.
type Needs struct {
	Keys, Values []string
	// AllRows is set when a block shows the rows themselves (a table, a
	// KPI of one row): such a dataset cannot be reduced.
	AllRows bool
}

// DatasetNeeds collects, per dataset name, what the pages' blocks use.
// Blocks that do not decode are skipped: the build reports them later.
func DatasetNeeds(pages []*Page) map[string]*Needs {
	out := map[string]*Needs{}
	get := func(name string) *Needs {
		if out[name] == nil {
			out[name] = &Needs{}
		}
		return out[name]
	}
	add := func(list *[]string, cols ...string) {
		for _, c := range cols {
			if c != "" && !slices.Contains(*list, c) {
				*list = append(*list, c)
			}
		}
	}
	for _, p := range pages {
		for _, sp := range append(p.Specs, p.Headline) {
			c := sp.common()
			if c == nil || c.Data == "" {
				continue
			}
			n := get(c.Data)
			for k := range c.Where {
				add(&n.Keys, k)
			}
			add(&n.Keys, c.NotEmpty...)
			add(&n.Keys, p.Meta.Filters...)
			switch {
			case sp.Chart != nil:
				add(&n.Keys, sp.Chart.X, sp.Chart.Series)
				add(&n.Values, sp.Chart.Y...)
				if sp.Chart.Aggregate == "" {
					n.AllRows = true
				}
			case sp.KPI != nil && sp.KPI.Aggregate == "distinct":
				// Its values are told apart, not added up: a key.
				add(&n.Keys, sp.KPI.Value)
			case sp.KPI != nil:
				add(&n.Values, sp.KPI.Value)
				if sp.KPI.Aggregate == "" {
					n.AllRows = true
				}
			default:
				n.AllRows = true
			}
		}
	}
	for _, n := range out {
		slices.Sort(n.Keys)
		slices.Sort(n.Values)
	}
	return out
}

// DatasetsOf lists the datasets a page's blocks name, sorted.
func DatasetsOf(p *Page) []string {
	var names []string
	for _, sp := range append(p.Specs, p.Headline) {
		if c := sp.common(); c != nil && c.Data != "" && !slices.Contains(names, c.Data) {
			names = append(names, c.Data)
		}
	}
	slices.Sort(names)
	return names
}
