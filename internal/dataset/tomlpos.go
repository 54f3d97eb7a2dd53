package dataset

import (
	"strings"
	"unicode/utf8"
)

// tomlPos finds where a key or value of a schema is written, so that the
// checks done after decoding can point at the right line. It understands
// the usual layout (top-level keys, then one [[columns]] block per column)
// and falls back to searching for the quoted column name.
type tomlPos struct {
	lines  []string
	blocks []int // line index of each [[columns]] header
	first  int   // line index of the first table header, len(lines) if none
}

func newTOMLPos(text string) *tomlPos {
	p := &tomlPos{lines: strings.Split(text, "\n")}
	p.first = len(p.lines)
	for i, ln := range p.lines {
		t := strings.TrimSpace(ln)
		if !strings.HasPrefix(t, "[") {
			continue
		}
		if i < p.first {
			p.first = i
		}
		if h, ok := strings.CutPrefix(t, "[["); ok {
			h, _, _ = strings.Cut(h, "]]")
			if strings.TrimSpace(h) == "columns" {
				p.blocks = append(p.blocks, i)
			}
		}
	}
	return p
}

// top returns the position of the value of a top-level key. When needle is
// set, it is the position of the quoted string needle inside that value.
func (p *tomlPos) top(key, needle string, nth int) (line, col int) {
	if p == nil {
		return 0, 0
	}
	return p.find(0, p.first, key, needle, nth)
}

// column returns the position of the value of key in the n-th column
// (0-based), or of the column's name when key cannot be found.
func (p *tomlPos) column(n int, name, key, needle string, nth int) (line, col int) {
	if p == nil {
		return 0, 0
	}
	if n < len(p.blocks) {
		end := len(p.lines)
		for i := p.blocks[n] + 1; i < len(p.lines); i++ {
			if strings.HasPrefix(strings.TrimSpace(p.lines[i]), "[") {
				end = i
				break
			}
		}
		if line, col := p.find(p.blocks[n]+1, end, key, needle, nth); line > 0 {
			return line, col
		}
		if line, col := p.find(p.blocks[n]+1, end, "name", "", 0); line > 0 {
			return line, col
		}
		return p.blocks[n] + 1, 1
	}
	// Inline tables: point at the column's quoted name.
	if name != "" {
		for _, q := range []string{`"` + name + `"`, `'` + name + `'`} {
			for i, ln := range p.lines {
				if j := strings.Index(ln, q); j >= 0 {
					return i + 1, utf8.RuneCountInString(ln[:j]) + 1
				}
			}
		}
	}
	return 0, 0
}

// find searches lines [from, to) for "key =" and returns the 1-based
// position of its value, or of the nth (from 0) quoted needle in it, or
// (0, 0).
func (p *tomlPos) find(from, to int, key, needle string, nth int) (line, col int) {
	for i := from; i < to && i < len(p.lines); i++ {
		ln := p.lines[i]
		t := strings.TrimLeft(ln, " \t")
		rest, ok := strings.CutPrefix(t, key)
		if !ok {
			continue
		}
		r := strings.TrimLeft(rest, " \t")
		if !strings.HasPrefix(r, "=") {
			continue
		}
		at := len(ln) - len(r) + 1 // byte just after '='
		for at < len(ln) && (ln[at] == ' ' || ln[at] == '\t') {
			at++
		}
		if needle == "" {
			return i + 1, utf8.RuneCountInString(ln[:at]) + 1
		}
		// The value may continue on the next lines (a multi-line array).
		for j := i; j < to && j < len(p.lines); j++ {
			seg, off := p.lines[j], 0
			if j == i {
				seg, off = ln[at:], at
			}
			for k := 0; k < len(seg); k++ {
				if seg[k] != '"' && seg[k] != '\'' {
					continue
				}
				q := string(seg[k]) + needle + string(seg[k])
				if strings.HasPrefix(seg[k:], q) {
					if nth == 0 {
						return j + 1, utf8.RuneCountInString(p.lines[j][:off+k]) + 1
					}
					nth--
					k += len(q) - 1
				}
			}
			if j > i && strings.Contains(p.lines[j], "=") {
				break
			}
		}
		return i + 1, utf8.RuneCountInString(ln[:at]) + 1
	}
	return 0, 0
}
