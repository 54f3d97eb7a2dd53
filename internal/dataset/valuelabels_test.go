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
