package warc

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Writer writes WARC/1.1 records, each in its own gzip member when
// compressing (as crawlers do). It exists to build test and benchmark
// corpora; sift itself only reads WARC files.
type Writer struct {
	w    io.Writer
	gz   *gzip.Writer
	buf  bytes.Buffer
	n    int
	Date time.Time // WARC-Date of the records written (default: now)
}

// NewWriter returns a writer to w; compress selects .warc.gz output.
func NewWriter(w io.Writer, compress bool) *Writer {
	wr := &Writer{w: w}
	if compress {
		wr.gz, _ = gzip.NewWriterLevel(io.Discard, gzip.BestSpeed)
	}
	return wr
}

// Member returns the bytes of the next record as Write would write them
// (one gzip member when compressing), without writing them. Tests use it
// to damage a record on purpose.
func (w *Writer) Member(typ, targetURI, contentType string, block []byte) []byte {
	w.buf.Reset()
	date := w.Date
	if date.IsZero() {
		date = time.Now().UTC()
	}
	id := sha1.Sum(fmt.Appendf(nil, "%d %s %s", w.n, typ, targetURI))
	w.n++
	fmt.Fprintf(&w.buf, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: %s\r\n",
		typ, hex.EncodeToString(id[:16]), date.Format(time.RFC3339))
	if targetURI != "" {
		fmt.Fprintf(&w.buf, "WARC-Target-URI: %s\r\n", targetURI)
	}
	if contentType != "" {
		fmt.Fprintf(&w.buf, "Content-Type: %s\r\n", contentType)
	}
	w.buf.WriteString("Content-Length: " + strconv.Itoa(len(block)) + "\r\n\r\n")
	w.buf.Write(block)
	w.buf.WriteString("\r\n\r\n")
	if w.gz == nil {
		return bytes.Clone(w.buf.Bytes())
	}
	var out bytes.Buffer
	w.gz.Reset(&out)
	w.gz.Write(w.buf.Bytes())
	w.gz.Close()
	return out.Bytes()
}

// Write writes one record: its type ("response", "request", "warcinfo",
// ...), target URI, block content type and block.
func (w *Writer) Write(typ, targetURI, contentType string, block []byte) error {
	_, err := w.w.Write(w.Member(typ, targetURI, contentType, block))
	return err
}

// HTTPResponse builds an HTTP/1.1 response message (a response record's
// block) from a status, header lines ("Name: value") and a body.
func HTTPResponse(status int, headers []string, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, statusText(status))
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

func statusText(code int) string {
	switch code {
	case 200:
		return "OK"
	case 301:
		return "Moved Permanently"
	case 404:
		return "Not Found"
	}
	return "Status"
}
