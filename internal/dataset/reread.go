package dataset

import (
	"bytes"
	"reflect"
	"sort"
)

// Rows of an edited CSV are taken from its previous version where their
// text did not change. The preview rebuilds the site each time a CSV is
// saved, and an analyst's edit touches a few rows: reading a 50,000-row
// dataset whole again was two thirds of such a rebuild.
//
// The CSV reader reads a record up to the line break that ends it and
// nothing beyond, and every record starts at the start of a line. So the
// records of the previous version that end before the first changed byte
// read the same in the new one, and so do those that start in the
// unchanged text at the end, once the reader gets there at a record's
// start. Only the text between is read again, and it is read as a CSV of
// its own (the header, blank lines in place of the rows kept before it,
// then the changed rows), so that every line number and check is the one
// a whole read gives. When that text does not read cleanly (an error,
// or a quoted value left open at its end, which would run on into the
// rows after it, or a changed row repeats the key of a kept one), the
// whole file is read as before: errors are reported exactly as ever.

// ReuseRows lets ReadCells take from prev, an earlier version of the same
// dataset whose cells were read without problems, the rows whose text is
// unchanged. It does nothing when prev cannot serve: its cells were not
// read, had problems or were released, or its schema is not t's. A
// workbook's sheet is read whole.
func (t *Table) ReuseRows(prev *Table) {
	if prev == nil || prev.File != t.File || prev.broken || prev.Raw == nil || len(prev.Lines) == 0 ||
		!prev.cellsRead() || prev.Cols == nil || !reflect.DeepEqual(prev.Schema, t.Schema) {
		return
	}
	t.prev = prev
}

// Reused returns how many rows ReadCells took from the earlier version
// given to ReuseRows.
func (t *Table) Reused() int { return t.reused }

// cellsRead reports, without waiting, whether ReadCells is done.
func (t *Table) cellsRead() bool {
	if t.read == nil {
		return true
	}
	select {
	case <-t.read:
		return true
	default:
		return false
	}
}

// reread fills t's rows from raw, the new text, taking from prev, the
// previous version, the rows whose text is unchanged. It reports false,
// leaving t's rows for a whole read, when that cannot be done.
func (t *Table) reread(prev *Table, raw []byte, p *plan) bool {
	if prev == nil {
		return false
	}
	old, lines := prev.Raw, prev.Lines
	same := commonPrefix(old, raw)
	tail := commonSuffix(old[same:], raw[same:])

	// Rows kept from the start: those whose successor starts no later
	// than the line of the first changed byte. The first row not kept is
	// read again from the start of its line, at.
	changedLine := 1 + bytes.Count(old[:same], newline)
	kept := sort.SearchInts(lines, changedLine+1) - 1
	if kept < 0 {
		return false // the header or what precedes the first row changed
	}
	first := lineStart(old, 0, 1, lines[0])
	at := lineStart(old, same, changedLine, lines[kept])

	// Rows kept from the end: those starting on a line after the one
	// where the unchanged end begins. The text read again ends where the
	// first of them starts.
	resume, end := len(lines), len(raw)
	if tail > 0 {
		tailLine := changedLine + bytes.Count(old[same:len(old)-tail], newline)
		if resume = sort.SearchInts(lines, tailLine+1); resume < len(lines) {
			end = lineStart(old, len(old)-tail, tailLine, lines[resume]) + len(raw) - len(old)
		}
	}

	// The kept lines before at become blank ones: one byte each.
	text := make([]byte, 0, end)
	text = append(text, raw[:first]...)
	text = append(text, bytes.Repeat(newline, lines[kept]-lines[0])...)
	text = append(text, raw[at:end]...)

	add := t.newColumns(p, len(lines)+64)
	t.appendRows(prev, 0, kept, 0)
	if l := scan(t.File, bytes.NewReader(text), byteSpan(text), text[:min(len(text), headSize)], p, add); len(l) > 0 {
		return false
	}
	if resume < len(lines) {
		// The kept rows after the change move by the lines it added.
		shift := bytes.Count(raw[at:end], newline) - (lines[resume] - lines[kept])
		t.appendRows(prev, resume, len(lines), shift)
	}
	if len(p.key) > 0 && !t.keysUnique(p) {
		return false // a changed row repeats a kept one's key
	}
	t.reused = kept + len(lines) - resume
	return true
}

// keysUnique reports whether no two rows of t have the same key.
func (t *Table) keysUnique(p *plan) bool {
	seen := make(map[string]struct{}, t.Len())
	var b []byte
	for i := range t.Len() {
		b = b[:0]
		for _, j := range p.key {
			if c := t.Cols[j]; p.cols[j].kind.numeric() {
				b = appendKey(b, true, c.Num[i], "")
			} else {
				b = appendKey(b, false, 0, c.Str[i])
			}
		}
		if _, dup := seen[string(b)]; dup {
			return false
		}
		seen[string(b)] = struct{}{}
	}
	return true
}

var newline = []byte{'\n'}

// appendRows appends rows from to to of prev to t, their lines moved by
// shift.
func (t *Table) appendRows(prev *Table, from, to, shift int) {
	for _, line := range prev.Lines[from:to] {
		t.Lines = append(t.Lines, line+shift)
	}
	for j, c := range t.Cols {
		pc := prev.Cols[j]
		if c.Num != nil {
			c.Num = append(c.Num, pc.Num[from:to]...)
		} else {
			c.Str = append(c.Str, pc.Str[from:to]...)
		}
	}
}

// lineStart returns the offset in text where line n starts, given that
// offset off lies on line line: it walks from there, back or on, so that
// finding a row near a known offset costs the lines between, not the file.
func lineStart(text []byte, off, line, n int) int {
	i := bytes.LastIndexByte(text[:off], '\n') + 1 // where line starts
	for ; line > n; line-- {
		i = bytes.LastIndexByte(text[:i-1], '\n') + 1
	}
	for ; line < n; line++ {
		j := bytes.IndexByte(text[i:], '\n')
		if j < 0 {
			return len(text)
		}
		i += j + 1
	}
	return i
}

// chunk is how many bytes commonPrefix and commonSuffix compare at once.
const chunk = 4 << 10

// commonPrefix returns the length of the longest common prefix of a and b.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+chunk <= n && bytes.Equal(a[i:i+chunk], b[i:i+chunk]) {
		i += chunk
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix returns the length of the longest common suffix of a and b.
func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+chunk <= n && bytes.Equal(a[len(a)-i-chunk:len(a)-i], b[len(b)-i-chunk:len(b)-i]) {
		i += chunk
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}
