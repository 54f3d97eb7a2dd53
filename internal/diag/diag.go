// Package diag holds the positions and diagnostics every stage reports.
//
// A Diagnostic carries its message in both of the site's languages so that
// the command line, the preview overlay and tests can choose one late.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/tablero/tablero/internal/i18n"
)

// Text is a message in Spanish and English.
type Text = i18n.Text

// T builds a Text from two format strings that take the same arguments.
// Texts longer than a few lines are cut, so that no value from the inputs,
// however large, is repeated whole.
func T(es, en string, args ...any) Text {
	cloned := false // args may be the caller's slice
	for i, a := range args {
		if s, ok := a.(string); ok && len(s) > maxArg {
			if !cloned {
				args, cloned = slices.Clone(args), true
			}
			args[i] = cut(s, maxArg)
		}
	}
	return Text{ES: fmt.Sprintf(es, args...), EN: fmt.Sprintf(en, args...)}
}

// Diagnostic is one problem found in the inputs, with where it is.
type Diagnostic struct {
	File string // slash-separated path relative to the site source, e.g. data/ied.csv
	Line int    // 1-based; 0 when the problem concerns the whole file
	Col  int    // 1-based column in characters; 0 when unknown
	Msg  Text
	Hint Text // what to do about it; may be empty
	// Notes point at the other places the problem involves (the first
	// declaration of a name declared twice), as esbuild's Notes do: the
	// command line prints each under the diagnostic, the preview overlay
	// lists them under its message.
	Notes []Note
}

// Note is a second place a diagnostic speaks of, with what is there.
type Note struct {
	File      string
	Line, Col int
	Msg       Text
}

// Pos returns the note's "file:line:col", as Diagnostic.Pos.
func (n Note) Pos() string { return pos(n.File, n.Line, n.Col) }

// WithNote returns d with a note at file:line:col, its message built by T.
func (d Diagnostic) WithNote(file string, line, col int, es, en string, args ...any) Diagnostic {
	d.Notes = append(slices.Clip(d.Notes), Note{File: file, Line: line, Col: col, Msg: T(es, en, args...)})
	return d
}

// Errorf returns a diagnostic whose message is built by T.
func Errorf(file string, line, col int, es, en string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Col: col, Msg: T(es, en, args...)}
}

// WithHint returns d with a hint built by T.
func (d Diagnostic) WithHint(es, en string, args ...any) Diagnostic {
	d.Hint = T(es, en, args...)
	return d
}

// Pos returns "file:line:col", leaving out the parts that are unknown.
func (d Diagnostic) Pos() string { return pos(d.File, d.Line, d.Col) }

func pos(file string, line, col int) string {
	switch {
	case line == 0:
		return file
	case col == 0:
		return fmt.Sprintf("%s:%d", file, line)
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}

// Format renders the diagnostic in lang as "file:line:col: message (hint)",
// and each note on a line of its own below it, indented:
// "  file:line:col: nota: message".
func (d Diagnostic) Format(lang string) string {
	var b strings.Builder
	b.WriteString(d.Pos())
	b.WriteString(": ")
	b.WriteString(d.Msg.In(lang))
	if h := d.Hint.In(lang); h != "" {
		b.WriteString(" (")
		b.WriteString(h)
		b.WriteString(")")
	}
	for _, n := range d.Notes {
		b.WriteString("\n  ")
		b.WriteString(n.Pos())
		b.WriteString(": ")
		b.WriteString(i18n.Pick(lang, "nota: ", "note: "))
		b.WriteString(n.Msg.In(lang))
	}
	return b.String()
}

// Error renders the diagnostic in Spanish, the site's first language.
func (d Diagnostic) Error() string { return d.Format("es") }

// List is a set of diagnostics from one or more stages.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Sort orders the list by file, line and column so every run prints the same.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col), cmp.Compare(a.Msg.ES, b.Msg.ES))
	})
}

// Format renders every diagnostic in lang, one per line.
func (l List) Format(lang string) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Format(lang))
		b.WriteByte('\n')
	}
	return b.String()
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return ListError(l)
}

// ListError is a non-empty List used as an error value.
type ListError List

func (e ListError) Error() string { return strings.TrimSuffix(List(e).Format("es"), "\n") }
