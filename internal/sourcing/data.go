package sourcing

import (
	"os"
	"path/filepath"
)

// FindDataDir looks for the shared data directory (shared/data) in dir and
// its parents and returns it, or "" when there is none.
func FindDataDir(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(abs, "shared", "data")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs = parent
	}
}
