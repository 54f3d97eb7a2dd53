package diag

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// ShortLen is how many characters of a value a message repeats.
const ShortLen = 40

// maxArg bounds any text T puts into a message, as a net under Short for
// the texts that are not values (lists of names, built phrases).
const maxArg = 300

// Short shortens a value quoted in a message to its first ShortLen
// characters and "…", so that a 50 MB cell does not make a 50 MB message.
// Every message that repeats a value from the inputs goes through it.
func Short(v string) string { return cut(v, ShortLen) }

func cut(v string, n int) string {
	if len(v) <= n { // bytes ≥ runes: short enough
		return v
	}
	k := 0
	for i := range v {
		if k == n {
			return v[:i] + "…"
		}
		k++
	}
	return v
}

// FirstInvalid returns the offset of the first byte of b that is not valid
// UTF-8, or -1.
func FirstInvalid(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// Position returns the 1-based line and character column of offset i of
// text, whose first line is line firstLine of its file.
func Position(text []byte, i, firstLine int) (line, col int) {
	before := text[:i]
	nl := bytes.LastIndexByte(before, '\n')
	return firstLine + bytes.Count(before, []byte{'\n'}), utf8.RuneCount(before[nl+1:]) + 1
}

// NotUTF8 reports byte b, at line:col of file, as the sign that the file
// was saved in an old Windows encoding. what names the file in both
// languages and reads as the start of the sentence: {"el archivo no está
// guardado", "the file is not saved"}.
func NotUTF8(file string, line, col int, b byte, what Text) Diagnostic {
	return Diagnostic{File: file, Line: line, Col: col, Msg: Text{
		ES: fmt.Sprintf("%s en UTF-8 (parece Windows-1252/Latin-1: el byte 0x%02X sería %q)", what.ES, b, CP1252(b)),
		EN: fmt.Sprintf("%s as UTF-8 (it looks like Windows-1252/Latin-1: byte 0x%02X would be %q)", what.EN, b, CP1252(b)),
	}}
}

// CheckUTF8 returns the NotUTF8 diagnostic for the first byte of text that
// is not UTF-8, with the hint to save the file as UTF-8 in an editor; ok is
// true when text is valid. text starts at line firstLine of file.
func CheckUTF8(file string, firstLine int, text []byte, what Text) (d Diagnostic, ok bool) {
	i := FirstInvalid(text)
	if i < 0 {
		return d, true
	}
	line, col := Position(text, i, firstLine)
	return NotUTF8(file, line, col, text[i], what).WithHint(
		"guarde el archivo como UTF-8 en el editor (en el Bloc de notas: Guardar como › Codificación: UTF-8)",
		"save the file as UTF-8 in the editor (in Notepad: Save As › Encoding: UTF-8)"), false
}

// IsUTF16 reports whether text starts with a UTF-16 byte order mark, the
// way Notepad's "Unicode" and Excel's "Unicode Text" save.
func IsUTF16(text []byte) bool {
	return bytes.HasPrefix(text, []byte("\xFF\xFE")) || bytes.HasPrefix(text, []byte("\xFE\xFF"))
}

// CP1252 returns the character byte b stands for in Windows-1252, or "?"
// for the five bytes it leaves undefined.
func CP1252(b byte) string {
	r := charmap.Windows1252.DecodeByte(b)
	if r == utf8.RuneError {
		return "?"
	}
	return string(r)
}

// Size writes a number of bytes the way the limits are documented: 64 KiB,
// 1 MiB.
func Size(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.Itoa(n>>10) + " KiB"
	}
	return strconv.Itoa(n) + " B"
}
