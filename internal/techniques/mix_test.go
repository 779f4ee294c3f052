package techniques

import (
	"math"
	"testing"
)

// A mixed tagger's weights are the mean of the runs' weights, each run
// with its own seed.
func TestTrainMixedAverages(t *testing.T) {
	arts := loadTrain(t, 6)
	opt := TrainOptions{Seed: 5, SIEpochs: 2, SIBits: 12, Mix: 1}
	opt.fill()
	m := newModel(10)
	prep := prepare(m, arts, opt.kinds())
	run := func(o TrainOptions) *Tagger {
		tg := newTagger(opt.SIBits, 0, 0)
		tg.trainMixed(prep, 0, o)
		return tg
	}
	a := run(opt)
	o2 := opt
	o2.Seed = opt.Seed + 0x9e3779b9
	b := run(o2)
	mixed := opt
	mixed.Mix = 2
	c := run(mixed)
	diff, nz := 0, 0
	for i := range c.W {
		want := (a.W[i] + b.W[i]) / 2
		if math.Abs(float64(c.W[i]-want)) > 1e-4 {
			diff++
		}
		if a.W[i] != b.W[i] {
			nz++
		}
	}
	if diff > 0 {
		t.Errorf("%d weights differ from the runs' mean", diff)
	}
	if nz == 0 {
		t.Error("the two seeds trained identical taggers: the mixture tests nothing")
	}
	if want := (a.Trans[tagB][tagI] + b.Trans[tagB][tagI]) / 2; math.Abs(float64(c.Trans[tagB][tagI]-want)) > 1e-4 {
		t.Errorf("B→I transition %v, want the mean %v", c.Trans[tagB][tagI], want)
	}
}
