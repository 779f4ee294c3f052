package read

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// cp1252 maps Windows-1252 bytes 0x80–0x9F to their characters; every
// other byte >= 0xA0 is the Latin-1 code point of the same value.
var cp1252 = [32]rune{
	'\u20ac', '\ufffd', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
	'\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\ufffd', '\u017d', '\ufffd',
	'\ufffd', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
	'\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\ufffd', '\u017e', '\u0178',
}

// Decode turns raw bytes into valid UTF-8 text. A known charset label
// (from an HTTP header or a meta tag) is honoured; otherwise byte-order
// marks select UTF-8 or UTF-16, and in UTF-8 text every byte that is not
// part of a valid sequence is read as Windows-1252 (a superset of
// Latin-1), which is what stray high bytes in scraped dumps almost always
// are. Carriage returns are normalised to line feeds.
func Decode(data []byte, charset string) string {
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		s = mixedUTF8(data[3:])
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		s = utf16Decode(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		s = utf16Decode(data[2:], true)
	default:
		s = ""
		if cs := strings.ToLower(strings.TrimSpace(charset)); cs != "" && cs != "utf-8" && cs != "utf8" {
			if enc, err := htmlindex.Get(cs); err == nil {
				if out, err := enc.NewDecoder().Bytes(data); err == nil {
					s = string(out)
				}
			}
		}
		if s == "" {
			s = mixedUTF8(data)
		}
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

func mixedUTF8(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	var b strings.Builder
	b.Grow(len(data) + 16)
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			c := data[i]
			switch {
			case c >= 0x80 && c < 0xa0:
				b.WriteRune(cp1252[c-0x80])
			default:
				b.WriteRune(rune(c))
			}
			i++
			continue
		}
		b.Write(data[i : i+size])
		i += size
	}
	return b.String()
}

func utf16Decode(data []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		if bigEndian {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			u = append(u, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	return string(utf16.Decode(u))
}
