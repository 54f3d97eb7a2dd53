package content

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"no header", "# Hola\n", "content/p.md:1:1: the +++ header is missing"},
		{"unclosed header", "+++\ntitle = \"x\"\n", "content/p.md:1:1: the +++ header is not closed"},
		{"bad toml", "+++\ntitle = \"x\"\ndraft = tru\n+++\n", "content/p.md:3:9: invalid TOML"},
		{"unknown key", "+++\ntitle = \"x\"\nsumary = \"s\"\n+++\n", `content/p.md:3:1: unknown key "sumary" (did you mean "summary"?)`},
		{"miscased key", "+++\nTitle = \"x\"\n+++\n", `content/p.md:2:1: unknown key "Title" (did you mean "title"?)`},
		{"unknown kind", "+++\ntitle = \"x\"\nkind = \"sectr\"\n+++\n", `content/p.md:2:1: unknown page kind "sectr" (did you mean "sector"?)`},
		{"no title", "+++\nkind = \"page\"\n+++\n", "content/p.md:1:1: the title is missing"},
		{"unknown nested table", "+++\ntitle = \"x\"\n\n[foo.bar]\nx = 1\n+++\n", `content/p.md:4:1: unknown key "foo"`},
		{"wrong type", "+++\ntitle = \"x\"\norder = \"2\"\n+++\n", `content/p.md:3:1: order must be a whole number, not a text in quotes (write the figure without quotes: order = 2)`},
		{"inline tables 4,000 deep", "+++\ntitle = \"x\"\nx = " + strings.Repeat("{a=", 4000) + strings.Repeat("}", 4000) + "\n+++\n", "content/p.md:3:41: nesting too deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, l := Parse("content/p.md", []byte(tt.src), "es")
			if len(l) == 0 {
				t.Fatalf("no error, want %s", tt.want)
			}
			if got := l[0].Format("en"); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestParseBlocksAndSafety(t *testing.T) {
	src := "\ufeff+++\r\ntitle = \"Hola\"\r\n+++\r\n\r\n" +
		"Texto [x](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n" +
		"```kpi\ndata = \"a\"\n```\n\n```kpi\ndata = \"b\"\n```\n\n" +
		"```go\nx := 1 < 2\n```\n\n" +
		"```chart\ntype = \"bar\"\n```\n"
	p, l := Parse("content/sectores/x.en.md", []byte(src), "es")
	if len(l) > 0 {
		t.Fatal(l)
	}
	if p.Slug != "sectores/x" || p.Lang != "en" {
		t.Errorf("slug, lang = %q, %q", p.Slug, p.Lang)
	}
	for _, bad := range []string{"<script", "<img", "javascript:", "onerror"} {
		if strings.Contains(p.HTML, bad) {
			t.Errorf("HTML keeps %q:\n%s", bad, p.HTML)
		}
	}
	if !strings.Contains(p.HTML, `<code class="language-go">x := 1 &lt; 2`) {
		t.Errorf("other code blocks must render as code:\n%s", p.HTML)
	}
	want := []struct {
		kind  string
		line  int
		inRow bool
	}{{"kpi", 8, false}, {"kpi", 12, true}, {"chart", 20, false}}
	if len(p.Blocks) != len(want) {
		t.Fatalf("blocks = %+v", p.Blocks)
	}
	for i, w := range want {
		b := p.Blocks[i]
		if b.Kind != w.kind || b.Line != w.line || b.InRow != w.inRow {
			t.Errorf("block %d = %s line %d inRow %v, want %+v", i, b.Kind, b.Line, b.InRow, w)
		}
		if !strings.Contains(p.HTML, Placeholder(i)) {
			t.Errorf("placeholder %d missing", i)
		}
	}
}

func FuzzSplitFrontMatter(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"x\"\n+++\nbody"))
	f.Add([]byte("+++\n+++\n"))
	f.Add([]byte("+++"))
	f.Add([]byte("\ufeff+++\r\ntitle=1\r\n+++\r\n```chart\nx\n```"))
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, line, d := splitFrontMatter("p.md", src)
		if d != nil {
			if d.Line != 1 {
				t.Errorf("diagnostic at line %d", d.Line)
			}
			return
		}
		if line < 3 || strings.Count(front, "\n") != line-3 {
			t.Errorf("body line %d for front matter of %d lines", line, strings.Count(front, "\n"))
		}
		Parse("p.md", src, "es") // must not panic
		_ = body
	})
}
