package read

import (
	"errors"
	"io"
	"strings"

	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/warc"
)

// isWARC reports a WARC file name: .warc or .warc.gz.
func isWARC(path string) bool {
	lower := strings.ToLower(path)
	return strings.HasSuffix(lower, ".warc") || strings.HasSuffix(lower, ".warc.gz")
}

// readWARC streams the HTML pages of a WARC file (plain or gzip), one
// item per page, Source.Record being the record's number in the file and
// Source.URL its target URI. A damaged record is yielded as an item with
// Err set (naming the record and its offset) and reading goes on.
// Memory stays bounded by the record body cap (MaxRecordBytes, at most
// 8 MiB by default) whatever the file's size.
func readWARC(r io.Reader, path string, opts Options, yield func(Item) bool) bool {
	wr := warc.NewReader(r, warc.Options{MaxBody: min(opts.maxRecord(), 8<<20)})
	for {
		rec, err := wr.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			var re *warc.RecordError
			if errors.As(err, &re) {
				n := re.Number
				if !yield(Item{Source: report.Source{Path: path, Record: &n}, Err: err}) {
					return false
				}
				continue
			}
			return yield(Item{Source: report.Source{Path: path}, Err: err})
		}
		n := rec.Number
		it := Item{
			Source: report.Source{Path: path, Record: &n, URL: rec.TargetURI},
			Kind:   HTML,
			Body:   Decode(rec.Body, rec.Charset),
		}
		if !yield(it) {
			return false
		}
	}
}
