package dataset

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// The parts of a workbook read whole, before its sheet: the list of
// sheets, the shared strings and the styles that make a number a date.

// maxPart bounds the small parts read whole (workbook, relationships,
// styles): a real one is a few kilobytes.
const maxPart = 16 << 20

// book is what is read of a workbook's parts besides its sheets.
type book struct {
	zr        *zip.Reader
	sheets    []bookSheet // in the workbook's order
	sst       []string
	dateStyle []bool // by cell style index: its number format shows a date
	date1904  bool
}

type bookSheet struct {
	name, part string
}

// readBook reads the list of sheets, the shared strings and the styles.
func readBook(zr *zip.Reader) (*book, error) {
	b := &book{zr: zr}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"id,attr"` // r:id, transitional or strict namespace
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	data, err := readPart(zr, "xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	if err := xml.Unmarshal(data, &wb); err != nil {
		return nil, fmt.Errorf("xl/workbook.xml: %w", err)
	}
	b.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	if data, err := readPart(zr, "xl/_rels/workbook.xml.rels"); err == nil {
		if err := xml.Unmarshal(data, &rels); err != nil {
			return nil, fmt.Errorf("xl/_rels/workbook.xml.rels: %w", err)
		}
	}
	target := func(t string) string {
		if strings.HasPrefix(t, "/") {
			return path.Clean(t[1:])
		}
		return path.Join("xl", t)
	}
	sstPart, stylesPart := "xl/sharedStrings.xml", "xl/styles.xml"
	for _, r := range rels.Rels {
		switch {
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			sstPart = target(r.Target)
		case strings.HasSuffix(r.Type, "/styles"):
			stylesPart = target(r.Target)
		}
	}
	for _, s := range wb.Sheets {
		bs := bookSheet{name: s.Name}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				bs.part = target(r.Target)
			}
		}
		b.sheets = append(b.sheets, bs)
	}
	if b.sst, err = readSharedStrings(zr, sstPart); err != nil {
		return nil, err
	}
	if b.dateStyle, err = readDateStyles(zr, stylesPart); err != nil {
		return nil, err
	}
	return b, nil
}

// findPart returns the workbook's part name, or nil where it has none.
func findPart(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

func openPart(zr *zip.Reader, name string) (io.ReadCloser, error) {
	if f := findPart(zr, name); f != nil {
		return f.Open()
	}
	return nil, fmt.Errorf("%s: %w", name, errNoPart)
}

func readPart(zr *zip.Reader, name string) ([]byte, error) {
	rc, err := openPart(zr, name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxPart {
		return nil, fmt.Errorf("%s is over %d MB", name, maxPart>>20)
	}
	return data, nil
}

// readSharedStrings reads the table of the workbook's texts. A text is
// the concatenation of its <t> and of those of its rich-text runs
// <r><t>, leaving out phonetic guides <rPh>. A text over MaxCell is cut
// just past it: the CSV's limits then report it where it is used.
func readSharedStrings(zr *zip.Reader, name string) ([]string, error) {
	part := findPart(zr, name)
	if part == nil {
		return nil, nil // a workbook without texts
	}
	rc, err := part.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	x := newXMLScanner(rc)
	var (
		out        []string
		cur        []byte
		total      int
		inSI, inPh bool
	)
	for {
		tok, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		switch tok.kind {
		case tokStart, tokEmpty:
			switch string(tok.name) {
			case "si":
				inSI, cur = true, cur[:0]
				if tok.kind == tokEmpty {
					out = append(out, "")
					inSI = false
				}
			case "rPh":
				inPh = tok.kind == tokStart
			case "t":
				x.keep = inSI && !inPh && tok.kind == tokStart
			}
		case tokText:
			if len(cur) <= MaxCell {
				cur = appendText(cur, tok.text)
			}
		case tokCDATA:
			if len(cur) <= MaxCell {
				cur = appendCDATA(cur, tok.text)
			}
		case tokEnd:
			switch string(tok.name) {
			case "t":
				x.keep = false
			case "rPh":
				inPh = false
			case "si":
				if len(cur) > MaxCell+1 {
					cur = cur[:MaxCell+1]
				}
				s := string(unescapeOOXML(cur))
				total += len(s) + 16
				if len(out) >= maxSharedStrings || total > maxSharedStringBytes {
					return nil, fmt.Errorf("%s: more than %d texts or %d MB", name, maxSharedStrings, maxSharedStringBytes>>20)
				}
				out = append(out, s)
				inSI = false
			}
		}
	}
}

// readDateStyles tells, for each cell style, whether its number format
// shows a date or a time.
func readDateStyles(zr *zip.Reader, name string) ([]bool, error) {
	if findPart(zr, name) == nil {
		return nil, nil // no styles, so no dates
	}
	data, err := readPart(zr, name)
	if err != nil {
		return nil, err
	}
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	out := make([]bool, len(st.Xfs))
	for i, xf := range st.Xfs {
		if code, ok := custom[xf.NumFmt]; ok {
			out[i] = isDateFormat(code)
		} else {
			out[i] = isDateFormatID(xf.NumFmt)
		}
	}
	return out, nil
}

// isDateFormatID reports whether a built-in number format shows a date or
// a time (ECMA-376 §18.8.30, and the East Asian ones Excel adds).
func isDateFormatID(id int) bool {
	return 14 <= id && id <= 22 || 27 <= id && id <= 36 || 45 <= id && id <= 47 || 50 <= id && id <= 58 || 71 <= id && id <= 81
}

// isDateFormat reports whether a custom number format code shows a date
// or a time: it has a y, m, d, h or s outside quoted text, escaped
// characters and [colour] or [$-locale] brackets ([h] and [mm] are
// elapsed times, which count).
func isDateFormat(code string) bool {
	code, _, _ = strings.Cut(code, ";") // the format of positive numbers
	if strings.EqualFold(code, "General") {
		return false
	}
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				return false
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			switch strings.ToLower(strings.Trim(code[i+1:i+j], "hms")) {
			case "":
				return true // [h], [mm], [ss]
			}
			i += j
		case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S':
			return true
		case 'e', 'E':
			// "e" is the year in some locales, but "0.0E+00" is scientific.
			if i+1 < len(code) && (code[i+1] == '+' || code[i+1] == '-') {
				i++
				continue
			}
			return true
		}
	}
	return false
}

// Bounds of the shared strings, which are held: Excel keeps a string per
// distinct text of the workbook.
const (
	maxSharedStrings     = 1 << 24
	maxSharedStringBytes = 512 << 20
)
