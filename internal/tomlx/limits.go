package tomlx

import (
	"unicode/utf8"

	"github.com/tablero/tablero/internal/diag"
)

// Limits checked before the TOML parser sees the text. The parser's memory
// grows with the square of the nesting (x = {a={a=…}} 8,000 deep, 32 KB of
// text, took 3.2 GB; 100,000 deep took the machine down), and a dotted
// header 100,000 keys deep took 88 s and 10 GB; no schema, page header,
// block or site.toml needs more than a few levels or a few kilobytes.
const (
	// MaxSize is the largest TOML text read: a schema, site.toml, a page's
	// +++ header or a block. The largest schema of the DatACI site is 14 KB.
	MaxSize = 256 << 10
	// MaxDepth is how deeply tables, arrays and dotted keys may nest: each
	// { or [ open around a place counts one, and so does each dot of the
	// key or table name written there ([a.b.c] is 3 deep, x = {y = [1]} 2).
	MaxDepth = 12
)

// CheckSize refuses a TOML text of size bytes over MaxSize, starting at
// line firstLine of file. The build asks it before reading a schema whose
// size it knows, so that a file of gigabytes costs nothing.
func CheckSize(file string, firstLine int, size int64) (diag.Diagnostic, bool) {
	if size > MaxSize {
		return diag.Errorf(file, firstLine, 0, "el texto TOML pasa del límite de %s (tiene %d bytes)",
			"the TOML text is over the limit of %s (it has %d bytes)", diag.Size(MaxSize), size).
			WithHint("un esquema o un encabezado ocupa unos pocos KB: revise si se pegó aquí otro archivo",
				"a schema or a header takes a few KB: check whether another file was pasted here"), false
	}
	return diag.Diagnostic{}, true
}

// checkLimits scans text once, without parsing it, and reports the first
// place that goes over MaxSize or MaxDepth, or a byte that is not UTF-8.
// It knows just enough TOML to skip strings and comments.
func checkLimits(file string, firstLine int, text string) (diag.Diagnostic, bool) {
	if d, ok := CheckSize(file, firstLine, int64(len(text))); !ok {
		return d, false
	}
	// Checked as it is first: the diagnostic's copy of the text is made
	// only for a text that has a problem.
	if !utf8.ValidString(text) {
		if d, ok := diag.CheckUTF8(file, firstLine, []byte(text), diag.Text{ES: "el texto TOML no está guardado", EN: "the TOML text is not saved"}); !ok {
			return d, false
		}
	}
	var (
		stack []byte // '{' inline table, '[' array, 'h' table header
		dots  int    // dots of the key being written
		inKey = true // at a place where a key (or a header) is written
		line  = firstLine
		col   = 0 // characters of the current line before i
	)
	deep := func() (diag.Diagnostic, bool) {
		return diag.Errorf(file, line, col+1, "anidamiento demasiado profundo: más de %d niveles de tablas, listas o claves con puntos",
			"nesting too deep: more than %d levels of tables, lists or dotted keys", MaxDepth).
			WithHint("un esquema, un encabezado o un bloque usa pocos niveles: revise las llaves { } y corchetes [ ] de esta línea",
				"a schema, a header or a block uses few levels: check the braces { } and brackets [ ] on this line"), false
	}
	top := func() byte {
		if len(stack) == 0 {
			return 0
		}
		return stack[len(stack)-1]
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case '\n':
			line, col = line+1, 0
			if len(stack) == 0 || top() == 'h' {
				stack, dots, inKey = stack[:0], 0, true // a header ends with its line
			}
			continue
		case '#':
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
			continue
		case '"', '\'':
			end, nl := skipString(text, i)
			if nl > 0 {
				line += nl
				col = 0
				for j := end; j > i && text[j-1] != '\n'; j-- {
					if text[j-1]&0xC0 != 0x80 {
						col++
					}
				}
			} else {
				col += runes(text[i:end])
			}
			i = end - 1
			continue
		case '[':
			if len(stack) == 0 && inKey || top() == 'h' {
				stack = append(stack, 'h')
			} else {
				stack = append(stack, '[')
				inKey = false
			}
		case '{':
			stack = append(stack, '{')
			dots, inKey = 0, true
		case ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			dots = 0
			if top() == 'h' || len(stack) == 0 && c == ']' {
				inKey = false
			}
		case ',':
			dots = 0
			inKey = top() == '{'
		case '=':
			dots, inKey = 0, false
		case '.':
			if inKey || top() == 'h' {
				dots++
			}
		}
		if len(stack)+dots > MaxDepth {
			return deep()
		}
		if c&0xC0 != 0x80 {
			col++
		}
	}
	return diag.Diagnostic{}, true
}

// skipString returns the offset just past the string that starts at i (a
// basic "…", literal '…' or multi-line """…""" / ”'…”' string) and the
// number of line breaks it holds. An unclosed single-line string ends at
// its line; the parser reports it.
func skipString(text string, i int) (end, newlines int) {
	q := text[i]
	multi := len(text) >= i+3 && text[i+1] == q && text[i+2] == q
	j := i + 1
	if multi {
		j = i + 3
	}
	for j < len(text) {
		c := text[j]
		switch {
		case c == '\\' && q == '"':
			if j+1 < len(text) && text[j+1] == '\n' {
				newlines++
			}
			j += 2
			continue
		case c == '\n':
			if !multi {
				return j, newlines
			}
			newlines++
		case c == q && !multi:
			return j + 1, newlines
		case c == q && len(text) >= j+3 && text[j+1] == q && text[j+2] == q:
			j += 3
			for k := 0; k < 2 && j < len(text) && text[j] == q; k++ {
				j++ // up to two quotes just before the closing ones belong to the string
			}
			return j, newlines
		}
		j++
	}
	return len(text), newlines
}

func runes(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}
