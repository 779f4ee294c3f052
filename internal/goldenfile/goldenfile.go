// Package goldenfile is the one mechanism behind sift's golden tests: an
// expected output kept in a file beside the test input, compared byte for
// byte, and rewritten when the test binary runs with -update (check a
// rewritten file by eye before committing it). It is imported only by
// tests.
package goldenfile

import (
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files (check them by eye before committing)")

// Updating reports whether the test binary runs with -update.
func Updating() bool { return *update }

// Check compares got with the file at path. Under -update it writes got to
// path instead. A mismatch fails the test, naming the file and showing got.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it, then check it by eye)", err)
	}
	if string(want) != string(got) {
		t.Errorf("output differs from %s (run with -update after an intended change and check the diff by eye):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
