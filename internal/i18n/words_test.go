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
