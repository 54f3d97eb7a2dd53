package dataset

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// The parts of an .xlsx are XML. A sheet of a million rows is a few
// hundred megabytes of it, and encoding/xml (through excelize) took 23 s
// and 117 MB for one; the tokenizer below reads it at the speed of the
// CSV reader in a fixed buffer. It knows only what a spreadsheet part
// needs: tags, attributes, text, entities and CDATA. Comments and
// processing instructions are skipped; a DOCTYPE is refused, so that no
// entity can be declared (and none is expanded).

// Token kinds returned by xmlScanner.next.
const (
	tokEOF   = iota
	tokStart // <name attrs>
	tokEmpty // <name attrs/>
	tokEnd   // </name>
	tokText  // character data, still escaped; only while keep is set
	tokCDATA // the literal text of a CDATA section; only while keep is set
)

// xmlBuffer is the size of the tokenizer's read buffer.
const xmlBuffer = 256 << 10

// maxTag is the longest tag, attributes included: a row or cell tag is a
// few dozen bytes; anything longer is a damaged or hostile file.
const maxTag = 64 << 10

var errXML = errors.New("XML mal formado")

type xmlToken struct {
	kind  int
	name  []byte // local name, without a namespace prefix
	attrs []byte // the raw attributes of a start tag
	text  []byte
}

type xmlScanner struct {
	r        io.Reader
	rerr     error
	buf      []byte // the window read: buf[pos:end] is not consumed yet
	pos, end int
	long     []byte // a text longer than what the window held
	atTag    bool   // the '<' of the next tag was read
	// keep asks for the text between tags; without it text is skipped.
	keep bool
	// maxText bounds the text returned in one token.
	maxText int
}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, xmlBuffer), maxText: MaxCell + 16}
}

// errTooLong is returned when one token is over its bound.
var errTooLong = errors.New("too long")

// fill moves the bytes not consumed to the front of the window and reads
// more after them. It reports false when nothing more was read.
func (s *xmlScanner) fill() bool {
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	for s.rerr == nil && s.end < len(s.buf) {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.rerr = err
		}
		if n > 0 {
			return true
		}
	}
	return false
}

func (s *xmlScanner) readErr() error {
	if s.rerr == nil || s.rerr == io.EOF {
		return io.EOF
	}
	return s.rerr
}

// next returns the next token. Its slices are valid until the next call.
func (s *xmlScanner) next() (xmlToken, error) {
	for {
		if !s.atTag {
			t, err := s.text()
			if err != nil {
				return xmlToken{}, err
			}
			s.atTag = true
			if s.keep && len(t) > 0 {
				return xmlToken{kind: tokText, text: t}, nil
			}
		}
		s.atTag = false
		tok, skip, err := s.tag()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return xmlToken{}, err
		}
		if !skip {
			return tok, nil
		}
	}
}

// text reads up to the next '<', which it consumes; at the end of the
// input it returns io.EOF.
func (s *xmlScanner) text() ([]byte, error) {
	s.long = s.long[:0]
	for {
		b := s.buf[s.pos:s.end]
		if i := bytes.IndexByte(b, '<'); i >= 0 {
			s.pos += i + 1
			if len(s.long) == 0 {
				return b[:i], nil
			}
			if s.keep {
				if len(s.long)+i > s.maxText {
					return nil, errTooLong
				}
				s.long = append(s.long, b[:i]...)
			}
			return s.long, nil
		}
		if s.keep {
			if len(s.long)+len(b) > s.maxText {
				return nil, errTooLong
			}
			s.long = append(s.long, b...)
		}
		s.pos = s.end
		if !s.fill() {
			return nil, s.readErr()
		}
	}
}

