package build

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/tablero/tablero/internal/synth"
)

// FuzzPage builds a small site in both languages with one more page, of
// any text, through the whole build: front matter (sections, filters,
// headlines, [generate] over the site's dataset), Markdown, blocks, the
// theme's templates, the menus, search and data files. The build either
// reports diagnostics that name a file or makes every page: never a panic.
func FuzzPage(f *testing.F) {
	dir := f.TempDir()
	if err := synth.Write(dir, synth.Options{Boards: 1, Rows: 12}); err != nil {
		f.Fatal(err)
	}
	site := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(dir + "/" + p)
		site[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		"+++\ntitle = \"P\"\nkind = \"page\"\nfilters = [\"category\", \"country\"]\n+++\n\n# Uno\n\n```chart\ntype = \"map\"\ndata = \"ds-0001\"\nx = \"country\"\ny = \"value\"\naggregate = \"sum\"\ntitle = \"t\"\n```\n\n```table\ndata = \"ds-0001\"\ntitle = \"t\"\n```\n",
		"+++\ntitle = \"{{label}}\"\nkind = \"page\"\n\n[generate]\ndata = \"ds-0001\"\nby = \"country\"\n+++\n\nFilas de **{{label}}**.\n\n```chart\ntype = \"line\"\ndata = \"ds-0001\"\nx = \"year\"\ny = \"value\"\naggregate = \"sum\"\nwhere = { country = \"{{value}}\" }\ntitle = \"{{label}}\"\n```\n",
		"+++\ntitle = \"S\"\nkind = \"sector\"\n\n[headline]\ndata = \"ds-0001\"\nvalue = \"value\"\naggregate = \"sum\"\ntitle = \"Total\"\n+++\n\n```kpi\ndata = \"ds-0001\"\nvalue = \"value\"\naggregate = \"sum\"\ntitle = \"t\"\n```\n\n<script>alert(1)</script> [x](javascript:alert(1)) ![i](img.png)\n",
		"+++\ntitle = \"</title><script>x</script>\"\nsummary = \"\\\"><b>\"\n+++\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```chart\ntype = \"bar\"\n```\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, page string) {
		fsys := fstest.MapFS{"content/sub/fuzz.md": &fstest.MapFile{Data: []byte(page), Mode: 0o644}}
		for k, v := range site {
			fsys[k] = v
		}
		res := Build(fsys)
		for _, d := range res.Diagnostics {
			if d.File == "" || d.Msg.ES == "" || d.Msg.EN == "" {
				t.Fatalf("a diagnostic without its file or text: %+v", d)
			}
		}
		if !res.OK() {
			return
		}
		for _, f := range res.Files {
			if strings.HasSuffix(f.Path, ".html") && (len(f.Data) == 0 || !utf8.Valid(f.Data)) {
				t.Fatalf("%s: empty or not UTF-8", f.Path)
			}
		}
	})
}
