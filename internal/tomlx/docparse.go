package tomlx

import (
	"strconv"
	"strings"
)

// docParser is the lexical pass behind Parse.
type docParser struct {
	d     *Doc
	s     string
	i     int
	count map[string]int // array of tables path → entries so far
}

func (p *docParser) record(path string, e *entry) {
	if p.d.keys[path] == nil {
		p.d.keys[path] = e
	}
	plain := stripIndexes(path)
	if p.d.plain[plain] == nil {
		p.d.plain[plain] = e
	}
}

func stripIndexes(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	depth := 0
	for i := 0; i < len(path); i++ {
		switch c := path[i]; {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// skip passes blanks, and with nl also newlines and comments.
func (p *docParser) skip(nl bool) {
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			p.i++
		case nl && c == '\n':
			p.i++
		case nl && c == '#':
			for p.i < len(p.s) && p.s[p.i] != '\n' {
				p.i++
			}
		default:
			return
		}
	}
}

func (p *docParser) document() {
	prefix := ""
	for {
		p.skip(true)
		if p.i >= len(p.s) {
			return
		}
		start := p.i
		if p.s[p.i] == '[' {
			array := strings.HasPrefix(p.s[p.i:], "[[")
			p.i++
			if array {
				p.i++
			}
			p.skip(false)
			names, ok := p.key()
			if !ok {
				return
			}
			p.skip(false)
			if !strings.HasPrefix(p.s[p.i:], "]") {
				return
			}
			p.i++
			if array {
				p.i++
			}
			prefix = p.resolve(names)
			// [a.b] also opens the table a, here, unless written before.
			for k := strings.LastIndexByte(prefix, '.'); k > 0; k = strings.LastIndexByte(prefix[:k], '.') {
				p.record(prefix[:k], &entry{key: start, val: -1, end: start, isHeader: true})
			}
			if array {
				n := p.count[prefix]
				p.count[prefix] = n + 1
				prefix += "[" + strconv.Itoa(n) + "]"
			}
			p.record(prefix, &entry{key: start, val: -1, end: p.i, isHeader: true})
			continue
		}
		if p.keyValue(prefix) == nil {
			return
		}
	}
}

// resolve turns the names of a table header into a path, numbering the
// arrays of tables it passes through with their current entry.
func (p *docParser) resolve(names []string) string {
	path := ""
	for i, n := range names {
		if path != "" {
			path += "."
		}
		path += n
		if i < len(names)-1 {
			if c := p.count[path]; c > 0 {
				path += "[" + strconv.Itoa(c-1) + "]"
			}
		}
	}
	return path
}

// keyValue reads key = value under prefix and returns its entry, or nil.
func (p *docParser) keyValue(prefix string) *entry {
	start := p.i
	var quoted []int // the key's quoted names, found by String in a parent's value
	for j := start; j < len(p.s) && p.s[j] != '=' && p.s[j] != '\n'; j++ {
		if c := p.s[j]; c == '"' || c == '\'' {
			quoted = append(quoted, j)
			if k := strings.IndexByte(p.s[j+1:], c); k >= 0 {
				j += k + 1
			}
		}
	}
	names, ok := p.key()
	if !ok {
		return nil
	}
	p.skip(false)
	if p.i >= len(p.s) || p.s[p.i] != '=' {
		return nil
	}
	p.i++
	p.skip(false)
	path := prefix
	for i, n := range names {
		if path != "" {
			path += "."
		}
		path += n
		if i < len(names)-1 {
			// a.b = 1 also writes the table a, here.
			p.record(path, &entry{key: start, val: -1, end: start, isHeader: true})
		}
	}
	e := &entry{key: start, val: p.i, strs: quoted}
	p.record(path, e)
	if !p.value(path, e) {
		return nil
	}
	e.end = p.i
	return e
}

// key reads a dotted key: bare or quoted names.
func (p *docParser) key() ([]string, bool) {
	var names []string
	for {
		p.skip(false)
		if p.i >= len(p.s) {
			return nil, false
		}
		switch c := p.s[p.i]; {
		case c == '"' || c == '\'':
			n := p.stringEnd()
			if n < 0 {
				return nil, false
			}
			v, _ := unquote(p.s[p.i:n])
			names = append(names, v)
			p.i = n
		default:
			j := p.i
			for j < len(p.s) && isBare(p.s[j]) {
				j++
			}
			if j == p.i {
				return nil, false
			}
			names = append(names, p.s[p.i:j])
			p.i = j
		}
		p.skip(false)
		if p.i < len(p.s) && p.s[p.i] == '.' {
			p.i++
			continue
		}
		return names, true
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// stringEnd returns the offset after the string literal at p.i, or -1.
func (p *docParser) stringEnd() int {
	s := p.s[p.i:]
	if strings.HasPrefix(s, `"""`) || strings.HasPrefix(s, `'''`) {
		q := s[:3]
		for j := 3; j < len(s); j++ {
			if s[j] == '\\' && q[0] == '"' {
				j++
				continue
			}
			if strings.HasPrefix(s[j:], q) {
				j += 3
				for j < len(s) && s[j] == q[0] { // up to two more quotes belong to the text
					j++
				}
				return p.i + j
			}
		}
		return -1
	}
	if s[0] == '\'' {
		if j := strings.IndexAny(s[1:], "'\n"); j >= 0 && s[1+j] == '\'' {
			return p.i + j + 2
		}
		return -1
	}
	if n := stringLen(s); n > 0 {
		return p.i + n
	}
	return -1
}

// items reads the items of the array or inline table that opens at p.i,
// up to close, each with item (nil when it cannot), and gathers the
// string literals they hold into e.
func (p *docParser) items(close byte, e *entry, item func(k int) *entry) bool {
	p.i++
	for k := 0; ; k++ {
		p.skip(true)
		if p.i >= len(p.s) {
			return false
		}
		if p.s[p.i] == close {
			p.i++
			return true
		}
		ie := item(k)
		if ie == nil {
			return false
		}
		e.strs = append(e.strs, ie.strs...)
		p.skip(true)
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		}
	}
}

// value reads the value at p.i, recording the keys of inline tables and
// the string literals it holds in e.
func (p *docParser) value(path string, e *entry) bool {
	if p.i >= len(p.s) {
		return false
	}
	switch c := p.s[p.i]; {
	case c == '"' || c == '\'':
		n := p.stringEnd()
		if n < 0 {
			return false
		}
		e.strs = append(e.strs, p.i)
		p.i = n
	case c == '[':
		return p.items(']', e, func(k int) *entry {
			item := path + "[" + strconv.Itoa(k) + "]"
			ie := &entry{key: p.i, val: p.i}
			p.record(item, ie)
			if !p.value(item, ie) {
				return nil
			}
			ie.end = p.i
			return ie
		})
	case c == '{':
		return p.items('}', e, func(int) *entry { return p.keyValue(path) })
	default:
		from := p.i
		for p.i < len(p.s) && !strings.ContainsRune(",]}#\n \t\r", rune(p.s[p.i])) {
			p.i++
		}
		if p.i == from {
			return false // no value here: not TOML the pass can follow
		}
		// A date and time may hold one space: 1979-05-27 07:32:00.
		if p.i+1 < len(p.s) && p.s[p.i] == ' ' && p.s[p.i+1] >= '0' && p.s[p.i+1] <= '9' {
			p.i++
			for p.i < len(p.s) && !strings.ContainsRune(",]}#\n \t\r", rune(p.s[p.i])) {
				p.i++
			}
		}
	}
	return true
}
