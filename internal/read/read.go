// Package read turns input paths (files, directories, stdin) into a stream
// of raw article items: plain or scraped text, HTML pages, CSV and JSONL
// records, and PTC articles. It decodes bytes to valid UTF-8 and reports a
// bad item as an Item with Err set, so that a batch goes on past it.
package read

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/report"
)

// Kind says how an item's Body is to be cleaned.
type Kind int

// Item kinds.
const (
	// Text is scraped plain text: title on the first line, boilerplate
	// possibly left in.
	Text Kind = iota
	// HTML is a web page whose main content must be extracted.
	HTML
	// PTC is an article in the PTC layout, analysed exactly as it is so
	// that code-point offsets into the file stay valid.
	PTC
	// Record is a CSV or JSONL record: Body is the article text, metadata
	// comes from the record's own fields.
	Record
)

func (k Kind) String() string {
	return [...]string{"text", "html", "ptc", "record"}[k]
}

// Item is one raw article.
type Item struct {
	Source report.Source
	Kind   Kind
	// Body is the article: text or HTML, valid UTF-8.
	Body string
	// Title, Published and Byline carry metadata given by a record's own
	// fields (CSV/JSONL) or a feed; empty when unknown.
	Title     string
	Published string
	Byline    []string
	// Err is set when this item could not be read; the other fields then
	// only name it (Source.Path and Source.Record).
	Err error
}

// Name names the item in messages: "path" or "path:row N".
func (it Item) Name() string {
	if it.Source.Record != nil {
		return fmt.Sprintf("%s: record %d", it.Source.Path, *it.Source.Record)
	}
	return it.Source.Path
}

// Options bound what the readers accept.
type Options struct {
	// MaxBytes is the largest input file read (default 64 MiB); larger
	// files are reported as errors. Records inside CSV/JSONL files are
	// streamed and are limited by MaxRecordBytes instead.
	MaxBytes int64
	// MaxRecordBytes bounds one CSV/JSONL record (default 16 MiB).
	MaxRecordBytes int
	// Stdin is read for the path "-".
	Stdin io.Reader
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return 64 << 20
	}
	return o.MaxBytes
}

func (o Options) maxRecord() int {
	if o.MaxRecordBytes <= 0 {
		return 16 << 20
	}
	return o.MaxRecordBytes
}

// Items yields the items of every path in order; directories are walked
// recursively in lexical order, skipping hidden files and PTC label files.
func Items(paths []string, opts Options) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		for _, p := range paths {
			if p == "-" {
				if !readStdin(opts, yield) {
					return
				}
				continue
			}
			st, err := os.Stat(p)
			if err != nil {
				if !yield(Item{Source: report.Source{Path: p}, Err: cleanErr(err)}) {
					return
				}
				continue
			}
			if st.IsDir() {
				if !walkDir(p, opts, yield) {
					return
				}
				continue
			}
			if !File(p, opts, yield) {
				return
			}
		}
	}
}

func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func walkDir(root string, opts Options, yield func(Item) bool) bool {
	var files []string
	var errs []Item
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, Item{Source: report.Source{Path: p}, Err: cleanErr(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != root && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || skipFile(name) {
			return nil
		}
		files = append(files, p)
		return nil
	})
	sort.Strings(files)
	for _, e := range errs {
		if !yield(e) {
			return false
		}
	}
	for _, f := range files {
		if !File(f, opts, yield) {
			return false
		}
	}
	return true
}

// skipFile reports files a directory walk leaves alone: label files and
// other non-article companions.
func skipFile(name string) bool {
	lower := strings.ToLower(name)
	for _, suf := range []string{".labels", ".md", ".json", ".opml", ".go", ".sum", ".mod", ".expected", ".golden", ".ptc"} {
		if strings.HasSuffix(lower, suf) {
			return true
		}
	}
	return false
}

var ptcName = regexp.MustCompile(`^article\d+\.txt$`)

