package score

import (
	"strings"
	"testing"
)

func TestCountFieldsMatchesStringsFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "one", "  two  words ", "tab\tnew\nline\r\nvt\vff\f",
		"nbsp\u00a0here and\u2003em\u3000ideographic\u0085nel",
		"“Quoted” text — with dashes", "bad\xffbyte \xfe\xfd", "\u00a0", "a\u200bb",
	} {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzCountFields(f *testing.F) {
	f.Add("a b\u00a0c\xff d")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", s, got, want)
		}
	})
}
