package techniques

import (
	"testing"

	"github.com/sift-project/sift/internal/nlp"
)

func BenchmarkTagColdX(b *testing.B) {
	arts := loadTrain(b, 0)
	m := embedded(b)
	docs := make([]*nlp.Doc, len(arts))
	for i, a := range arts {
		docs[i] = nlp.NewDoc(a.Text)
	}
	b.ResetTimer()
	for b.Loop() {
		for {
			select {
			case <-m.lex.caches:
				continue
			default:
			}
			break
		}
		for _, d := range docs {
			m.Tag(d)
		}
	}
}
