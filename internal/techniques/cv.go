package techniques

import (
	"fmt"
	"math/rand/v2"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
)

// CVResult holds the pooled predictions and scores of a cross-validation.
type CVResult struct {
	Folds int
	// SI scores the spans found on each test fold against its SI labels.
	SI ptc.PRF
	// TC scores the techniques given to each test fold's gold TC spans.
	TC ptc.TCScore
	// SIPred and TCPred are the pooled predictions.
	SIPred, TCPred []ptc.Span
	// Bias holds each fold's calibrated span thresholds.
	Bias [][]float32
}

// CrossValidate splits arts into k folds (seeded shuffle), trains on k-1
// and predicts the held-out fold, for each fold. The span threshold is
// calibrated inside each training part only. Models are quantised as
// they would be saved before predicting.
func CrossValidate(arts []*ptc.Article, k int, opt TrainOptions) (*CVResult, error) {
	opt.fill()
	if k < 2 || k > len(arts) {
		return nil, fmt.Errorf("need 2 ≤ folds ≤ %d, got %d", len(arts), k)
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0xcf))
	perm := rng.Perm(len(arts))
	res := &CVResult{Folds: k}
	var siGold, tcGold []ptc.Span
	for f := 0; f < k; f++ {
		var train, test []*ptc.Article
		for i, j := range perm {
			if i%k == f {
				test = append(test, arts[j])
			} else {
				train = append(train, arts[j])
			}
		}
		m, err := Train(train, opt)
		if err != nil {
			return nil, err
		}
		m.Quantize()
		var bs []float32
		for _, t := range m.Taggers {
			bs = append(bs, t.Bias)
		}
		res.Bias = append(res.Bias, bs)
		for _, a := range test {
			siGold = append(siGold, a.SI...)
			tcGold = append(tcGold, a.TC...)
			d := nlp.NewDoc(a.Text)
			for _, t := range m.Tag(d) {
				res.SIPred = append(res.SIPred, ptc.Span{Article: a.ID, Technique: t.Technique, Start: t.Start, End: t.End})
			}
			spans := make([][2]int, len(a.TC))
			for i, s := range a.TC {
				spans[i] = [2]int{s.Start, s.End}
			}
			for i, l := range m.LabelSpans(d, spans) {
				s := a.TC[i]
				s.Technique = l
				res.TCPred = append(res.TCPred, s)
			}
		}
		opt.Log.Info("fold done", "fold", f+1, "of", k)
	}
	res.SI = ptc.ScoreSI(res.SIPred, siGold)
	res.TC = ptc.ScoreTC(res.TCPred, tcGold)
	return res, nil
}
