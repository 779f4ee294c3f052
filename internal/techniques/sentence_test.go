package techniques

import (
	"slices"
	"testing"

	"github.com/sift-project/sift/internal/nlp"
)

func TestWithFeatures(t *testing.T) {
	feats := []uint32{1, 2, 3, 4, 5}
	off := []int32{0, 2, 2, 5} // three tokens, the second without features
	nf, noff := withFeatures(feats, off, []uint32{9, 8}, nil, nil)
	if want := []uint32{1, 2, 9, 8, 9, 8, 3, 4, 5, 9, 8}; !slices.Equal(nf, want) {
		t.Fatalf("feats %v want %v", nf, want)
	}
	if want := []int32{0, 4, 6, 11}; !slices.Equal(noff, want) {
		t.Fatalf("off %v want %v", noff, want)
	}
}

func TestSentFeaturesBuckets(t *testing.T) {
	got := sentFeatures([]float64{0.05, 0.95, 1}, 2, nil)
	if got[0] != fn('V', sentBuckets-1) {
		t.Fatalf("probability 1 not in the top bucket: %v", got)
	}
	if a, b := sentFeatures([]float64{0.05}, 0, nil), sentFeatures([]float64{0.95}, 0, nil); a[0] == b[0] {
		t.Fatal("low and high probabilities share a bucket")
	}
}

// The sentence classifier separates sentences with a marker word from
// sentences without.
func TestTrainSent(t *testing.T) {
	m := newModel(8)
	var exs []*sentBagEx
	texts := []string{"They are evil traitors.", "The meeting is on Monday.", "Evil traitors rule us.", "Rain is expected on Monday."}
	for i := 0; i < 40; i++ {
		text := texts[i%len(texts)]
		a := m.Prepare(nlp.NewDoc(text))
		exs = append(exs, &sentBagEx{bag: a.di.sentBag(0, nil), label: i%2 == 0})
	}
	w := trainSent(exs, 12, 5, 1)
	mask := uint32(1)<<12 - 1
	for i, x := range exs[:4] {
		p := sentProb(w, mask, x.bag)
		if x.label != (p > 0.5) {
			t.Errorf("sentence %d (%q): p=%.3f, label %v", i, texts[i], p, x.label)
		}
	}
}

// Cross-fitted calibration parts hold out every article exactly once and
// never train on what they hold out.
func TestCalibrationParts(t *testing.T) {
	prep := make([]*prepared, 23)
	for i := range prep {
		prep[i] = &prepared{}
	}
	parts := calibrationParts(prep, TrainOptions{Seed: 1, CalFolds: 4})
	if len(parts) != 4 {
		t.Fatalf("%d parts", len(parts))
	}
	held := map[*prepared]int{}
	for _, pt := range parts {
		if len(pt[0])+len(pt[1]) != len(prep) {
			t.Fatalf("part sizes %d+%d", len(pt[0]), len(pt[1]))
		}
		for _, p := range pt[1] {
			held[p]++
			if slices.Contains(pt[0], p) {
				t.Fatal("an article is both trained on and held out")
			}
		}
	}
	if len(held) != len(prep) {
		t.Fatalf("%d of %d articles held out", len(held), len(prep))
	}
	for _, n := range held {
		if n != 1 {
			t.Fatal("an article held out twice")
		}
	}
	if one := calibrationParts(prep, TrainOptions{Seed: 1, CalFolds: -1, Holdout: 0.2}); len(one) != 1 || len(one[0][1]) != 5 {
		t.Fatalf("holdout part: %d parts", len(one))
	}
}
