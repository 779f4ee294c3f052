package score

import "math/rand/v2"

// Metrics are binary classification figures (positive = credible).
type Metrics struct {
	N        int     `json:"n"`
	Accuracy float64 `json:"accuracy"`
	MacroF1  float64 `json:"macro_f1"`
}

// Measure compares predictions with labels.
func Measure(pred, gold []bool) Metrics {
	var tp, tn, fp, fn float64
	for i := range gold {
		switch {
		case pred[i] && gold[i]:
			tp++
		case !pred[i] && !gold[i]:
			tn++
		case pred[i]:
			fp++
		default:
			fn++
		}
	}
	f1 := func(tp, fp, fn float64) float64 {
		if tp == 0 {
			return 0
		}
		return 2 * tp / (2*tp + fp + fn)
	}
	m := Metrics{N: len(gold)}
	if m.N > 0 {
		m.Accuracy = (tp + tn) / float64(m.N)
		m.MacroF1 = (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2
	}
	return m
}

// Folds assigns each of n items (with labels y) to one of k folds,
// stratified by label and shuffled with seed.
func Folds(y []bool, k int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	fold := make([]int, len(y))
	for _, label := range []bool{true, false} {
		var idx []int
		for i, v := range y {
			if v == label {
				idx = append(idx, i)
			}
		}
		rng.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		for j, i := range idx {
			fold[i] = j % k
		}
	}
	return fold
}

// CrossValidate fits a model on k-1 folds and predicts the held-out fold,
// for every fold, and returns the out-of-fold predictions.
func CrossValidate(x [][NumFeatures]float64, y []bool, k int, seed uint64, l2 float64) []bool {
	fold := Folds(y, k, seed)
	pred := make([]bool, len(y))
	for f := 0; f < k; f++ {
		var tx [][NumFeatures]float64
		var ty []bool
		for i := range x {
			if fold[i] != f {
				tx = append(tx, x[i])
				ty = append(ty, y[i])
			}
		}
		m := Fit(tx, ty, l2)
		for i := range x {
			if fold[i] == f {
				pred[i] = m.Credibility(x[i]) >= 0.5
			}
		}
	}
	return pred
}
