package ptc

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/sift-project/sift/internal/offsets"
)

// Article is one PTC article with its labels.
type Article struct {
	ID   string
	Path string
	// Text is the article exactly as in the file (invalid UTF-8 bytes
	// replaced one for one).
	Text string
	// Runes is the text's length in code points.
	Runes int
	// SI holds the span-identification labels, TC the technique labels.
	SI, TC []Span
}

var articleName = regexp.MustCompile(`^article(\d+)\.txt$`)

// ArticleID returns the id of a PTC article file name (article<ID>.txt),
// or "" when the name does not match.
func ArticleID(path string) string {
	m := articleName.FindStringSubmatch(filepath.Base(path))
	if m == nil {
		return ""
	}
	return m[1]
}

// LoadDir reads every article<ID>.txt in dir with its
// article<ID>.task-si.labels and article<ID>.task-flc-tc.labels when they
// exist, sorted by id. Label offsets are checked against the text.
func LoadDir(dir string) ([]*Article, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []*Article
	for _, e := range ents {
		id := ArticleID(e.Name())
		if id == "" || e.IsDir() {
			continue
		}
		a, err := LoadArticle(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no article<ID>.txt files", dir)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// LoadArticle reads one article<ID>.txt and its label files beside it.
func LoadArticle(path string) (*Article, error) {
	id := ArticleID(path)
	if id == "" {
		return nil, fmt.Errorf("%s: not an article<ID>.txt file", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	text := strings.ToValidUTF8(string(data), "\uFFFD")
	a := &Article{ID: id, Path: path, Text: text, Runes: offsets.New(text).Len()}
	base := strings.TrimSuffix(path, ".txt")
	for _, lf := range []struct {
		suffix string
		dst    *[]Span
	}{{".task-si.labels", &a.SI}, {".task-flc-tc.labels", &a.TC}} {
		name := base + lf.suffix
		f, err := os.Open(name)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		spans, err := ReadLabels(f, name)
		f.Close()
		if err != nil {
			return nil, err
		}
		for i, s := range spans {
			if s.Article != id {
				return nil, fmt.Errorf("%s: span %d names article %s", name, i+1, s.Article)
			}
			if s.End > a.Runes {
				return nil, fmt.Errorf("%s: span %d [%d, %d) beyond the text (%d code points)", name, i+1, s.Start, s.End, a.Runes)
			}
		}
		*lf.dst = spans
	}
	return a, nil
}

// TrainDir finds the shared PTC training split for tests and benchmarks:
// $SIFT_PTC when set, else shared/data/ptc/train in the working directory
// or one of its parents. It returns "" when there is none.
func TrainDir() string {
	if d := os.Getenv("SIFT_PTC"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "shared", "data", "ptc", "train")
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// TrainTexts reads the texts of the first n articles (article*.txt, in
// name order; all when n <= 0) of TrainDir, for tests and benchmarks. It
// returns nil and no error when there is no training split.
func TrainTexts(n int) ([]string, error) {
	dir := TrainDir()
	if dir == "" {
		return nil, nil
	}
	files, err := filepath.Glob(filepath.Join(dir, "article*.txt"))
	if err != nil {
		return nil, err
	}
	if n > 0 && n < len(files) {
		files = files[:n]
	}
	texts := make([]string, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		texts = append(texts, string(b))
	}
	return texts, nil
}
