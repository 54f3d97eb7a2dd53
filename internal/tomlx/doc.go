package tomlx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Doc is a TOML text with the position of every key it assigns, so that
// checks made after decoding (a column declared twice, a value of the wrong
// type, an unknown key) point at the line and column the author wrote. It
// is the one place that knows where keys are: tomlx, dataset and chart ask
// it.
//
// Paths join names with dots and number the entries of arrays from 0:
// "columns[2].values" is the values of the third [[columns]] table (or of
// the third inline table of columns = [ … ]); "title.es" is es inside
// title = { … } or a [title] table. The index is built by a lexical pass
// that needs no valid TOML: on text it cannot follow it keeps what it found
// so far, and Decode reports the syntax error.
type Doc struct {
	text  string
	lines []int // byte offset where each line starts
	keys  map[string]*entry
	plain map[string]*entry // path without array indexes → first entry
}

// entry is where one key path is written.
type entry struct {
	key      int   // offset of the key (or of a table header's "[")
	val      int   // offset of the value, -1 for a table header
	end      int   // offset just after the value
	strs     []int // offsets of the string literals inside the value
	isHeader bool
}

// Parse indexes text. It never fails.
func Parse(text string) *Doc {
	d := &Doc{text: text, lines: []int{0}, keys: map[string]*entry{}, plain: map[string]*entry{}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	p := &docParser{d: d, s: text, count: map[string]int{}}
	p.document()
	return d
}

// Pos returns the 1-based line and character column of byte offset off.
func (d *Doc) Pos(off int) (line, col int) {
	n := len(d.lines) - 1
	for n > 0 && d.lines[n] > off {
		n--
	}
	return n + 1, utf8.RuneCountInString(d.text[d.lines[n]:off]) + 1
}

func (d *Doc) lookup(path string) *entry {
	if d == nil {
		return nil
	}
	if e := d.keys[path]; e != nil {
		return e
	}
	return d.plain[path]
}

// Key returns where the key of path is written (for a table, its header),
// or ok false. A path without array indexes finds its first entry.
func (d *Doc) Key(path string) (line, col int, ok bool) {
	e := d.lookup(path)
	if e == nil {
		return 0, 0, false
	}
	line, col = d.Pos(e.key)
	return line, col, true
}

// Value returns where the value of path starts, or ok false. For a table
// written as a [header] it is the header.
func (d *Doc) Value(path string) (line, col int, ok bool) {
	e := d.lookup(path)
	if e == nil {
		return 0, 0, false
	}
	if e.val < 0 {
		line, col = d.Pos(e.key)
	} else {
		line, col = d.Pos(e.val)
	}
	return line, col, true
}

// String returns where the nth (from 0) string equal to s starts inside
// the value of path (an array of names, say), or ok false.
func (d *Doc) String(path, s string, nth int) (line, col int, ok bool) {
	e := d.lookup(path)
	if e == nil {
		return 0, 0, false
	}
	for _, off := range e.strs {
		end := e.end
		if end < off {
			end = len(d.text) // a value the pass could not follow to its end
		}
		if v, ok := unquote(d.text[off:end]); ok && v == s {
			if nth == 0 {
				line, col = d.Pos(off)
				return line, col, true
			}
			nth--
		}
	}
	return 0, 0, false
}

// Entries returns how many entries the array of tables (or inline array)
// at path has.
func (d *Doc) Entries(path string) int {
	n := 0
	for d.keys[path+"["+strconv.Itoa(n)+"]"] != nil {
		n++
	}
	return n
}

// EntryAt returns the path of the array entry under path ("columns[2]")
// whose text holds line, or "".
func (d *Doc) EntryAt(path string, line int) string {
	found := ""
	for i := range d.Entries(path) {
		p := path + "[" + strconv.Itoa(i) + "]"
		if l, _, _ := d.Key(p); l <= line {
			found = p
		}
	}
	return found
}

// entryPath turns key, a path without array entries as the TOML library
// names it ("columns.type"), into the path of the entry written around
// line ("columns[2].type"); key itself when its first name is no array.
func (d *Doc) entryPath(key string, line int) string {
	first, rest, ok := strings.Cut(key, ".")
	if !ok {
		return key
	}
	if e := d.EntryAt(first, line); e != "" {
		return e + "." + rest
	}
	return key
}

// Text returns the text of the string value of path, or ok false.
func (d *Doc) Text(path string) (string, bool) {
	e := d.lookup(path)
	if e == nil || e.val < 0 || e.val >= len(d.text) {
		return "", false
	}
	if c := d.text[e.val]; c != '"' && c != '\'' {
		return "", false
	}
	return unquote(d.text[e.val:])
}

// unquote reads the string literal at the start of s.
func unquote(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	q := s[0]
	if strings.HasPrefix(s, `"""`) || strings.HasPrefix(s, `'''`) {
		end := strings.Index(s[3:], s[:3])
		if end < 0 {
			return "", false
		}
		body := strings.TrimPrefix(s[3:3+end], "\n")
		if q == '\'' {
			return body, true
		}
		v, err := strconv.Unquote(`"` + strings.ReplaceAll(body, "\n", `\n`) + `"`)
		return v, err == nil
	}
	if q == '\'' {
		end := strings.IndexByte(s[1:], '\'')
		if end < 0 {
			return "", false
		}
		return s[1 : 1+end], true
	}
	n := stringLen(s)
	if n < 2 {
		return "", false
	}
	v, err := strconv.Unquote(s[:n])
	if err != nil {
		return s[1 : n-1], true // an escape Go does not know: compare the raw text
	}
	return v, true
}

// stringLen returns the length of the basic string at the start of s,
// quotes included, or 0 when it does not close on its line.
func stringLen(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		case '\n':
			return 0
		}
	}
	return 0
}
