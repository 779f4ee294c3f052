package analyze

import (
	"testing"

	"github.com/sift-project/sift/internal/clean"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/read"
)

func ptcTexts(b *testing.B) ([][]byte, int) {
	texts, err := ptc.TrainTexts(0)
	if err != nil {
		b.Fatal(err)
	}
	if len(texts) == 0 {
		b.Skip("PTC data not available")
	}
	var out [][]byte
	size := 0
	for _, s := range texts {
		out = append(out, []byte(s))
		size += len(s)
	}
	return out, size
}

// BenchmarkReadCleanSplit measures the foundation stages on the PTC
// training articles read as scraped text: decode and sniff, boilerplate
// cleaning and metadata, tokens and sentences.
func BenchmarkReadCleanSplit(b *testing.B) {
	texts, size := ptcTexts(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, data := range texts {
			r, err := clean.Article(read.Item{Kind: read.Text, Body: read.Decode(data, "")})
			if err != nil {
				b.Fatal(err)
			}
			nlp.NewDoc(r.Text)
		}
	}
	b.ReportMetric(float64(len(texts)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
