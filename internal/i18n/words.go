package i18n

import (
	"maps"
	"strings"
)

// Pick returns es or en for readers of lang: the messages of the command
// line and the preview, written beside each other in the code as diag.T's
// are. The words of the published site live in the theme (Words).
func Pick(lang, es, en string) string { return Text{ES: es, EN: en}.In(lang) }

// Words are a theme's interface words ("Fuente", "Descargar"…) by
// language and key, read from themes/NAME/i18n/LANG.toml (as Hugo reads a
// theme's i18n folder) once, with the theme. Every package that writes a
// word of the site asks the theme's Words for it.
type Words map[string]map[string]string

// T returns the word key in lang, else in the default language (Langs[0]),
// else "".
func (w Words) T(lang, key string) string {
	if s, ok := w[lang][key]; ok {
		return s
	}
	return w[Langs[0]][key]
}

// In returns every word of lang, the default language's filling the keys
// lang lacks: what a template reads as .UI.KEY.
func (w Words) In(lang string) map[string]string {
	def := w[Langs[0]]
	if lang == Langs[0] || len(w[lang]) == 0 {
		if def == nil {
			return w[lang]
		}
		return def
	}
	out := make(map[string]string, len(def))
	maps.Copy(out, def)
	maps.Copy(out, w[lang])
	return out
}

// Fill returns the word key in lang (as T) with each {name} replaced by
// its value, kv being name, value pairs: the theme's words that carry
// figures ("{n} categorías de {x}") are whole phrases, so that each
// language orders them its own way. The replacing is one pass: a value
// that holds "{x}" is not replaced again.
func (w Words) Fill(lang, key string, kv ...string) string {
	phrase := w.T(lang, key)
	var b strings.Builder
	for {
		open := strings.IndexByte(phrase, '{')
		if open < 0 {
			break
		}
		b.WriteString(phrase[:open])
		phrase = phrase[open:]
		name, _, closed := strings.Cut(phrase[1:], "}")
		value, ok := "", false
		if closed && !strings.Contains(name, "{") {
			value, ok = lookup(kv, name)
		}
		if !ok {
			b.WriteByte('{')
			phrase = phrase[1:]
			continue
		}
		b.WriteString(value)
		phrase = phrase[len(name)+2:]
	}
	if b.Len() == 0 {
		return phrase // nothing replaced: the phrase as it is, not a copy
	}
	b.WriteString(phrase)
	return b.String()
}

// lookup finds name among kv's name, value pairs.
func lookup(kv []string, name string) (string, bool) {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i] == name {
			return kv[i+1], true
		}
	}
	return "", false
}
