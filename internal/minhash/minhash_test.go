package minhash

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func randomText(r *rand.Rand, n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", r.IntN(5000))
	}
	return strings.Join(words, " ")
}

func TestSimilarityEstimatesJaccard(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	base := strings.Fields(randomText(r, 400))
	// Replace a share of the words; the estimate must track the true
	// Jaccard of the shingle sets within sampling error.
	for _, share := range []float64{0, 0.1, 0.3, 0.6, 1} {
		mod := append([]string(nil), base...)
		for i := range mod {
			if r.Float64() < share {
				mod[i] = fmt.Sprintf("x%d", r.IntN(1e6))
			}
		}
		a, b := Shingles(base, 3), Shingles(mod, 3)
		want := jaccard(a, b)
		sa, sb := Sign(a), Sign(b)
		got := Similarity(&sa, &sb)
		if d := got - want; d > 0.12 || d < -0.12 {
			t.Errorf("share %.1f: estimate %.3f, true Jaccard %.3f", share, got, want)
		}
	}
}

func jaccard(a, b []uint64) float64 {
	set := map[uint64]int{}
	for _, v := range a {
		set[v] |= 1
	}
	for _, v := range b {
		set[v] |= 2
	}
	both := 0
	for _, m := range set {
		if m == 3 {
			both++
		}
	}
	if len(set) == 0 {
		return 1
	}
	return float64(both) / float64(len(set))
}

func TestIndexFindsNearDuplicates(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ix := NewIndex(32, 4)
	var texts []string
	for i := 0; i < 200; i++ {
		texts = append(texts, randomText(r, 300))
	}
	for i, tx := range texts {
		s := Text(tx, 3)
		if c := ix.Add(i, &s); len(c) != 0 {
			t.Fatalf("unrelated text %d has candidates %v", i, c)
		}
	}
	// A copy with a changed sentence is found; it matches its original.
	dup := texts[42] + " breaking update added here"
	s := Text(dup, 3)
	c := ix.Add(1000, &s)
	if len(c) != 1 || c[0] != 42 {
		t.Fatalf("near duplicate candidates = %v, want [42]", c)
	}
}

func TestBytesRoundTrip(t *testing.T) {
	s := Text("the army shelled the town of Douma on Monday", 1)
	got, ok := FromBytes(s.Bytes())
	if !ok || got != s {
		t.Fatal("round trip failed")
	}
	if _, ok := FromBytes([]byte{1, 2}); ok {
		t.Fatal("short input accepted")
	}
}

func TestWordsDropsStopWords(t *testing.T) {
	got := strings.Join(Words("The army SHELLED the town, killing 12."), " ")
	if got != "army shelled town killing 12" {
		t.Fatalf("Words = %q", got)
	}
}
