package i18n

import "testing"

func TestWords(t *testing.T) {
	w := Words{"es": {"a": "uno", "b": "dos"}, "en": {"a": "one"}}
	tests := []struct{ lang, key, want string }{
		{"es", "a", "uno"},
		{"en", "a", "one"},
		{"en", "b", "dos"}, // missing in en: the default language's
		{"fr", "a", "uno"},
		{"en", "c", ""},
	}
	for _, tt := range tests {
		if got := w.T(tt.lang, tt.key); got != tt.want {
			t.Errorf("T(%s, %s) = %q, want %q", tt.lang, tt.key, got, tt.want)
		}
		if tt.want != "" {
			if got := w.In(tt.lang)[tt.key]; got != tt.want {
				t.Errorf("In(%s)[%s] = %q, want %q", tt.lang, tt.key, got, tt.want)
			}
		}
	}
}

func TestPick(t *testing.T) {
	for _, tt := range []struct{ lang, want string }{{"es", "hola"}, {"en", "hello"}, {"", "hola"}} {
		if got := Pick(tt.lang, "hola", "hello"); got != tt.want {
			t.Errorf("Pick(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestFill(t *testing.T) {
	w := Words{"es": {"range": "de {from} a {to}"}, "en": {"range": "from {from} to {to}"}}
	for _, tt := range []struct {
		lang string
		kv   []string
		want string
	}{
		{"es", []string{"from", "1990", "to", "2020"}, "de 1990 a 2020"},
		{"en", []string{"to", "2020", "from", "1990"}, "from 1990 to 2020"},
		// A value holding a placeholder is not replaced again.
		{"en", []string{"from", "{to}", "to", "x"}, "from {to} to x"},
		// A name without a value leaves its placeholder.
		{"es", []string{"from", "1990"}, "de 1990 a {to}"},
	} {
		if got := w.Fill(tt.lang, "range", tt.kv...); got != tt.want {
			t.Errorf("Fill(%s, %v) = %q, want %q", tt.lang, tt.kv, got, tt.want)
		}
	}
}

// Braces that are not a placeholder given a value stay as they are, and a
// placeholder right after one is still filled.
func TestFillBraces(t *testing.T) {
	for phrase, want := range map[string]string{
		"{{n}}":            "{7}",
		"{n":               "{n",
		"n}":               "n}",
		"{x} {n}":          "{x} 7",
		"{}":               "{}",
		"{n}{n}":           "77",
		"sin llaves":       "sin llaves",
		"{n} de {n {n}}} ": "7 de {n 7}} ",
	} {
		w := Words{"es": {"k": phrase}}
		if got := w.Fill("es", "k", "n", "7"); got != want {
			t.Errorf("Fill of %q = %q, want %q", phrase, got, want)
		}
	}
}