// ensure makes at least n bytes available, if the input has them.
func (s *xmlScanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// skipPast consumes the input up to and including end; with limit >= 0
// it returns what came before end, which must fit in limit bytes.
func (s *xmlScanner) skipPast(end []byte, limit int) ([]byte, error) {
	from := 0 // where to search from in the window
	for {
		b := s.buf[s.pos:s.end]
		if i := bytes.Index(b[from:], end); i >= 0 {
			i += from
			s.pos += i + len(end)
			return b[:i], nil
		}
		if limit >= 0 {
			if len(b) > limit+len(end) {
				return nil, errTooLong
			}
			from = max(0, len(b)-len(end)+1)
		} else {
			// Keep only what may start the end mark.
			s.pos = max(s.pos, s.end-len(end)+1)
			from = 0
		}
		if !s.fill() {
			return nil, s.readErr()
		}
	}
}

var (
	cdataOpen = []byte("![CDATA[")
	cdataEnd  = []byte("]]>")
	commOpen  = []byte("!--")
	commEnd   = []byte("-->")
	piEnd     = []byte("?>")
)

// tag reads a tag after its '<'. skip is set for comments, processing
// instructions and CDATA while text is not kept.
func (s *xmlScanner) tag() (tok xmlToken, skip bool, err error) {
	if !s.ensure(1) {
		return tok, false, s.readErr()
	}
	switch s.buf[s.pos] {
	case '?':
		_, err := s.skipPast(piEnd, -1)
		return tok, true, err
	case '!':
		s.ensure(len(cdataOpen))
		b := s.buf[s.pos:s.end]
		switch {
		case bytes.HasPrefix(b, cdataOpen):
			s.pos += len(cdataOpen)
			if !s.keep {
				_, err := s.skipPast(cdataEnd, -1)
				return tok, true, err
			}
			t, err := s.skipPast(cdataEnd, s.maxText)
			return xmlToken{kind: tokCDATA, text: t}, false, err
		case bytes.HasPrefix(b, commOpen):
			_, err := s.skipPast(commEnd, -1)
			return tok, true, err
		}
		return tok, false, errXML // a DOCTYPE or worse
	}
	// Read to the '>' that is not inside a quoted attribute value. A
	// byte loop: tags are a few dozen bytes, too short for IndexByte.
	var t []byte
	for {
		b := s.buf[s.pos:s.end]
		if gt := tagEnd(b); gt >= 0 {
			t, s.pos = b[:gt], s.pos+gt+1
			break
		}
		if len(b) > maxTag {
			return tok, false, errTooLong
		}
		if !s.fill() {
			return tok, false, s.readErr()
		}
	}
	if len(t) == 0 {
		return tok, false, errXML
	}
	if t[0] == '/' {
		return xmlToken{kind: tokEnd, name: localName(trimSpace(t[1:]))}, false, nil
	}
	tok.kind = tokStart
	if t[len(t)-1] == '/' {
		tok.kind, t = tokEmpty, t[:len(t)-1]
	}
	end := 0
	for end < len(t) && !isSpace(t[end]) {
		end++
	}
	tok.name, tok.attrs = localName(t[:end]), t[end:]
	return tok, false, nil
}

// tagEnd returns the index of the '>' that ends the tag in b, quotes
// followed, or -1.
func tagEnd(b []byte) int {
	var quote byte
	for i, c := range b {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func localName(b []byte) []byte {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == ':' {
			return b[i+1:]
		}
	}
	return b
}

// eachAttr calls fn with the local name and the raw (escaped) value of
// each attribute; it stops at the first malformed one.
func eachAttr(a []byte, fn func(name, value []byte)) {
	i := 0
	for {
		for i < len(a) && isSpace(a[i]) {
			i++
		}
		start := i
		for i < len(a) && a[i] != '=' {
			i++
		}
		if i == len(a) {
			return
		}
		name := localName(trimSpace(a[start:i]))
		i++
		for i < len(a) && isSpace(a[i]) {
			i++
		}
		if i == len(a) || (a[i] != '"' && a[i] != '\'') {
			return
		}
		q := a[i]
		i++
		start = i
		for i < len(a) && a[i] != q {
			i++
		}
		if i == len(a) {
			return
		}
		fn(name, a[start:i])
		i++
	}
}

// appendText appends XML character data to b with its entities replaced
// and its line ends normalized as encoding/xml does ("\r\n" and "\r" are
// "\n"; "&#13;" stays "\r"). An unknown entity is kept as written.
func appendText(b, t []byte) []byte {
	for len(t) > 0 {
		i := 0
		for i < len(t) && t[i] != '&' && t[i] != '\r' {
			i++
		}
		if i == len(t) {
			return append(b, t...)
		}
		b = append(b, t[:i]...)
		t = t[i:]
		if t[0] == '\r' {
			b = append(b, '\n')
			t = t[1:]
			if len(t) > 0 && t[0] == '\n' {
				t = t[1:]
			}
			continue
		}
		semi := bytes.IndexByte(t[:min(len(t), 12)], ';')
		if semi < 0 {
			b = append(b, '&')
			t = t[1:]
			continue
		}
		ent := t[1:semi]
		switch string(ent) {
		case "amp":
			b = append(b, '&')
		case "lt":
			b = append(b, '<')
		case "gt":
			b = append(b, '>')
		case "quot":
			b = append(b, '"')
		case "apos":
			b = append(b, '\'')
		default:
			r, ok := charRef(ent)
			if !ok {
				b = append(b, t[:semi+1]...)
			} else {
				b = utf8.AppendRune(b, r)
			}
		}
		t = t[semi+1:]
	}
	return b
}

// appendCDATA appends the text of a CDATA section, line ends normalized.
func appendCDATA(b, t []byte) []byte {
	for len(t) > 0 {
		i := bytes.IndexByte(t, '\r')
		if i < 0 {
			return append(b, t...)
		}
		b = append(append(b, t[:i]...), '\n')
		t = t[i+1:]
		if len(t) > 0 && t[0] == '\n' {
			t = t[1:]
		}
	}
	return b
}

func charRef(ent []byte) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if ent[1] == 'x' {
		n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
	}
	if err != nil || !utf8.ValidRune(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

// attrText returns an attribute value with its entities replaced.
func attrText(v []byte) string {
	if bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	return string(appendText(nil, v))
}

// unescapeOOXML undoes the _xHHHH_ escapes Excel writes in strings for
// characters XML cannot carry ("_x000D_" is a carriage return, "_x005F_"
// an underscore), as excelize does.
func unescapeOOXML(s []byte) []byte {
	if bytes.IndexByte(s, '_') < 0 {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			n, _ := strconv.ParseUint(string(s[i+2:i+6]), 16, 32)
			switch {
			case n == 0x5F:
				out = append(out, '_')
			case utf8.ValidRune(rune(n)):
				out = utf8.AppendRune(out, rune(n))
			}
			i += 7
			continue
		}
		out = append(out, s[i])
		i++
	}
	return out
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
