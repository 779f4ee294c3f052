package bench

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeCorpus(t *testing.T, n int) string {
	dir := t.TempDir()
	for i := range n {
		text := fmt.Sprintf("Shelling kills %d in Aleppo\n\nAt least %d civilians were killed on Tuesday, "+
			"according to the Syrian Observatory for Human Rights. \"We were buying bread,\" a shopkeeper said.\n", i+3, i+3)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestMeasure(t *testing.T) {
	dir := writeCorpus(t, 12)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644) // unreadable: not counted
	res, err := Measure(Options{Paths: []string{dir}, Rounds: 2, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 12 || res.Limit.Articles != 12 || res.Analysis.Articles != 12 || res.Parallel.Articles != 12 {
		t.Errorf("articles: %d, limit %d, analysis %d, parallel %d", res.Articles, res.Limit.Articles, res.Analysis.Articles, res.Parallel.Articles)
	}
	if res.Bytes < 12*100 || res.Limit.Wall <= 0 || res.Analysis.Wall <= 0 || res.Ratio() <= 0 {
		t.Errorf("bad figures %+v", res)
	}
	var names []string
	for _, s := range res.Stages {
		names = append(names, s.Name)
	}
	if strings.Join(names[:3], ",") != "read,clean,tokenize" {
		t.Errorf("stages %v", names)
	}
	if res.PeakRSS < 1<<20 {
		t.Errorf("peak RSS %d", res.PeakRSS)
	}
	var out bytes.Buffer
	res.Print(&out, dir)
	for _, want := range []string{"articles/s per core", "ratio: analysis takes", "peak RSS:", "tokenize", "parallel: 2 workers"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestMeasureEmpty(t *testing.T) {
	if _, err := Measure(Options{Paths: []string{t.TempDir()}}); err == nil {
		t.Error("an empty corpus must fail")
	}
	if _, err := Measure(Options{}); err == nil {
		t.Error("no corpus must fail")
	}
}
