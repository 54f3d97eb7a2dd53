package content

import (
	"strings"

	"github.com/tablero/tablero/internal/diag"
)

// headlineBlock returns the [headline] table of the front matter front as
// a kpi block, so that it is decoded, checked and built like any card and
// its errors point at its lines. The table must be written as a table
// header ([headline], last in the front matter, as TOML requires), not
// inline, for those positions to hold.
func headlineBlock(file, front string) (*Block, *diag.Diagnostic) {
	lines := strings.Split(front, "\n")
	for i, ln := range lines {
		if strings.TrimSpace(ln) != "[headline]" {
			continue
		}
		end := i + 1
		for end < len(lines) {
			t := strings.TrimSpace(lines[end])
			if strings.HasPrefix(t, "[") && !strings.HasPrefix(t, "[headline.") {
				break
			}
			end++
		}
		// The front matter starts on line 2 of the file.
		return &Block{Kind: "kpi", Body: strings.Join(lines[i+1:end], "\n"), File: file, Line: i + 3}, nil
	}
	line := 2
	for i, ln := range lines {
		if strings.HasPrefix(strings.TrimSpace(ln), "headline") {
			line = i + 2
			break
		}
	}
	d := diag.Errorf(file, line, 1, "escriba headline como una tabla [headline] al final del encabezado",
		"write headline as a [headline] table at the end of the header").
		WithHint("una línea [headline] y debajo data, where, value, title, unit y period, como en un bloque kpi",
			"a [headline] line followed by data, where, value, title, unit and period, as in a kpi block")
	return nil, &d
}
