// Package i18n holds what differs between the site's languages: texts that
// come in Spanish and English, and the way numbers are written in each.
package i18n

import (
	"slices"
)

// Langs are the languages the site is published in, the first being the default.
var Langs = []string{"es", "en"}

// Valid reports whether lang is one of Langs.
func Valid(lang string) bool { return slices.Contains(Langs, lang) }

// Text is a text in Spanish and English. In TOML it is written either as a
// plain string (the same in both languages) or as a table { es = "…", en = "…" }.
type Text struct {
	ES string
	EN string
}

// In returns the text in lang, falling back to the other language when that
// one is empty.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	if t.ES == "" {
		return t.EN
	}
	return t.ES
}

// IsZero reports whether both languages are empty.
func (t Text) IsZero() bool { return t.ES == "" && t.EN == "" }

// UnmarshalTOML implements toml.Unmarshaler.
func (t *Text) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		t.ES, t.EN = v, v
		return nil
	case map[string]any:
		for k, x := range v {
			s, ok := x.(string)
			if !ok {
				return Errorf("%q debe ser un texto entre comillas", "%q must be a text in quotes", k)
			}
			switch k {
			case "es":
				t.ES = s
			case "en":
				t.EN = s
			default:
				return Errorf("idioma desconocido %q (use es o en)", "unknown language %q (use es or en)", k)
			}
		}
		return nil
	}
	return Errorf(`se espera un texto entre comillas o una tabla { es = "…", en = "…" }`, `expected a text in quotes or a table { es = "…", en = "…" }`)
}

// Plural picks the singular or plural form for a count of n.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
