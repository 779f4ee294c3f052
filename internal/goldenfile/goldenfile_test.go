package goldenfile

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder captures failures instead of failing the real test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for got, wantFail := range map[string]bool{"a\nb\n": false, "a\nb": true, "a\nc\n": true} {
		r := &recorder{TB: t}
		Check(r, path, []byte(got))
		if r.failed != wantFail {
			t.Errorf("Check(%q): failed=%v, want %v", got, r.failed, wantFail)
		}
	}
	r := &recorder{TB: t}
	Check(r, filepath.Join(t.TempDir(), "missing.golden"), []byte("x"))
	if !r.failed {
		t.Error("a missing golden file must fail")
	}
}
