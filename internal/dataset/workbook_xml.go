package dataset

import (
	"bufio"
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
	br    *bufio.Reader
	buf   []byte // a tag or text that spans refills of br
	atTag bool   // the '<' of the next tag was read
	// keep asks for the text between tags; without it text is skipped.
	keep bool
	// maxText bounds the text returned in one token.
	maxText int
}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{br: bufio.NewReaderSize(r, xmlBuffer), maxText: MaxCell + 16}
}

// errTooLong is returned when one token is over its bound.
var errTooLong = errors.New("too long")

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
	s.buf = s.buf[:0]
	for {
		b, err := s.br.ReadSlice('<')
		switch err {
		case nil:
			b = b[:len(b)-1]
			if len(s.buf) == 0 {
				return b, nil
			}
			if s.keep {
				if len(s.buf)+len(b) > s.maxText {
					return nil, errTooLong
				}
				s.buf = append(s.buf, b...)
			}
			return s.buf, nil
		case bufio.ErrBufferFull:
			if s.keep {
				if len(s.buf)+len(b) > s.maxText {
					return nil, errTooLong
				}
				s.buf = append(s.buf, b...)
			}
		default:
			return nil, err
		}
	}
}

// until reads up to and including end, returning what came before it.
func (s *xmlScanner) until(end []byte, limit int) ([]byte, error) {
	s.buf = s.buf[:0]
	last := end[len(end)-1]
	for {
		b, err := s.br.ReadSlice(last)
		if err != nil && err != bufio.ErrBufferFull {
			return nil, err
		}
		s.buf = append(s.buf, b...)
		if len(s.buf) > limit {
			return nil, errTooLong
		}
		if err == nil && bytes.HasSuffix(s.buf, end) {
			return s.buf[:len(s.buf)-len(end)], nil
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
	p, err := s.br.Peek(1)
	if err != nil {
		return tok, false, err
	}
	switch p[0] {
	case '?':
		_, err := s.until(piEnd, maxTag)
		return tok, true, err
	case '!':
		if p, _ := s.br.Peek(len(cdataOpen)); bytes.Equal(p, cdataOpen) {
			s.br.Discard(len(cdataOpen))
			t, err := s.until(cdataEnd, s.maxText)
			if err != nil {
				return tok, false, err
			}
			return xmlToken{kind: tokCDATA, text: t}, !s.keep, nil
		}
		if p, _ := s.br.Peek(len(commOpen)); bytes.Equal(p, commOpen) {
			_, err := s.until(commEnd, 1<<30)
			return tok, true, err
		}
		return tok, false, errXML // a DOCTYPE or worse
	}
	// Read to the '>' that is not inside a quoted attribute value.
	s.buf = s.buf[:0]
	var quote byte
	var t []byte
	for {
		b, err := s.br.ReadSlice('>')
		if err != nil && err != bufio.ErrBufferFull {
			return tok, false, err
		}
		for _, c := range b {
			if quote == 0 {
				if c == '"' || c == '\'' {
					quote = c
				}
			} else if c == quote {
				quote = 0
			}
		}
		if err == nil && quote == 0 && len(s.buf) == 0 {
			t = b[:len(b)-1]
			break
		}
		s.buf = append(s.buf, b...)
		if len(s.buf) > maxTag {
			return tok, false, errTooLong
		}
		if err == nil && quote == 0 {
			t = s.buf[:len(s.buf)-1]
			break
		}
	}
	if len(t) == 0 {
		return tok, false, errXML
	}
	if t[0] == '/' {
		return xmlToken{kind: tokEnd, name: localName(bytes.TrimSpace(t[1:]))}, false, nil
	}
	tok.kind = tokStart
	if t[len(t)-1] == '/' {
		tok.kind, t = tokEmpty, t[:len(t)-1]
	}
	end := bytes.IndexAny(t, " \t\r\n")
	if end < 0 {
		end = len(t)
	}
	tok.name, tok.attrs = localName(t[:end]), t[end:]
	return tok, false, nil
}

func localName(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// eachAttr calls fn with the local name and the raw (escaped) value of
// each attribute; it stops at the first malformed one.
func eachAttr(a []byte, fn func(name, value []byte)) {
	for {
		a = bytes.TrimLeft(a, " \t\r\n")
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return
		}
		name := localName(bytes.TrimSpace(a[:eq]))
		a = bytes.TrimLeft(a[eq+1:], " \t\r\n")
		if len(a) == 0 || (a[0] != '"' && a[0] != '\'') {
			return
		}
		end := bytes.IndexByte(a[1:], a[0])
		if end < 0 {
			return
		}
		fn(name, a[1:1+end])
		a = a[2+end:]
	}
}

// appendText appends XML character data to b with its entities replaced
// and its line ends normalized as encoding/xml does ("\r\n" and "\r" are
// "\n"; "&#13;" stays "\r"). An unknown entity is kept as written.
func appendText(b, t []byte) []byte {
	for len(t) > 0 {
		i := bytes.IndexAny(t, "&\r")
		if i < 0 {
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
	if !bytes.Contains(s, []byte("_x")) {
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
