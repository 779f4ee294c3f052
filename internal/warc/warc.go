// Package warc reads WARC files (ISO 28500, WARC/1.0 and WARC/1.1), plain
// or gzip-compressed (one member per record, as crawlers write them, or a
// single member for the whole file), and yields the HTML pages they hold.
//
// The reader streams: memory is bounded by the largest record body kept
// (Options.MaxBody) whatever the file's size. A truncated or corrupt record
// is reported as a *RecordError naming its number and offset, and reading
// goes on with the next record found (the reader resynchronises on the next
// gzip member and the next "WARC/1." line).
package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Options bound the reader.
type Options struct {
	// MaxBody caps one record's kept body (default 8 MiB); the rest of a
	// larger body is skipped and the record marked Truncated.
	MaxBody int
	// AllPayloads yields response and resource records of every content
	// type and status, not only HTML pages with a 2xx status.
	AllPayloads bool
	// ReuseBody lets Record.Body share the reader's buffer: it is then only
	// valid until the next call to Next. It saves a copy of every page
	// for callers that convert the body at once.
	ReuseBody bool
}

func (o Options) maxBody() int {
	if o.MaxBody <= 0 {
		return 8 << 20
	}
	return o.MaxBody
}

// Record is one HTML page read from a WARC file.
type Record struct {
	// Number is the record's 0-based position in the file, counting every
	// record (requests, metadata and corrupt records included).
	Number int
	// Offset is the byte offset of the record's start in the decompressed
	// stream (for a plain .warc, the file offset).
	Offset int64
	// Type is the WARC-Type: "response" or "resource".
	Type string
	// TargetURI is the WARC-Target-URI.
	TargetURI string
	// Date is the WARC-Date (the capture time, not publication).
	Date string
	// ID is the WARC-Record-ID.
	ID string
	// Status is the HTTP status (0 for resource records).
	Status int
	// ContentType is the payload's media type ("text/html"), lower case,
	// without parameters.
	ContentType string
	// Charset is the payload's declared charset (HTTP header first, then a
	// <meta> tag), lower case; empty when none is declared.
	Charset string
	// Body is the payload: transfer- and content-decoded, capped. With
	// Options.ReuseBody it is only valid until the next call to Next.
	Body []byte
	// Truncated reports that Body was cut at Options.MaxBody.
	Truncated bool
}

// RecordError reports a record that could not be read. Reading may go on
// after it.
type RecordError struct {
	Number int
	Offset int64
	Err    error
}

func (e *RecordError) Error() string {
	return fmt.Sprintf("WARC record %d at byte %d: %v", e.Number, e.Offset, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// Stats counts what a Reader has seen so far.
type Stats struct {
	Records int // records seen, corrupt ones included
	Pages   int // records returned by Next
	Skipped int // well-formed records skipped (requests, metadata, non-HTML, non-2xx)
	Corrupt int // records reported as *RecordError
}

// Reader reads HTML pages from a WARC stream.
type Reader struct {
	s      *stream
	opts   Options
	stats  Stats
	line   []byte
	block  []byte
	closed bool
}

// NewReader returns a reader of r, which may be a plain or gzip-compressed
// WARC (detected from its first bytes). When r is an io.Seeker (a file), a
// damaged gzip member is resynchronised by seeking back, so no following
// member is lost.
func NewReader(r io.Reader, opts Options) *Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		src = newMemberStream(r, br)
	}
	return &Reader{s: &stream{br: bufio.NewReaderSize(src, 64<<10)}, opts: opts}
}

// Stats returns the counts so far.
func (r *Reader) Stats() Stats { return r.stats }

func isCorrupt(err error) bool { return errors.Is(err, errCorrupt) }

const maxHeaderLine = 16 << 10
const maxHeaderLines = 512

// Next returns the next HTML page. At the end it returns io.EOF. A damaged
// record is returned as a *RecordError and the next call goes on after it;
// any other error is fatal (the underlying reader failed).
func (r *Reader) Next() (*Record, error) {
	for {
		if r.closed {
			return nil, io.EOF
		}
		rec, err := r.next()
		if err == io.EOF {
			r.closed = true
			return nil, io.EOF
		}
		var re *RecordError
		if errors.As(err, &re) {
			r.stats.Corrupt++
			return nil, err
		}
		if err != nil {
			r.closed = true
			return nil, err
		}
		if rec != nil {
			r.stats.Pages++
			return rec, nil
		}
		r.stats.Skipped++
	}
}

