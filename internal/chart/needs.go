package chart

import (
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/tablero/tablero/internal/content"
)

// WeightColumn is the column a reduced dataset adds: how many rows of the
// source each of its rows stands for. Counting uses it instead of 1.
const WeightColumn = "__rows"

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
// Blocks that do not parse are skipped: the build reports them later.
func DatasetNeeds(pages []*content.Page) map[string]*Needs {
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
		for _, b := range p.Blocks {
			var c struct {
				Common
				X, Series, Value, Aggregate string
				Y                           Columns
				Previous                    map[string]any
			}
			if _, err := toml.Decode(b.Body, &c); err != nil || c.Data == "" {
				continue
			}
			n := get(c.Data)
			for k := range c.Where {
				add(&n.Keys, k)
			}
			add(&n.Keys, c.NotEmpty...)
			add(&n.Keys, p.Meta.Filters...)
			switch b.Kind {
			case "chart":
				add(&n.Keys, c.X, c.Series)
				add(&n.Values, c.Y...)
				if c.Aggregate == "" {
					n.AllRows = true
				}
			case "kpi":
				add(&n.Values, c.Value)
				if c.Aggregate == "" {
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
func DatasetsOf(p *content.Page) []string {
	var names []string
	for _, b := range p.Blocks {
		var c struct {
			Data string `toml:"data"`
		}
		if _, err := toml.Decode(b.Body, &c); err == nil && c.Data != "" && !slices.Contains(names, c.Data) {
			names = append(names, c.Data)
		}
	}
	slices.Sort(names)
	return names
}
