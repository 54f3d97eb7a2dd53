package tomlx

import (
	"fmt"
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
// library gives it, without array entries) on line n (1-based) of doc,
// naming the column (or the entry with that name) when the key is inside
// one.
func typeMismatch(file string, firstLine int, doc *Doc, n int, key, got, dst string) diag.Diagnostic {
	name := key[strings.LastIndexByte(key, '.')+1:]
	col := 0
	if l, c, ok := doc.Key(doc.entryPath(key, n)); ok && l == n {
		col = c
	}
	want, have := tomlType(dst), tomlType(got)
	where := entryOf(doc, n, key)
	d := diag.Diagnostic{File: file, Line: firstLine + max(n-1, 0), Col: col, Msg: diag.Text{
		ES: where.ES + fmt.Sprintf("%s debe ser %s, no %s", diag.Short(key), want.ES, have.ES),
		EN: where.EN + fmt.Sprintf("%s must be %s, not %s", diag.Short(key), want.EN, have.EN),
	}}
	d.Hint = typeHint(dst, diag.Short(name))
	return d
}

// entryOf starts a message about key, written on line n (1-based) of doc,
// with the column it belongs to (`column "x": `), or the name of the entry
// of another array of tables, or nothing.
func entryOf(doc *Doc, n int, key string) diag.Text {
	dot := strings.IndexByte(key, '.')
	if dot < 0 {
		return diag.Text{}
	}
	base := doc.EntryAt(key[:dot], n)
	if base == "" {
		base = key[:dot] // a [table] with a name
	}
	entry, _ := doc.Text(base + ".name")
	if entry == "" {
		return diag.Text{}
	}
	entry = diag.Short(entry)
	if key[:dot] == "columns" {
		return diag.T("columna %q: ", "column %q: ", entry)
	}
	return diag.T("%s (name = %q): ", "%s (name = %q): ", key[:dot], entry)
}
