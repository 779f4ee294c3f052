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

// computeLower fills d.lower. The text is lower-cased once, ASCII letters
// only (which keeps every byte offset); an ASCII token's lower case is its
// slice of that. Other tokens go through strings.ToLower. In valid UTF-8 a
// token is ASCII exactly when it has as many bytes as code points.
func (d *Doc) computeLower() {
	low := make([]string, len(d.Tokens))
	if !utf8.ValidString(d.Text) {
		for i := range d.Tokens {
			low[i] = strings.ToLower(d.TokenText(i))
		}
		d.lower = low
		return
	}
	// Lower-case through a small stack buffer into one allocation.
	var sb strings.Builder
	sb.Grow(len(d.Text))
	var chunk [512]byte
	for k := 0; k < len(d.Text); k += len(chunk) {
		part := d.Text[k:min(k+len(chunk), len(d.Text))]
		for j := 0; j < len(part); j++ {
			c := part[j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			chunk[j] = c
		}
		sb.Write(chunk[:len(part)])
	}
	text := sb.String()
	for i, t := range d.Tokens {
		if t.End-t.Start == t.REnd-t.RStart {
			low[i] = text[t.Start:t.End]
		} else {
			low[i] = strings.ToLower(d.Text[t.Start:t.End])
		}
	}
	d.lower = low
}
