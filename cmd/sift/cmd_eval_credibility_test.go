package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestEvalCredibilityRuns(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rows.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"unit_id", "article_title", "article_content", "source", "date", "location", "actor", "cause_of_death", "nb_children", "nb_civilians", "nb_noncivilians", "nb_women", "label"})
	for i := 0; i < 24; i++ {
		w.Write([]string{fmt.Sprint(i), fmt.Sprintf("Shelling in Aleppo kills %d", i),
			fmt.Sprintf("Government shelling killed %d civilians in Aleppo on Monday, the observatory said. Residents of district %d fled.", i, i),
			[]string{"reuters", "sana", "sputnik"}[i%3], fmt.Sprintf("3/%d/16", 1+i%5), "aleppo", "syrian government or russian troops", "shelling",
			"0", fmt.Sprint(i), "0", "0", fmt.Sprint(i % 2)})
	}
	w.Flush()
	f.Close()
	var out bytes.Buffer
	err = runEvalCredibility(context.Background(), evalCredOptions{folds: 3, seeds: 1, l2: 0.01, format: "json"}, path, &out, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Rows    int `json:"rows"`
		Results []struct {
			Name    string
			Metrics struct{ Accuracy, MacroF1 float64 }
		} `json:"results"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if res.Rows != 24 || len(res.Results) != 6 {
		t.Fatalf("rows %d, results %d (want 24 rows; own, corpus and crowd, shipped and fitted)", res.Rows, len(res.Results))
	}
	for _, r := range res.Results {
		if r.Metrics.Accuracy < 0 || r.Metrics.Accuracy > 1 {
			t.Errorf("%s accuracy %v", r.Name, r.Metrics.Accuracy)
		}
	}
}
