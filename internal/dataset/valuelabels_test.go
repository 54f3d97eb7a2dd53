package dataset

import (
	"strings"
	"testing"
)

func TestValueLabelsUnknown(t *testing.T) {
	_, l := ParseSchema("data/d.toml", []byte("title = \"t\"\n[[columns]]\nname = \"s\"\ntype = \"category\"\nvalues = [\"Comercio\"]\nvalue_labels = { Comercoi = { en = \"Trade\" } }\n"))
	if len(l) != 1 || !strings.Contains(l[0].Format("en"), `value_labels translates "Comercoi", which is not in values (did you mean "Comercio"?)`) {
		t.Fatal(l.Format("en"))
	}
	t.Log(l.Format("en"))
}

func TestValueLabel(t *testing.T) {
	s, l := ParseSchema("data/d.toml", []byte("title = \"t\"\n[[columns]]\nname = \"s\"\ntype = \"category\"\nvalues = [\"más de\", \"exacto\"]\nvalue_labels = { \"más de\" = { en = \"more than\" } }\n"))
	if len(l) > 0 {
		t.Fatal(l)
	}
	c := &s.Columns[0]
	for _, tt := range []struct{ v, lang, want string }{
		{"más de", "en", "more than"}, {"más de", "es", "más de"}, {"exacto", "en", "exacto"},
	} {
		if got := c.ValueLabel(tt.v, tt.lang); got != tt.want {
			t.Errorf("ValueLabel(%q, %s) = %q, want %q", tt.v, tt.lang, got, tt.want)
		}
	}
}
