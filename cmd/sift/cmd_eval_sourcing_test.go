package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/sourcing"
)

func TestEvalSourcing(t *testing.T) {
	if sourcing.FindDataDir(".") == "" {
		t.Skip("shared data not available")
	}
	var out bytes.Buffer
	err := runEvalSourcing(evalSourcingOptions{gold: "../../internal/sourcing/testdata/gold", split: "dev"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"dev (21 articles)", "source", "cue", "content", "vague", "hedge", "F1~"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "test (") {
		t.Error("--split dev printed the test split")
	}
	if err := runEvalSourcing(evalSourcingOptions{gold: "no/such/dir"}, &out); err == nil {
		t.Error("a missing gold directory must be an error")
	}
}
