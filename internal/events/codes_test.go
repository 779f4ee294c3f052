package events

import (
	"slices"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
)

// TestWordCodes checks the code tables against the word lists they are
// built from, for every list word, every PTC token and words that differ
// from list words in one byte (the same hash inputs, or nearly).
func TestWordCodes(t *testing.T) {
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	for _, m := range []map[string]bool{killCues, injuryCues, otherCues, inclusiveCues, skippable, targetCues, aircraftWords} {
		for w := range m {
			add(w)
		}
	}
	for w := range triggers {
		add(w)
	}
	for w := range triggerWords {
		add(w)
	}
	for w := range victimNouns {
		add(w)
	}
	for _, w := range append(stopWords, "a", "an", "one", "", "x", "the", "The", "KILLED") {
		add(w)
	}
	for _, w := range slices.Clone(words) {
		for k := 0; k < len(w); k++ {
			b := []byte(w)
			b[k] ^= 1
			add(string(b))
		}
		add(w + "s")
		if len(w) > 1 {
			add(w[:len(w)-1])
		}
	}
	texts, err := ptc.TrainTexts(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range texts {
		for _, w := range nlp.NewDoc(text).Lower() {
			add(w)
		}
	}
	coded := 0
	for _, w := range words {
		var want uint16
		if tw, ok := triggerWords[w]; ok {
			if tw.bigram {
				want |= cBigram
			}
			if tw.typ != "" {
				want |= uint16(slices.Index(typeOrder1, tw.typ))
			}
		}
		if w == "a" || w == "an" || w == "one" {
			want |= cArticle
		}
		for _, l := range []struct {
			m map[string]bool
			c uint16
		}{{killCues, cKill}, {injuryCues, cInjury}, {otherCues, cOther}, {inclusiveCues, cIncl}, {skippable, cSkip}} {
			if l.m[w] {
				want |= l.c
			}
		}
		if slices.Contains(stopWords, w) {
			want |= cStop
		}
		if !strings.Contains(w, " ") { // "members of" is no token
			want |= uint16(victimNouns[w]) << cVictimShift
		}
		if got := fullCodes.code(w); got != want {
			t.Errorf("fullCodes.code(%q) = %#x, want %#x", w, got, want)
		}
		if got := quickCodes.code(w); got != want&quickMask {
			t.Errorf("quickCodes.code(%q) = %#x, want %#x", w, got, want&quickMask)
		}
		if want != 0 {
			coded++
		}
	}
	if coded < 300 {
		t.Errorf("only %d of %d words have a code", coded, len(words))
	}
}
