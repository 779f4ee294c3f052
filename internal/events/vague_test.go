package events

import (
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/entities"
)

// hasVagueNumberRef is what hasVagueNumber replaces.
func hasVagueNumberRef(text string) bool {
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if _, ok := entities.VagueNumbers[w]; ok {
			return true
		}
	}
	return false
}

func TestHasVagueNumber(t *testing.T) {
	for _, text := range []string{"", "dozens", "Dozens", "DOZENS of", "two dozen", "hundreds", "some\u00a0hundreds",
		"\u00a0thousands", "tens\u2003", "dozenſ", "doz\u00e9ns", "x\xffdozens", "\xa0dozens", "scores  of", "25", "a\u0085tens",
		"Thousands\u3000more", "\u212aens", "tensK"} {
		if got, want := hasVagueNumber(text), hasVagueNumberRef(text); got != want {
			t.Errorf("hasVagueNumber(%q) = %v, want %v", text, got, want)
		}
	}
}

func FuzzHasVagueNumber(f *testing.F) {
	f.Add("dozens")
	f.Add("some\u00a0Hundreds")
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := hasVagueNumber(text), hasVagueNumberRef(text); got != want {
			t.Fatalf("hasVagueNumber(%q) = %v, want %v", text, got, want)
		}
	})
}

// TestVagueNumbersASCII checks what hasVagueNumber assumes of the words:
// lower-case ASCII letters without "k" (the Kelvin sign lower-cases to
// "k"), 4 to 16 bytes.
func TestVagueNumbersASCII(t *testing.T) {
	for w := range entities.VagueNumbers {
		if len(w) < 4 || len(w) > 16 || strings.Trim(w, "abcdefghijlmnopqrstuvwxyz") != "" {
			t.Errorf("vague number word %q: hasVagueNumber assumes 4-16 lower-case ASCII letters, no k", w)
		}
	}
}
