package dataset

import (
	"bytes"
)

// The fast path of a sheet: most cells are a plain <c …><v>…</v></c>, read
// here without the generic XML tokens; anything else falls back to them.

var rowClose = []byte("</row>")

// plainCells reads, without the generic tokens, the cells at the input
// written the plain way (<c r="B2" s="1" t="s"><v>3</v></c>, see
// plainCell) and the end of the row if it follows them, which it reports.
// At anything else it stops and leaves the input to the generic reader,
// which reads the same cells the same way, only slower.
func (r *sheetReader) plainCells(lastCol *int) (bool, error) {
	x := r.x
	for !x.atTag {
		b := x.buf[x.pos:x.end]
		if bytes.HasPrefix(b, rowClose) {
			x.pos += len(rowClose)
			return r.rowDone()
		}
		if len(b) < 3 || b[0] != '<' || b[1] != 'c' || !isSpace(b[2]) {
			return false, nil
		}
		col, style, typ := *lastCol+1, 0, cellNumber
		i := 3
		for {
			for i < len(b) && isSpace(b[i]) {
				i++
			}
			if i >= len(b) {
				return false, nil
			}
			if b[i] == '>' || b[i] == '/' {
				break
			}
			ns := i
			for i < len(b) && b[i] != '=' && b[i] != '>' && b[i] != ':' && !isSpace(b[i]) {
				i++
			}
			if i+1 >= len(b) || b[i] != '=' || (b[i+1] != '"' && b[i+1] != '\'') {
				return false, nil
			}
			name, q := b[ns:i], b[i+1]
			i += 2
			vs := i
			for i < len(b) && b[i] != q {
				if b[i] == '&' || b[i] == '<' {
					return false, nil
				}
				i++
			}
			if i >= len(b) {
				return false, nil
			}
			v := b[vs:i]
			i++
			switch string(name) {
			case "r":
				c, bad := colOf(v)
				if bad {
					return false, nil
				}
				col = c
			case "s":
				style = smallInt(v)
			case "t":
				typ = cellTypeOf(v)
			}
		}
		if col <= len(r.cells) || col > maxSheetCols {
			return false, nil // the generic reader reports it
		}
		if b[i] == '/' {
			if i+1 >= len(b) || b[i+1] != '>' {
				return false, nil
			}
			x.pos += i + 2
			*lastCol = col
			continue
		}
		save := x.pos
		x.pos += i + 1
		t, inline, ok := x.plainCell()
		if !ok {
			x.pos = save
			return false, nil
		}
		if inline {
			if typ == cellInline {
				t = unescapeOOXML(t)
			} else {
				t = nil
			}
		}
		if err := r.put(col, t, false, typ, style); err != nil {
			return false, err
		}
		*lastCol = col
	}
	return false, nil
}

// plainCell reads the rest of a cell, just after its start tag, when it
// is written the way nearly every cell is, <v>text</v></c> or
// <is><t>text</t></is></c>, with no entity, line end or prefix: the
// generic tokens then cost more than the rest of the reading. Otherwise
// it consumes nothing and reports false.
func (s *xmlScanner) plainCell() (text []byte, inline, ok bool) {
	if s.atTag {
		return nil, false, false
	}
	b := s.buf[s.pos:s.end]
	open, end := vOpen, vClose
	if !bytes.HasPrefix(b, vOpen) {
		if !bytes.HasPrefix(b, isOpen) {
			return nil, false, false
		}
		open, end, inline = isOpen, isClose, true
	}
	rest := b[len(open):]
	i := bytes.IndexByte(rest, '<')
	if i < 0 || !bytes.HasPrefix(rest[i:], end) {
		return nil, false, false
	}
	t := rest[:i]
	for _, c := range t {
		if c == '&' || c == '\r' {
			return nil, false, false
		}
	}
	s.pos += len(open) + i + len(end)
	return t, inline, true
}

// smallInt reads a non-negative decimal number of a few digits; anything
// else is 0, as strconv.Atoi's error would be taken.
func smallInt(b []byte) int {
	if len(b) == 0 || len(b) > 9 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

var (
	vOpen   = []byte("<v>")
	vClose  = []byte("</v></c>")
	isOpen  = []byte("<is><t>")
	isClose = []byte("</t></is></c>")
)
