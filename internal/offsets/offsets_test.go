package offsets

import (
	"testing"
	"unicode/utf8"
)

func TestIndexMatchesRuneSlice(t *testing.T) {
	cases := []string{
		"",
		"plain ASCII text.",
		"He called them \u2018rebels\u2019 and \u201cterrorists\u201d.",
		"\u0641\u0627\u0631\u0633 \u0634\u0647\u0627\u0628\u064a (Fares Shehabi) said \U0001F600 twice \U0001F1F8\U0001F1FE.",
		"caf\u00e9 na\u00efve \u2014 \u00bd",
		"bad \xff\xfe bytes \xe2\x80 cut",
	}
	for _, s := range cases {
		ix := New(s)
		runes := []rune(s)
		if ix.Len() != len(runes) {
			t.Fatalf("%q: Len=%d want %d", s, ix.Len(), len(runes))
		}
		// Every rune boundary round-trips and slices agree with []rune.
		b := 0
		for r := 0; r <= len(runes); r++ {
			if got := ix.Byte(r); got != b {
				t.Fatalf("%q: Byte(%d)=%d want %d", s, r, got, b)
			}
			if got := ix.Rune(b); got != r {
				t.Fatalf("%q: Rune(%d)=%d want %d", s, b, got, r)
			}
			if r < len(runes) {
				_, size := utf8.DecodeRuneInString(s[b:])
				b += size
			}
		}
		for i := 0; i <= len(runes); i++ {
			for j := i; j <= len(runes); j++ {
				want := string(runes[i:j])
				if utf8.ValidString(s) && ix.Slice(i, j) != want {
					t.Fatalf("%q: Slice(%d,%d)=%q want %q", s, i, j, ix.Slice(i, j), want)
				}
			}
		}
	}
}

func TestMidRuneByteMapsToItsRune(t *testing.T) {
	s := "a\u201cb" // the quote is 3 bytes at 1..3
	ix := New(s)
	for b, want := range []int{0, 1, 1, 1, 2, 3} {
		if got := ix.Rune(b); got != want {
			t.Errorf("Rune(%d)=%d want %d", b, got, want)
		}
	}
}

func TestClamp(t *testing.T) {
	ix := New("\u00e9t\u00e9")
	if ix.Rune(-5) != 0 || ix.Rune(100) != 3 || ix.Byte(-1) != 0 || ix.Byte(99) != 5 {
		t.Fatalf("clamping broken: %d %d %d %d", ix.Rune(-5), ix.Rune(100), ix.Byte(-1), ix.Byte(99))
	}
	if ix.Slice(2, 1) != "" {
		t.Fatal("reversed slice should be empty")
	}
}

func FuzzIndex(f *testing.F) {
	f.Add("He said \u201chello\u201d \U0001F600")
	f.Add("\xff\x00abc")
	f.Fuzz(func(t *testing.T, s string) {
		ix := New(s)
		n := ix.Len()
		if n != utf8.RuneCountInString(s) {
			t.Fatalf("Len=%d want %d", n, utf8.RuneCountInString(s))
		}
		for r := 0; r <= n; r++ {
			if ix.Rune(ix.Byte(r)) != r {
				t.Fatalf("round trip failed at %d", r)
			}
		}
	})
}

// FuzzIndexWalk checks Len, Rune and Byte against a plain walk over the text
// (invalid bytes count as one code point each).
func FuzzIndexWalk(f *testing.F) {
	f.Add("a\u201cb \xff\xe2\x80 caf\u00e9 \U0001F600")
	f.Fuzz(func(t *testing.T, s string) {
		ix := New(s)
		if ix.Len() != utf8.RuneCountInString(s) {
			t.Fatalf("%q: Len=%d want %d", s, ix.Len(), utf8.RuneCountInString(s))
		}
		r := 0
		for b := 0; b < len(s); {
			_, size := utf8.DecodeRuneInString(s[b:])
			if ix.Byte(r) != b {
				t.Fatalf("%q: Byte(%d)=%d want %d", s, r, ix.Byte(r), b)
			}
			for k := 0; k < size; k++ {
				if ix.Rune(b+k) != r {
					t.Fatalf("%q: Rune(%d)=%d want %d", s, b+k, ix.Rune(b+k), r)
				}
			}
			b += size
			r++
		}
		if ix.Rune(len(s)) != r || ix.Byte(r) != len(s) {
			t.Fatalf("%q: end Rune=%d Byte=%d", s, ix.Rune(len(s)), ix.Byte(r))
		}
	})
}
