package techniques

import "github.com/sift-project/sift/internal/nlp"

// Annotators end a span on a word, a closing quote, '?' or '!', almost
// never on a full stop, comma, semicolon or colon; a tagger sometimes
// runs on to the sentence's full stop. trimFound drops such trailing
// punctuation from the spans found (a span of punctuation only is kept
// as it is).
func trimFound(d *nlp.Doc, found []Found) []Found {
	for k := range found {
		f := &found[k]
		for f.Last-f.First > 1 && isTrailPunct(d, f.Last-1) {
			f.Last--
		}
	}
	return found
}

func isTrailPunct(d *nlp.Doc, i int) bool {
	t := d.Tokens[i]
	if t.Kind != nlp.Punct || t.End-t.Start != 1 {
		return false
	}
	switch d.Text[t.Start] {
	case '.', ',', ';', ':':
		return true
	}
	return false
}
