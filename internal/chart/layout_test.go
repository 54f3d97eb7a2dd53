package chart

import "testing"

func TestWrappedLines(t *testing.T) {
	for _, c := range []struct {
		label string
		width float64
		want  int
	}{
		{"Agronegocios", 110, 1},
		{"", 110, 1},
		// Seen at 390 px: four lines, not the three that counting its
		// characters gives.
		{"Registro mercantil y finanzas empresariales", 110, 4},
		{"Registro mercantil y finanzas empresariales", 220, 2},
		{"Supercalifragilisticexpialidocious", 110, 2}, // a word wider than the label breaks inside
	} {
		if got := wrappedLines(c.label, c.width); got != c.want {
			t.Errorf("wrappedLines(%q, %v) = %d, want %d", c.label, c.width, got, c.want)
		}
	}
}
