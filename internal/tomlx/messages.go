package tomlx

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tablero/tablero/internal/diag"
)

// tomlType names a TOML value's type (as the library prints its Go type)
// or a destination's (as the library names it) for an author.
func tomlType(t string) diag.Text {
	switch {
	case t == "string" || t == "primitive (string-like)":
		return diag.Text{ES: "un texto entre comillas", EN: "a text in quotes"}
	case t == "int64" || t == "integer":
		return diag.Text{ES: "un número entero", EN: "a whole number"}
	case t == "float64" || t == "float":
		return diag.Text{ES: "un número", EN: "a number"}
	case t == "bool" || t == "boolean":
		return diag.Text{ES: "true o false", EN: "true or false"}
	case strings.HasPrefix(t, "[]") || t == "slice":
		return diag.Text{ES: "una lista [ … ]", EN: "a list [ … ]"}
	case strings.HasPrefix(t, "map") || t == "struct":
		return diag.Text{ES: "una tabla { … }", EN: "a table { … }"}
	case strings.HasPrefix(t, "time.") || strings.Contains(t, "Date") || strings.Contains(t, "Time"):
		return diag.Text{ES: "una fecha", EN: "a date"}
	}
	return diag.Text{ES: t, EN: t}
}

// typeHint says how a value of the type dst is written.
func typeHint(dst, key string) diag.Text {
	switch tomlType(dst).EN {
	case "a text in quotes":
		return diag.T(`escriba el valor entre comillas: %s = "…"`, `write the value in quotes: %s = "…"`, key)
	case "a whole number", "a number":
		return diag.T("escriba la cifra sin comillas: %s = 2", "write the figure without quotes: %s = 2", key)
	case "true or false":
		return diag.T("escriba %s = true o %s = false, sin comillas", "write %s = true or %s = false, without quotes", key, key)
	case "a list [ … ]":
		return diag.T(`escriba una lista entre corchetes: %s = ["…", "…"]`, `write a list in brackets: %s = ["…", "…"]`, key)
	case "a table { … }":
		return diag.T("escriba una tabla: %s = { … } o una sección [%s]", "write a table: %s = { … } or a section [%s]", key, key)
	}
	return diag.Text{ES: "vea docs/authoring.md", EN: "see docs/authoring.md"}
}

// typeMismatch reports a value of the wrong type for key (dotted, as the
// library gives it) on line n (1-based) of lines, naming the column (or
// the entry with that name) when the key is inside one.
func typeMismatch(file string, firstLine int, lines []string, n int, key, got, dst string) diag.Diagnostic {
	name := key[strings.LastIndexByte(key, '.')+1:]
	line, col := n-1, 0
	if line >= 0 && line < len(lines) {
		if c := keyCol(lines[line], name); c > 0 {
			col = c
		}
	}
	want, have := tomlType(dst), tomlType(got)
	where := entryOf(lines, line, key)
	d := diag.Diagnostic{File: file, Line: firstLine + max(line, 0), Col: col, Msg: diag.Text{
		ES: where.ES + fmt.Sprintf("%s debe ser %s, no %s", diag.Short(key), want.ES, have.ES),
		EN: where.EN + fmt.Sprintf("%s must be %s, not %s", diag.Short(key), want.EN, have.EN),
	}}
	d.Hint = typeHint(dst, diag.Short(name))
	return d
}

// entryOf starts a message about key, on line i (0-based) of lines, with
// the column it belongs to (`column "x": `), or the name of the entry of
// another array of tables, or nothing.
func entryOf(lines []string, i int, key string) diag.Text {
	dot := strings.IndexByte(key, '.')
	if dot < 0 {
		return diag.Text{}
	}
	entry := entryName(lines, i)
	if entry == "" {
		return diag.Text{}
	}
	entry = diag.Short(entry)
	if key[:dot] == "columns" {
		return diag.T("columna %q: ", "column %q: ", entry)
	}
	return diag.T("%s (name = %q): ", "%s (name = %q): ", key[:dot], entry)
}

// keyCol returns the 1-based column of "name =" in ln, or 0.
func keyCol(ln, name string) int {
	if _, col := findKey([]string{ln}, name); col > 0 {
		return col
	}
	return 0
}

// entryName returns the value of `name = "…"` in the [[table]] block that
// holds line i, or "".
func entryName(lines []string, i int) string {
	if i >= len(lines) {
		return ""
	}
	from := i
	for from > 0 && !isHeader(lines[from]) {
		from--
	}
	for j := from; j < len(lines); j++ {
		if j > from && isHeader(lines[j]) {
			break
		}
		t := strings.TrimSpace(lines[j])
		if rest, ok := strings.CutPrefix(t, "name"); ok {
			rest = strings.TrimSpace(rest)
			if v, ok := strings.CutPrefix(rest, "="); ok {
				v = strings.TrimSpace(v)
				if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
					if k := strings.IndexByte(v[1:], v[0]); k >= 0 {
						return v[1 : k+1]
					}
				}
			}
		}
	}
	return ""
}

func isHeader(ln string) bool { return strings.HasPrefix(strings.TrimSpace(ln), "[") }

// findHeader returns the 0-based line and 1-based column of the first
// table header ([a.b] or [[a.b]]) whose name starts with path, or -1.
func findHeader(lines []string, path []string) (int, int) {
	for i, ln := range lines {
		t := strings.TrimLeft(ln, " \t")
		if !strings.HasPrefix(t, "[") {
			continue
		}
		h := strings.TrimLeft(t, "[")
		if j := strings.IndexByte(h, ']'); j >= 0 {
			h = h[:j]
		}
		segs := splitKey(h)
		if len(segs) >= len(path) && slices.Equal(segs[:len(path)], path) {
			return i, len([]rune(ln)) - len([]rune(t)) + 1
		}
	}
	return -1, 0
}

// splitKey splits a dotted key into its names, unquoting quoted ones.
func splitKey(h string) []string {
	var segs []string
	for _, s := range strings.Split(h, ".") {
		s = strings.TrimSpace(s)
		if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
			s = s[1 : len(s)-1]
		}
		segs = append(segs, s)
	}
	return segs
}
