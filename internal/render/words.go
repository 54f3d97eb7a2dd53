package render

import (
	"html"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/tomlx"
)

// loadWords reads the theme's interface words, root/i18n/LANG.toml for
// each language Tablero publishes in. The default language's file is
// required: a word missing in another language falls back to it.
func loadWords(fsys fs.FS, root string) (i18n.Words, diag.List) {
	var l diag.List
	w := i18n.Words{}
	for _, lang := range i18n.Langs {
		p := path.Join(root, "i18n", lang+".toml")
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			if lang == i18n.Langs[0] {
				l.Add(diag.Errorf(p, 0, 0, "el tema no tiene sus palabras en %s: %v", "the theme has no words in %s: %v", lang, err).
					WithHint("cada clave = \"texto\" que la plantilla lee como .UI.CLAVE", "each key = \"text\" the template reads as .UI.KEY"))
			}
			continue
		}
		if d, ok := dataset.InsideSite(fsys, p); !ok {
			l.Add(d)
			continue
		}
		m := map[string]string{}
		if dl := tomlx.Decode(p, 1, string(b), &m); len(dl) > 0 {
			l = append(l, dl...)
			continue
		}
		w[lang] = m
	}
	return w, l
}

// T returns the theme's word key in lang (see i18n.Words.T).
func (th *Theme) T(lang, key string) string { return th.words.T(lang, key) }

// Words returns the theme's words, for a package that writes words of the
// site without the theme at hand (e.g. the KPI cards' "frente a").
func (th *Theme) Words() i18n.Words { return th.words }

// escapeWords returns words escaped for HTML, for the blocks written in Go.
func escapeWords(words map[string]string) map[string]string {
	out := make(map[string]string, len(words))
	for k, v := range words {
		out[k] = html.EscapeString(v)
	}
	return out
}

// The theme's templates named "id-NAME" write the id of an element of its
// markup that Tablero links to: {{define "id-sectors"}}sectores{{end}} (the
// home page's list of sector boards), {{define "id-dataset"}}{{.}}{{end}}
// (a dataset's entry in the catalogue, run with the dataset's name). The
// markup uses them for its ids, so that an id is written once, in the
// theme, and no Go code knows it.

// templateIDs runs the id templates that take nothing, once.
func templateIDs(t *template.Template) map[string]string {
	ids := map[string]string{}
	for _, tt := range t.Templates() {
		if name, ok := strings.CutPrefix(tt.Name(), "id-"); ok {
			ids[name] = runID(tt, nil)
		}
	}
	return ids
}

func runID(t *template.Template, arg any) string {
	var b strings.Builder
	if err := t.Execute(&b, arg); err != nil {
		return ""
	}
	return html.UnescapeString(strings.TrimSpace(b.String())) // the id, not its HTML
}

// Link returns the address of page (e.g. "index.html") at the element of
// the theme's markup named name, or page alone when the theme gives that
// element no id.
func (th *Theme) Link(page, name string) string {
	return anchor(page, th.ids[name])
}

// LinkTo is Link for an element of which the page has one per arg: a
// dataset's entry, by the dataset's name.
func (th *Theme) LinkTo(page, name, arg string) string {
	t := th.tmpl.Lookup("id-" + name)
	if t == nil {
		return page
	}
	return anchor(page, runID(t, arg))
}

func anchor(page, id string) string {
	if id == "" {
		return page
	}
	return page + "#" + id
}
