package nlp

import (
	"strings"
	"unicode/utf8"
)

// Lower returns every token's text in lower case (strings.ToLower of
// TokenText), computed once per Doc on first use and shared by the stages
// that read it: do not modify the slice. Safe for concurrent use.
func (d *Doc) Lower() []string {
	d.lowerOnce.Do(d.computeLower)
	return d.lower
}

// computeLower fills d.lower. Lower-case ASCII tokens are slices of the
// text; ASCII tokens with capitals are lowered into one buffer that
// becomes one string; others go through strings.ToLower.
func (d *Doc) computeLower() {
	low := make([]string, len(d.Tokens))
	var buf []byte
	var at []int32 // token, start, end in buf
	for i, t := range d.Tokens {
		s := d.Text[t.Start:t.End]
		ascii, upper := true, false
		for k := 0; k < len(s); k++ {
			c := s[k]
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			if 'A' <= c && c <= 'Z' {
				upper = true
			}
		}
		switch {
		case !ascii:
			low[i] = strings.ToLower(s)
		case !upper:
			low[i] = s
		default:
			if buf == nil {
				buf = make([]byte, 0, len(d.Text)/4)
			}
			at = append(at, int32(i), int32(len(buf)))
			for k := 0; k < len(s); k++ {
				c := s[k]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			at = append(at, int32(len(buf)))
		}
	}
	if len(at) > 0 {
		all := string(buf)
		for k := 0; k < len(at); k += 3 {
			low[at[k]] = all[at[k+1]:at[k+2]]
		}
	}
	d.lower = low
}
