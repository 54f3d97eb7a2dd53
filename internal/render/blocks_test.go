package render

import "testing"

// TestSortText pins the keys a cell without data-sort sorts by, the rule
// tablero.js's sortText applies: a number in the page's notation becomes
// the number as code writes it; anything else stays as it is (and so keeps
// its data-sort wherever its key differs).
func TestSortText(t *testing.T) {
	for _, tc := range []struct{ text, lang, want string }{
		{"305.796,63", "es", "305796.63"},
		{"305,796.63", "en", "305796.63"},
		{"250.488", "es", "250488"},
		{"250.488", "en", "250.488"},
		{"-1.234,5", "es", "-1234.5"},
		{"0,5", "es", "0.5"},
		{"2015", "es", "2015"},
		{"2015", "en", "2015"},
		{"1.500", "es", "1500"},
		{"1.50", "es", "1.50"},   // not groups of three: text
		{"1,2,3", "es", "1,2,3"}, // two decimal marks
		{"12,", "es", "12,"},
		{"-", "es", "-"},
		{"≈ 3,7", "es", "≈ 3,7"},
		{"−4", "es", "−4"}, // a minus sign tablero never writes
		{"1.234.567", "es", "1234567"},
		{"1234.567", "es", "1234.567"},
		{"Medellín", "es", "Medellín"},
		{"", "es", ""},
	} {
		if got := sortText(tc.text, tc.lang); got != tc.want {
			t.Errorf("sortText(%q, %s) = %q, want %q", tc.text, tc.lang, got, tc.want)
		}
	}
}
