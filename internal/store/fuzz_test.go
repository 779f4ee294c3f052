package store

import (
	"context"
	"path/filepath"
	"testing"
)

// FuzzMatchExpr checks that no user query makes an FTS5 syntax error:
// whatever MatchExpr returns is a valid match expression.
func FuzzMatchExpr(f *testing.F) {
	for _, s := range []string{"chemical attack", `"nerve agent" OR sarin*`, `)(" AND NOT *`, "al-Nusra's \"front", "OR OR", "^x:y NEAR(a b)", "ü\u0301 ٱلرقة"} {
		f.Add(s)
	}
	s, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	f.Fuzz(func(t *testing.T, q string) {
		m := MatchExpr(q)
		if m == "" {
			return
		}
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM fts WHERE fts MATCH ?`, m).Scan(&n); err != nil {
			t.Fatalf("MatchExpr(%q) = %q: %v", q, m, err)
		}
	})
}
