package score

import "math"

// Fit fits a logistic model to feature vectors x with labels y (true =
// credible) by gradient descent with an L2 penalty on the weights.
func Fit(x [][NumFeatures]float64, y []bool, l2 float64) Model {
	var m Model
	if len(x) == 0 {
		return m
	}
	n := float64(len(x))
	lr := 0.5
	for it := 0; it < 2000; it++ {
		var gb float64
		var gw [NumFeatures]float64
		for i, xi := range x {
			p := m.Credibility(xi)
			t := 0.0
			if y[i] {
				t = 1
			}
			d := p - t
			gb += d
			for k, v := range xi {
				gw[k] += d * v
			}
		}
		m.Bias -= lr * gb / n
		for k := range m.Weights {
			m.Weights[k] -= lr * (gw[k]/n + l2*m.Weights[k])
		}
		if math.Abs(gb/n) < 1e-7 {
			break
		}
	}
	return m
}
