package read

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sift-project/sift/internal/report"
)

// Column names recognised in CSV headers and JSON objects, in order of
// preference.
var (
	textCols   = []string{"article_content", "content", "text", "body", "article", "article_text", "full_text", "maintext"}
	titleCols  = []string{"article_title", "title", "headline"}
	sourceCols = []string{"source", "outlet", "site", "site_name", "publisher", "source_name", "domain"}
	dateCols   = []string{"published", "date", "publish_date", "published_at", "pubdate", "date_publish", "datetime"}
	idCols     = []string{"id", "unit_id", "article_id", "uid", "guid"}
	urlCols    = []string{"url", "link", "source_url", "href"}
	authorCols = []string{"author", "authors", "byline"}
)

func findCol(header []string, names []string) int {
	for _, n := range names {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), n) {
				return i
			}
		}
	}
	return -1
}

// readCSV streams a CSV file with a header row, one item per data row.
func readCSV(r io.Reader, path string, tsv bool, opts Options, yield func(Item) bool) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	if peek, _ := br.Peek(8192); len(bytes.TrimSpace(peek)) == 0 {
		return yield(Item{Source: report.Source{Path: path}, Err: errors.New("empty input")})
	} else if IsBinary(peek) {
		return yield(Item{Source: report.Source{Path: path}, Err: errors.New("binary data, not CSV")})
	}
	cr := csv.NewReader(&limitedLines{r: br, max: opts.maxRecord()})
	if tsv {
		cr.Comma = '\t'
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err != nil {
		return yield(Item{Source: report.Source{Path: path}, Err: fmt.Errorf("CSV header: %w", err)})
	}
	for i := range header {
		header[i] = Decode([]byte(header[i]), "")
	}
	text := findCol(header, textCols)
	if text < 0 {
		return yield(Item{Source: report.Source{Path: path}, Err: fmt.Errorf("CSV header has no text column (one of %s)", strings.Join(textCols[:4], ", "))})
	}
	title, source, date := findCol(header, titleCols), findCol(header, sourceCols), findCol(header, dateCols)
	id, url, author := findCol(header, idCols), findCol(header, urlCols), findCol(header, authorCols)
	for row := 0; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return true
		}
		n := row
		src := report.Source{Path: path, Record: &n}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && pe.Err != csv.ErrFieldCount {
				if !yield(Item{Source: src, Err: fmt.Errorf("line %d: %v", pe.Line, pe.Err)}) {
					return false
				}
				if errors.Is(err, errLineTooLong) {
					return true
				}
				continue
			}
			if !errors.As(err, &pe) {
				return yield(Item{Source: src, Err: err})
			}
		}
		get := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(Decode([]byte(rec[i]), ""))
		}
		if text >= len(rec) {
			line, _ := cr.FieldPos(0)
			if !yield(Item{Source: src, Err: fmt.Errorf("line %d: row has %d fields, the text column %q is missing", line, len(rec), header[text])}) {
				return false
			}
			continue
		}
		it := Item{Source: src, Kind: Record, Body: get(text), Title: get(title), Published: get(date)}
		it.Source.Outlet, it.Source.ID, it.Source.URL = get(source), get(id), get(url)
		if a := get(author); a != "" {
			it.Byline = splitAuthors(a)
		}
		if strings.TrimSpace(it.Body) == "" {
			line, _ := cr.FieldPos(0)
			it = Item{Source: src, Err: fmt.Errorf("line %d: empty text column %q", line, header[text])}
		}
		if !yield(it) {
			return false
		}
	}
}

func splitAuthors(s string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' }) {
		for _, b := range strings.Split(a, " and ") {
			if b = strings.TrimSpace(b); b != "" {
				out = append(out, b)
			}
		}
	}
	return out
}

var errLineTooLong = errors.New("record too long")

// limitedLines fails a read when one line grows past max bytes, so that a
// CSV file without newlines cannot take all memory.
type limitedLines struct {
	r       *bufio.Reader
	max     int
	lineLen int
}

func (l *limitedLines) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.lineLen = 0
		} else {
			l.lineLen++
		}
	}
	if l.lineLen > l.max {
		return n, errLineTooLong
	}
	return n, err
}

// looksJSONL reports that the first non-empty line parses as a JSON object.
func looksJSONL(data []byte) bool {
	line, _, _ := bytes.Cut(bytes.TrimLeft(data, " \t\r\n\ufeff"), []byte("\n"))
	var m map[string]json.RawMessage
	return json.Unmarshal(line, &m) == nil
}

// readJSONL streams JSON Lines: one object per line, with text/content/body
// and optional title, url, outlet, published, id and author fields.
func readJSONL(r io.Reader, path string, opts Options, yield func(Item) bool) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 0; ; line++ {
		raw, err := readLine(br, opts.maxRecord())
		if err == io.EOF && len(raw) == 0 {
			return true
		}
		n := line
		src := report.Source{Path: path, Record: &n}
		if errors.Is(err, errLineTooLong) {
			if !yield(Item{Source: src, Err: fmt.Errorf("line %d: over the %d-byte record limit", line+1, opts.maxRecord())}) {
				return false
			}
			continue
		}
		if err != nil && err != io.EOF {
			return yield(Item{Source: src, Err: fmt.Errorf("line %d: %w", line+1, err)})
		}
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			if err == io.EOF {
				return true
			}
			continue
		}
		it := jsonItem(raw, src, line)
		if !yield(it) {
			return false
		}
		if err == io.EOF {
			return true
		}
	}
}

func jsonItem(raw []byte, src report.Source, line int) Item {
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader([]byte(Decode(raw, ""))))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return Item{Source: src, Err: fmt.Errorf("line %d: invalid JSON: %v", line+1, err)}
	}
	get := func(names []string) string {
		for _, n := range names {
			for k, v := range m {
				if strings.EqualFold(k, n) {
					switch x := v.(type) {
					case string:
						return strings.TrimSpace(x)
					case json.Number:
						return x.String()
					case []any:
						var parts []string
						for _, e := range x {
							if s, ok := e.(string); ok {
								parts = append(parts, s)
							}
						}
						return strings.Join(parts, "; ")
					}
				}
			}
		}
		return ""
	}
	body := get(textCols)
	if body == "" {
		return Item{Source: src, Err: fmt.Errorf("line %d: no text field (one of %s)", line+1, strings.Join(textCols[:4], ", "))}
	}
	it := Item{Source: src, Kind: Record, Body: body, Title: get(titleCols), Published: get(dateCols)}
	it.Source.Outlet, it.Source.ID, it.Source.URL = get(sourceCols), get(idCols), get(urlCols)
	if a := get(authorCols); a != "" {
		it.Byline = splitAuthors(a)
	}
	if html := get([]string{"html", "raw_html"}); html != "" && body == "" {
		it.Kind, it.Body = HTML, html
	}
	return it
}

// readLine reads one line (without its newline), failing with
// errLineTooLong after max bytes and discarding the rest of that line.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			// Discard to the end of the line.
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
			}
			if err == io.EOF {
				return nil, errLineTooLong
			}
			return nil, errLineTooLong
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == nil {
			return bytes.TrimRight(buf, "\r\n"), nil
		}
		return buf, err
	}
}
