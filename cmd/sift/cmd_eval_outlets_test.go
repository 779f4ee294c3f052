package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalOutlets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.tsv")
	data := "source_url\tsource_url_normalized\tref\tfact\tbias\n" +
		"http://reuters.com/\treuters.com\tx\thigh\tcenter\n" +
		"http://rt.com/\trt.com\tx\tlow\tright\n" +
		"http://sputniknews.com/\tsputniknews.com\tx\tlow\tright\n" +
		"http://nosuch.invalid/\tnosuch.invalid\tx\thigh\tcenter\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runEvalOutlets(path, 0.5, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if !strings.Contains(s, "4 outlets; 3 rated") || !strings.Contains(s, "accuracy 1.000") {
		t.Fatalf("output %q", s)
	}
}
