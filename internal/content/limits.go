package content

import (
	"bytes"

	"github.com/tablero/tablero/internal/diag"
)

// Limits on a page, checked before goldmark parses it. Its time and memory
// grow faster than the text for some shapes: 5,000 nested lists took 2 min
// 45 s, blockquotes nested 64,000 deep on one line a minute, a 20 MB page
// 3.5 GB. docs/authoring.md lists them.
const (
	// MaxPage is the largest page, front matter and blocks included. The
	// largest page of the DatACI site is 10 KB; at this size the slowest
	// shape measured (150,000 reference definitions in one paragraph) takes
	// about 2 s and the hungriest (a page of "[") about 60 MB.
	MaxPage = 128 << 10
	// MaxNesting is how deeply lists and blockquotes may nest.
	MaxNesting = 16
)

// CheckSize refuses a page of size bytes over MaxPage. The build asks it
// before reading a page whose size it knows, so that a file of gigabytes
// in content/ costs nothing.
func CheckSize(file string, size int64) (diag.Diagnostic, bool) {
	if size > MaxPage {
		return diag.Errorf(file, 0, 0, "la página pasa del límite de %s (tiene %d bytes)",
			"the page is over the limit of %s (it has %d bytes)", diag.Size(MaxPage), size).
			WithHint("divida el texto en varias páginas; los datos van en data/, no en la página",
				"split the text into several pages; data goes in data/, not in the page"), false
	}
	return diag.Diagnostic{}, true
}

// checkPage refuses a page that is not UTF-8 text or is over MaxPage, as a
// dataset is refused: with the position of the first bad byte.
func checkPage(file string, src []byte) (diag.Diagnostic, bool) {
	if diag.IsUTF16(src) {
		return diag.Errorf(file, 1, 1, "la página está guardada en UTF-16 («Unicode» del Bloc de notas), no en UTF-8",
			`the page is saved as UTF-16 (Notepad's "Unicode"), not UTF-8`).
			WithHint("guárdela como UTF-8 en el editor (en el Bloc de notas: Guardar como › Codificación: UTF-8)",
				"save it as UTF-8 in the editor (in Notepad: Save As › Encoding: UTF-8)"), false
	}
	if d, ok := CheckSize(file, int64(len(src))); !ok {
		return d, false
	}
	return diag.CheckUTF8(file, 1, bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")), diag.Text{ES: "la página no está guardada", EN: "the page is not saved"})
}

// checkNesting reports the first line of body (which starts at line
// bodyLine of file) whose lists and blockquotes nest deeper than
// MaxNesting. It reads only the start of each line: every ">" and list
// marker counts one level, and so does every 2 columns of indentation
// before one. Fenced code is measured too: telling where goldmark sees a
// fence end would take its own rules, and a mistake would let a deep page
// through; code with so many levels is not plausible.
func checkNesting(file string, body []byte, bodyLine int) (diag.Diagnostic, bool) {
	for n, rest := 0, body; len(rest) > 0; n++ {
		var ln []byte
		ln, rest, _ = bytes.Cut(rest, []byte("\n"))
		level, i := 0, 0
		for i < len(ln) {
			indent := 0
			for i < len(ln) && (ln[i] == ' ' || ln[i] == '\t') {
				if ln[i] == '\t' {
					indent += 4 - indent%4
				} else {
					indent++
				}
				i++
			}
			m := marker(ln[i:])
			if m == 0 {
				break
			}
			level += 1 + indent/2
			if level > MaxNesting {
				return diag.Errorf(file, bodyLine+n, i+1, "listas o citas anidadas en más de %d niveles",
					"lists or quotes nested more than %d levels deep", MaxNesting).
					WithHint("una página usa pocos niveles: revise la sangría y los signos -, * y > al principio de esta línea",
						"a page uses few levels: check the indentation and the -, * and > signs at the start of this line"), false
			}
			i += m
		}
	}
	return diag.Diagnostic{}, true
}

// marker returns the length of the blockquote or list marker that starts
// b ("> ", "- ", "1. "), or 0.
func marker(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	end := func(k int) int { // a list marker ends with a space or the line
		if k == len(b) || b[k] == ' ' || b[k] == '\t' || b[k] == '\r' {
			return k
		}
		return 0
	}
	switch c := b[0]; {
	case c == '>':
		return 1
	case c == '-' || c == '*' || c == '+':
		return end(1)
	case c >= '0' && c <= '9':
		k := 1
		for k < len(b) && k < 9 && b[k] >= '0' && b[k] <= '9' {
			k++
		}
		if k < len(b) && (b[k] == '.' || b[k] == ')') {
			return end(k + 1)
		}
	}
	return 0
}
