package cli

import (
	"cmp"
	"embed"
	"strings"
	"sync"
	"text/template"

	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/i18n"
)

// scaffoldFS holds the texts `tablero new` writes, one folder per
// language, so that they are edited as the files they become.
//
//go:embed scaffold
var scaffoldFS embed.FS

// scaffolds parses the templates of both languages once.
var scaffolds = sync.OnceValue(func() map[string]*template.Template {
	funcs := template.FuncMap{"toml": tomlString, "title": titleFromSlug}
	m := map[string]*template.Template{}
	for _, lang := range []string{"es", "en"} {
		m[lang] = template.Must(template.New(lang).Funcs(funcs).ParseFS(scaffoldFS, "scaffold/"+lang+"/*.tmpl"))
	}
	return m
})

// scaffold executes the template file name in lang (Spanish unless "en").
// The templates are part of the binary and tested, so a failure is a bug.
func scaffold(lang, name string, data any) string {
	var b strings.Builder
	if err := scaffolds()[i18n.Pick(lang, "es", "en")].ExecuteTemplate(&b, name, data); err != nil {
		panic("cli: scaffold " + name + ": " + err.Error())
	}
	return b.String()
}

// boardText is a new page: front matter, a paragraph to replace and a
// commented example chart. The comment is an HTML block, which the build
// leaves out of the page, chart included.
func boardText(lang, title, kind string, order int, ex chartExample) string {
	return scaffold(lang, "board.md.tmpl", struct {
		Title, Kind string
		Order       int
		chartExample
	}{title, kind, order, ex})
}

// templateSchema is the schema written when there is no CSV to read yet.
func templateSchema(lang, name string) string {
	return scaffold(lang, "template.toml.tmpl", struct{ Name string }{name})
}

// inferred is an inference to write as a schema, with where it came from.
type inferred struct {
	*dataset.Inference
	// Set for a workbook: its file's extension, sheet and header row.
	ext, sheet string
	headerRow  int
}

// schema writes the inferred schema in the format of docs/authoring.md,
// with TODO comments where the author must complete it.
func (inf *inferred) schema(lang, name, from string) string {
	delim := string(inf.Delimiter)
	if inf.Delimiter == '\t' {
		delim = `\t`
	}
	return scaffold(lang, "dataset.toml.tmpl", struct {
		*dataset.Inference
		Name, Ext, From, Sheet, Delimiter, Key string
		HeaderRow                              int
	}{inf.Inference, name, cmp.Or(inf.ext, ".csv"), from, inf.sheet, delim, inf.KeyColumn(), inf.headerRow})
}
