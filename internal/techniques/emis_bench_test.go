package techniques

import (
	"testing"

	"github.com/sift-project/sift/internal/nlp"
)

type benchSent struct {
	a     *Analysis
	si    int
	src   []uint8
	feats []uint32
	off   []int32
	xs    []uint32
	xf    []uint32
	xoff  []int32
}

func emissionSents(b *testing.B) (*Model, []benchSent) {
	m := embedded(b)
	var out []benchSent
	for _, art := range loadTrain(b, 60) {
		d := nlp.NewDoc(art.Text)
		a := m.Prepare(d)
		for si, s := range d.Sentences {
			if s.Last == s.First {
				continue
			}
			f, o, src := a.sentFeaturesSrc(si, nil, nil, nil)
			xs := []uint32{fn('V', 3)}
			xf, xo := withFeatures(f, o, xs, nil, nil)
			out = append(out, benchSent{a, si, src, f, o, xs, xf, xo})
		}
	}
	return m, out
}

// BenchmarkEmissionsPlain and BenchmarkEmissionsPacked compare the span
// taggers' scoring over the plain weight tables and the compact one.
func BenchmarkEmissionsPlain(b *testing.B) {
	m, ss := emissionSents(b)
	e := make([]float32, 3*1000)
	for b.Loop() {
		for _, s := range ss {
			for _, t := range m.Taggers {
				emissions(t.W, t.mask(), s.xf, s.xoff, e)
			}
		}
	}
}

func BenchmarkEmissionsPacked(b *testing.B) {
	m, ss := emissionSents(b)
	e := make([]float32, 6*1000)
	var ws []*[8]int16
	for b.Loop() {
		for _, s := range ss {
			ws = m.span.emissions(s.a.di, s.a.di.d.Sentences[s.si], s.feats, s.off, s.src, s.xs, e, ws)
		}
	}
}
