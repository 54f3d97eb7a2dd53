package content

import (
	"strings"
	"testing"
)

func TestHeadline(t *testing.T) {
	for _, tc := range []struct {
		name, front string
		line        int    // the block's first line in the file
		body, err   string // the block's TOML, or the error
	}{
		{"table", "title = \"x\"\nkind = \"sector\"\n\n[headline]\ndata = \"d\"\nwhere = { id = \"a\" }\nvalue = \"v\"\n", 6,
			"data = \"d\"\nwhere = { id = \"a\" }\nvalue = \"v\"\n", ""},
		{"sub-table kept", "title = \"x\"\n[headline]\ndata = \"d\"\n[headline.where]\nid = \"a\"\n", 4,
			"data = \"d\"\n[headline.where]\nid = \"a\"\n", ""},
		{"none", "title = \"x\"\n", 0, "", ""},
		{"inline", "title = \"x\"\nheadline = { data = \"d\" }\n", 0, "", "content/p.md:3:1: write headline as a [headline] table at the end of the header"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, l := Parse("content/p.md", []byte("+++\n"+tc.front+"+++\n\nText.\n"), "es")
			if tc.err != "" {
				if len(l) != 1 || !strings.Contains(l.Format("en"), tc.err) {
					t.Fatalf("got %v, want %s", l.Format("en"), tc.err)
				}
				return
			}
			if len(l) > 0 {
				t.Fatal(l.Format("en"))
			}
			if tc.line == 0 {
				if p.Headline != nil {
					t.Errorf("headline %+v without [headline]", p.Headline)
				}
				return
			}
			if h := p.Headline; h == nil || h.Kind != "kpi" || h.Line != tc.line || h.Body != tc.body || h.File != "content/p.md" {
				t.Errorf("headline %+v, want line %d body %q", h, tc.line, tc.body)
			}
		})
	}
}