// File yields the items of one file, chosen by extension or, failing that,
// by sniffing its content.
func File(path string, opts Options, yield func(Item) bool) bool {
	src := report.Source{Path: path}
	f, err := os.Open(path)
	if err != nil {
		return yield(Item{Source: src, Err: cleanErr(err)})
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return yield(Item{Source: src, Err: cleanErr(err)})
	}
	if !st.Mode().IsRegular() {
		return yield(Item{Source: src, Err: errors.New("not a regular file")})
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".csv", ".tsv":
		return readCSV(f, path, ext == ".tsv", opts, yield)
	case ".jsonl", ".ndjson":
		return readJSONL(f, path, opts, yield)
	case ".warc", ".gz":
		if isWARC(path) {
			return readWARC(f, path, opts, yield)
		}
	}
	if st.Size() > opts.maxBytes() {
		return yield(Item{Source: src, Err: fmt.Errorf("file is %d bytes, over the %d-byte limit", st.Size(), opts.maxBytes())})
	}
	data, err := io.ReadAll(io.LimitReader(f, opts.maxBytes()+1))
	if err != nil {
		return yield(Item{Source: src, Err: fmt.Errorf("read: %w", cleanErr(err))})
	}
	return bytesItem(data, path, ext, opts, yield)
}

func readStdin(opts Options, yield func(Item) bool) bool {
	src := report.Source{Path: "-"}
	in := opts.Stdin
	if in == nil {
		in = os.Stdin
	}
	data, err := io.ReadAll(io.LimitReader(in, opts.maxBytes()+1))
	if err != nil {
		return yield(Item{Source: src, Err: fmt.Errorf("read stdin: %w", err)})
	}
	if int64(len(data)) > opts.maxBytes() {
		return yield(Item{Source: src, Err: fmt.Errorf("input over the %d-byte limit", opts.maxBytes())})
	}
	return bytesItem(data, "-", "", opts, yield)
}

// bytesItem classifies a whole file's bytes and yields its items.
func bytesItem(data []byte, path, ext string, opts Options, yield func(Item) bool) bool {
	src := report.Source{Path: path}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		data = []byte(Decode(data, "")) // UTF-16 holds NUL bytes: decode before sniffing
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return yield(Item{Source: src, Err: errors.New("empty input")})
	}
	if IsBinary(data) {
		return yield(Item{Source: src, Err: errors.New("binary data, not an article")})
	}
	switch ext {
	case ".html", ".htm", ".xhtml":
		return yield(Item{Source: src, Kind: HTML, Body: Decode(data, "")})
	case ".csv":
		return readCSV(bytes.NewReader(data), path, false, opts, yield)
	case ".jsonl", ".ndjson":
		return readJSONL(bytes.NewReader(data), path, opts, yield)
	}
	if ptcName.MatchString(filepath.Base(path)) {
		id := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "article"), ".txt")
		src.ID = id
		// PTC files are UTF-8; any bad byte is replaced one-for-one so the
		// code-point count (and so every offset) is unchanged.
		return yield(Item{Source: src, Kind: PTC, Body: strings.ToValidUTF8(string(data), "\uFFFD")})
	}
	// Sniff: HTML, JSON Lines.
	head := bytes.TrimLeft(data[:min(len(data), 1024)], " \t\r\n\ufeff")
	lower := bytes.ToLower(head[:min(len(head), 512)])
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		(bytes.HasPrefix(lower, []byte("<")) && (bytes.Contains(lower, []byte("<body")) || bytes.Contains(lower, []byte("<head")) || bytes.Contains(lower, []byte("<p>")) || bytes.Contains(lower, []byte("<div")))) {
		return yield(Item{Source: src, Kind: HTML, Body: Decode(data, "")})
	}
	if bytes.HasPrefix(head, []byte("{")) && looksJSONL(data) {
		return readJSONL(bytes.NewReader(data), path, opts, yield)
	}
	return yield(Item{Source: src, Kind: Text, Body: Decode(data, "")})
}

// IsBinary reports data that is not text: NUL bytes, or a large share of
// control characters, in its first 8 KiB.
func IsBinary(data []byte) bool {
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	if ctrl*20 > len(head) {
		return true
	}
	// Mostly invalid UTF-8 with high bytes everywhere is binary too, unless
	// it decodes as Latin-1 text with letters (handled by Decode).
	if !utf8.Valid(head) {
		high := 0
		for _, c := range head {
			if c >= 0x80 {
				high++
			}
		}
		return high*3 > len(head)
	}
	return false
}