// next reads one record; it returns (nil, nil) for a well-formed record
// that is skipped.
func (r *Reader) next() (*Record, error) {
	s := r.s
	// Skip blank lines between records.
	for {
		p := s.peek(1)
		if len(p) == 0 {
			// End of input, or a damaged gzip member between records.
			b, err := s.ReadByte()
			if err == nil {
				s.unread([]byte{b})
				continue
			}
			if isCorrupt(err) {
				return nil, r.corrupt(s.off, err)
			}
			return nil, err
		}
		if p[0] != '\r' && p[0] != '\n' {
			break
		}
		s.ReadByte()
	}
	start := s.off
	num := r.stats.Records
	r.stats.Records++
	fail := func(err error) error {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		rerr := &RecordError{Number: num, Offset: start, Err: err}
		if serr := s.skipToRecord(); serr != nil && serr != io.EOF {
			return serr
		}
		return rerr
	}
	line, _, err := s.readLine(r.line, maxHeaderLine)
	r.line = line
	if err != nil {
		return nil, fail(err)
	}
	if !bytes.HasPrefix(line, []byte("WARC/1.")) {
		return nil, fail(fmt.Errorf("no WARC version line (found %q)", clip(line)))
	}
	rec := &Record{Number: num, Offset: start}
	length := int64(-1)
	contentType := ""
	for n := 0; ; n++ {
		if n > maxHeaderLines {
			return nil, fail(errors.New("too many header lines"))
		}
		line, long, err := s.readLine(r.line, maxHeaderLine)
		r.line = line
		if err != nil {
			return nil, fail(fmt.Errorf("header: %w", err))
		}
		if long {
			return nil, fail(errors.New("header line too long"))
		}
		if len(line) == 0 {
			break
		}
		if bytes.HasPrefix(line, []byte("WARC/1.")) {
			// The next record starts here: give its line back.
			s.unread(append(line, '\r', '\n'))
			return nil, fail(errors.New("record header cut short"))
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			if line[0] == ' ' || line[0] == '\t' {
				continue // folded continuation; none of ours need it
			}
			return nil, fail(fmt.Errorf("bad header line %q", clip(line)))
		}
		v := string(bytes.TrimSpace(value))
		switch strings.ToLower(string(bytes.TrimSpace(name))) {
		case "warc-type":
			rec.Type = strings.ToLower(v)
		case "warc-target-uri":
			rec.TargetURI = strings.TrimSuffix(strings.TrimPrefix(v, "<"), ">")
		case "warc-date":
			rec.Date = v
		case "warc-record-id":
			rec.ID = v
		case "content-type":
			contentType = strings.ToLower(v)
		case "content-length":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return nil, fail(fmt.Errorf("bad Content-Length %q", clip([]byte(v))))
			}
			length = n
		}
	}
	if length < 0 {
		return nil, fail(errors.New("no Content-Length"))
	}
	wanted := rec.Type == "resource" ||
		rec.Type == "response" && (strings.HasPrefix(contentType, "application/http") || r.opts.AllPayloads)
	if !wanted {
		if _, err := s.discard(length); err != nil {
			return nil, fail(fmt.Errorf("block: %w", err))
		}
		if err := r.endOfRecord(nil); err != nil {
			return nil, fail(err)
		}
		return nil, nil
	}
	// Keep the block up to the cap; skip the rest.
	limit := int64(r.opts.maxBody()) + 64<<10
	keep := min(length, limit)
	if int64(cap(r.block)) < keep {
		r.block = make([]byte, keep)
	}
	block := r.block[:keep]
	got, err := io.ReadFull(s, block)
	if err != nil {
		return nil, r.failBlock(fail, block[:got], fmt.Errorf("block cut short at %d of %d bytes: %w", got, length, err))
	}
	cut := false
	if length > keep {
		cut = true
		if _, err := s.discard(length - keep); err != nil {
			return nil, fail(fmt.Errorf("block: %w", err))
		}
	}
	if err := r.endOfRecord(block); err != nil {
		return nil, r.failBlock(fail, block, err)
	}
	return r.payload(rec, contentType, block, cut)
}

// failBlock handles a block that was cut short or not followed by the
// record trailer. When the kept block holds the start of another record
// (the Content-Length was too large), that record is pushed back so that
// it is not lost.
func (r *Reader) failBlock(fail func(error) error, block []byte, err error) error {
	if i := nextRecordIn(block); i >= 0 {
		// Only a damaged record, not the stream: re-read from the
		// swallowed record's first line.
		rerr := &RecordError{Number: r.stats.Records - 1, Offset: r.s.off - int64(len(block)), Err: fmt.Errorf("block runs into the next record: %w", err)}
		r.s.unread(block[i:])
		return rerr
	}
	return fail(err)
}

// endOfRecord checks the "\r\n\r\n" that ends every record.
func (r *Reader) endOfRecord(block []byte) error {
	p := r.s.peek(4)
	if bytes.Equal(p, []byte("\r\n\r\n")) {
		r.s.discard(4)
		return nil
	}
	// Tolerate bare LFs, and a missing trailer right at the end of the file.
	if bytes.HasPrefix(p, []byte("\n\n")) {
		r.s.discard(2)
		return nil
	}
	if len(p) == 0 {
		return nil
	}
	if bytes.HasPrefix(p, []byte("\r\n")) && len(p) == 2 || bytes.Equal(p, []byte("\r\n\r")) {
		r.s.discard(int64(len(p)))
		return nil
	}
	return fmt.Errorf("bad Content-Length: record not followed by CRLF CRLF (found %q)", p)
}

func (r *Reader) corrupt(off int64, err error) error {
	num := r.stats.Records
	r.stats.Records++
	return &RecordError{Number: num, Offset: off, Err: err}
}

func clip(b []byte) string {
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}

// nextRecordIn finds the start of a record's version line inside a block
// read with a wrong Content-Length, or returns -1.
func nextRecordIn(block []byte) int {
	best := -1
	for _, v := range [][]byte{[]byte("WARC/1.0\r\n"), []byte("WARC/1.1\r\n")} {
		// Skip the first bytes: a block never starts with a record.
		if i := bytes.Index(block[min(len(block), 1):], v); i >= 0 && (best < 0 || i+1 < best) {
			best = i + 1
		}
	}
	return best
}
