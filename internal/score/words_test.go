package score

import (
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/ptc"
)

func TestCountFieldsMatchesStringsFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "one", "  two  words ", "tab\tnew\nline\r\nvt\vff\f",
		"nbsp\u00a0here and\u2003em\u3000ideographic\u0085nel",
		"“Quoted” text — with dashes", "bad\xffbyte \xfe\xfd", "\u00a0", "a\u200bb",
		"eight by", "eight by  tes\tand\vmore\x1fcontrol\x0e\x08chars\x7f\x00and so on", "        ", "x       y",
		"0123456789abcdef 0123456789abcdef\r\n\r\n\u00a0 0123456 8", "\t\n\v\f\r \x0d\x0eabcdefgh\x09",
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

// TestCountFieldsPTC compares countFields with strings.Fields on the PTC
// articles, whole and from every offset of the first bytes (the eight-byte
// steps fall differently).
func TestCountFieldsPTC(t *testing.T) {
	texts, err := ptc.TrainTexts(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) == 0 {
		t.Skip("PTC data absent")
	}
	for _, s := range texts {
		for k := 0; k < 9 && k < len(s); k++ {
			if got, want := countFields(s[k:]), len(strings.Fields(s[k:])); got != want {
				t.Fatalf("countFields = %d, strings.Fields %d words on %.60q", got, want, s[k:])
			}
		}
	}
}
