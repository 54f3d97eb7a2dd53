package content

import (
	"runtime"
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
		{"UTF-16 LE", "\xFF\xFE+\x00+\x00+\x00\n\x00", "content/p.md:1:1: the page is saved as UTF-16 (Notepad's \"Unicode\"), not UTF-8 (save it as UTF-8"},
		{"UTF-16 BE", "\xFE\xFF\x00+\x00+\x00+\x00\n", "content/p.md:1:1: the page is saved as UTF-16"},
		{"Latin-1 in the text", "+++\ntitle = \"x\"\n+++\n\nLa inversi\xf3n creci\xf3.\n", `content/p.md:5:11: the page is not saved as UTF-8 (it looks like Windows-1252/Latin-1: byte 0xF3 would be "ó") (save the file as UTF-8`},
		{"Latin-1 in the header", "\ufeff+++\r\ntitle = \"Medell\xedn\"\r\n+++\r\n", `content/p.md:2:16: the page is not saved as UTF-8 (it looks like Windows-1252/Latin-1: byte 0xED would be "í") (save the file as UTF-8`},
		{"too large", "+++\ntitle = \"x\"\n+++\n" + strings.Repeat("Texto. ", MaxPage/7+1), "content/p.md: the page is over the limit of 128 KiB"},
		{"300 nested lists", "+++\ntitle = \"x\"\n+++\n" + nestedLists(300), "content/p.md:20:33: lists or quotes nested more than 16 levels deep"},
		{"5,000 nested quotes", "+++\ntitle = \"x\"\n+++\n" + strings.Repeat("> ", 5000) + "x\n", "content/p.md:4:33: lists or quotes nested more than 16 levels deep"},
		{"nested list markers", "+++\ntitle = \"x\"\n+++\n" + strings.Repeat("- ", 5000) + "x\n", "content/p.md:4:33: lists or quotes nested more than 16 levels deep"},
		{"nested numbered lists", "+++\ntitle = \"x\"\n+++\n" + strings.Repeat("1. ", 5000) + "x\n", "content/p.md:4:49: lists or quotes nested more than 16 levels deep"},
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

// nestedLists writes n lists, each inside the item of the one before.
func nestedLists(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- nivel\n")
	}
	return b.String()
}

func TestLimitsLetPagesThrough(t *testing.T) {
	// 16 levels, fenced code with markers, numbers and dashes in the text.
	src := "+++\ntitle = \"x\"\n+++\n" + nestedLists(MaxNesting/2) + "\n" + strings.Repeat("> ", MaxNesting) + "x\n\n" +
		"```go\n- x\n```\n\n1.5 millones -3 %\n\n" + strings.Repeat("Texto. ", (MaxPage-400)/7)
	if _, l := Parse("content/p.md", []byte(src), "es"); len(l) > 0 {
		t.Errorf("%d bytes: %v", len(src), l)
	}
}

// TestPageMemory renders the largest page of the shapes that cost goldmark
// the most, each at MaxPage: memory grows with the page, not faster (a
// 20 MB page took 3.5 GB before the limits).
func TestPageMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("renders 1 MB of Markdown")
	}
	head := "+++\ntitle = \"x\"\n+++\n"
	fill := func(s string) string { return head + strings.Repeat(s, (MaxPage-len(head))/len(s)) }
	deep := nestedLists(MaxNesting/2) + strings.Repeat("> ", MaxNesting) + "x\n"
	for name, src := range map[string]string{
		"brackets":      fill("["),
		"references":    fill("[a]: b\n"),
		"list items":    fill("- a\n"),
		"headings":      fill("# a\n"),
		"links":         fill("www.a.com "),
		"table":         fill("|a|b|c|d|\n"),
		"deepest lists": fill(deep),
		"emphasis":      fill("*_"),
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, l := Parse("content/p.md", []byte(src), "es")
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: %d KB, %d MB allocated", name, len(src)>>10, alloc>>20)
		if len(l) > 0 {
			t.Errorf("%s: %v", name, l[0])
		}
		if alloc > 600*uint64(len(src)) {
			t.Errorf("%s: %d MB allocated for %d KB", name, alloc>>20, len(src)>>10)
		}
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

// FuzzParse feeds Parse any page: it must not panic, and its memory must
// stay in proportion to the page (the front matter and the Markdown both;
// run it with `make fuzz`).
func FuzzParse(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"x\"\n+++\n# T\n\n- a\n  - b\n\n> c\n"))
	f.Add([]byte("+++\ntitle = \"x\"\nx = {a={a=1}}\n[foo.bar]\n+++\n[a]: b\n[a]\n"))
	f.Add([]byte("\ufeff+++\r\ntitle = 'x'\r\nkind = \"sector\"\r\n+++\r\n```chart\ntype = \"bar\"\n```\n| a | b |\n|---|---|\n| 1 | 2 |\n"))
	f.Add([]byte("+++\ntitle = \"Medell\xedn\"\n+++\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		p, l := Parse("content/p.md", src, "es")
		runtime.ReadMemStats(&after)
		// 600 bytes a byte is the most measured at MaxPage (TestPageMemory).
		if a := after.TotalAlloc - before.TotalAlloc; a > 4<<20+1000*uint64(len(src)) {
			t.Errorf("%d bytes of page took %d KB", len(src), a>>10)
		}
		if p == nil && len(l) == 0 {
			t.Error("no page and no diagnostic")
		}
	})
}
