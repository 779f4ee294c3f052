package clean

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/read"
)

func benchArticles(b *testing.B, items []read.Item) {
	if len(items) == 0 {
		b.Skip("no articles")
	}
	size := 0
	for _, it := range items {
		size += len(it.Body)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, it := range items {
			Article(it)
		}
	}
	b.ReportMetric(float64(len(items)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkArticleHTML cleans news pages (main-content extraction).
func BenchmarkArticleHTML(b *testing.B) {
	files, _ := filepath.Glob("../warc/testdata/pages/*.html")
	var items []read.Item
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, read.Item{Kind: read.HTML, Body: read.Decode(data, "")})
	}
	benchArticles(b, items)
}

// BenchmarkArticlePTC cleans the PTC training articles (kept as they are).
func BenchmarkArticlePTC(b *testing.B) {
	dir := ptc.TrainDir()
	if dir == "" {
		b.Skip("PTC data not available")
	}
	var items []read.Item
	for it := range read.Items([]string{dir}, read.Options{}) {
		items = append(items, it)
	}
	benchArticles(b, items)
}
