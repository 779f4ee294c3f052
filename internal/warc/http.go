package warc

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// payload turns a kept block into a Record, or (nil, nil) when the record
// is not an HTML page with a 2xx status (unless AllPayloads). The returned
// Body is a fresh slice: the block buffer is reused.
func (r *Reader) payload(rec *Record, contentType string, block []byte, cut bool) (*Record, error) {
	body := block
	var hdr map[string]string
	if rec.Type == "response" {
		status, h, rest, err := parseHTTP(block)
		if err != nil {
			return nil, &RecordError{Number: rec.Number, Offset: rec.Offset, Err: fmt.Errorf("HTTP response: %w", err)}
		}
		rec.Status, hdr, body = status, h, rest
		contentType = strings.ToLower(h["content-type"])
		if !r.opts.AllPayloads && (status < 200 || status > 299) {
			return nil, nil
		}
	}
	mt, params, _ := strings.Cut(contentType, ";")
	rec.ContentType = strings.TrimSpace(mt)
	rec.Charset = charsetParam(params)
	if hdr != nil {
		var err error
		if te := strings.ToLower(hdr["transfer-encoding"]); strings.Contains(te, "chunked") {
			body = dechunk(body)
		}
		enc := strings.ToLower(strings.TrimSpace(hdr["content-encoding"]))
		if enc == "" && len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b {
			enc = "gzip" // compressed without saying so (it happens)
		}
		body, cut, err = decodeContent(body, enc, r.opts.maxBody(), cut)
		if err != nil {
			return nil, &RecordError{Number: rec.Number, Offset: rec.Offset, Err: err}
		}
	}
	if len(body) > r.opts.maxBody() {
		body, cut = body[:r.opts.maxBody()], true
	}
	if !r.opts.AllPayloads && !isHTML(rec.ContentType, body) {
		return nil, nil
	}
	if rec.Charset == "" {
		rec.Charset = MetaCharset(body)
	}
	rec.Body = bytes.Clone(body)
	rec.Truncated = cut
	return rec, nil
}

// parseHTTP splits an HTTP response into status, headers (lower-case
// names, last value wins) and body.
func parseHTTP(b []byte) (int, map[string]string, []byte, error) {
	end := bytes.Index(b, []byte("\r\n\r\n"))
	sep := 4
	if lf := bytes.Index(b, []byte("\n\n")); lf >= 0 && (end < 0 || lf < end) {
		end, sep = lf, 2
	}
	if end < 0 {
		return 0, nil, nil, errors.New("no end of headers")
	}
	head, body := b[:end], b[end+sep:]
	lines := strings.Split(string(head), "\n")
	status := strings.TrimSpace(lines[0])
	if !strings.HasPrefix(status, "HTTP/") {
		return 0, nil, nil, fmt.Errorf("bad status line %q", clip([]byte(status)))
	}
	f := strings.Fields(status)
	if len(f) < 2 {
		return 0, nil, nil, fmt.Errorf("bad status line %q", clip([]byte(status)))
	}
	code, err := strconv.Atoi(f[1])
	if err != nil || code < 100 || code > 999 {
		return 0, nil, nil, fmt.Errorf("bad status %q", clip([]byte(f[1])))
	}
	h := make(map[string]string, len(lines))
	for _, l := range lines[1:] {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		h[strings.ToLower(strings.TrimSpace(name))] = strings.TrimSpace(value)
	}
	return code, h, body, nil
}

// dechunk undoes chunked transfer coding; a broken chunk stream keeps what
// was read (pages are often captured cut short).
func dechunk(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		line, rest, ok := bytes.Cut(b, []byte("\n"))
		if !ok {
			if len(out) == 0 {
				return b
			}
			break
		}
		sz := strings.TrimSpace(string(line))
		if i := strings.IndexByte(sz, ';'); i >= 0 {
			sz = sz[:i]
		}
		n, err := strconv.ParseInt(sz, 16, 64)
		if err != nil || n < 0 {
			if len(out) == 0 {
				return b // not chunked after all
			}
			break
		}
		if n == 0 {
			break
		}
		if n > int64(len(rest)) {
			out = append(out, rest...)
			break
		}
		out = append(out, rest[:n]...)
		b = rest[n:]
		b = bytes.TrimPrefix(b, []byte("\r"))
		b = bytes.TrimPrefix(b, []byte("\n"))
	}
	return out
}

// decodeContent undoes a Content-Encoding, capping the output at max.
func decodeContent(b []byte, enc string, max int, cut bool) ([]byte, bool, error) {
	var zr io.Reader
	switch enc {
	case "", "identity", "none":
		return b, cut, nil
	case "gzip", "x-gzip":
		z, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, cut, fmt.Errorf("Content-Encoding gzip: %w", err)
		}
		zr = z
	case "deflate":
		if z, err := zlib.NewReader(bytes.NewReader(b)); err == nil {
			zr = z
		} else {
			zr = flate.NewReader(bytes.NewReader(b))
		}
	default:
		return nil, cut, fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	out, err := io.ReadAll(io.LimitReader(zr, int64(max)+1))
	if len(out) > max {
		return out[:max], true, nil
	}
	if err != nil && len(out) == 0 {
		return nil, cut, fmt.Errorf("Content-Encoding %s: %w", enc, err)
	}
	// A truncated capture decodes partly: keep what came out.
	return out, cut || err != nil, nil
}

func charsetParam(params string) string {
	for _, p := range strings.Split(params, ";") {
		k, v, ok := strings.Cut(p, "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "charset") {
			return strings.ToLower(strings.Trim(strings.TrimSpace(v), `"'`))
		}
	}
	return ""
}

// MetaCharset returns the charset declared by a <meta> tag in a page's first
// 4 KiB: <meta charset="x"> or <meta http-equiv=... content="...; charset=x">.
func MetaCharset(body []byte) string {
	head := bytes.ToLower(body[:min(len(body), 4096)])
	for {
		i := bytes.Index(head, []byte("<meta"))
		if i < 0 {
			return ""
		}
		head = head[i+5:]
		end := bytes.IndexByte(head, '>')
		if end < 0 {
			return ""
		}
		tag := head[:end]
		if j := bytes.Index(tag, []byte("charset")); j >= 0 {
			v := bytes.TrimLeft(tag[j+7:], " \t\r\n")
			if len(v) == 0 || v[0] != '=' {
				continue
			}
			v = bytes.TrimLeft(v[1:], " \t\r\n\"'")
			k := 0
			for k < len(v) && (v[k] >= 'a' && v[k] <= 'z' || v[k] >= '0' && v[k] <= '9' || bytes.IndexByte([]byte("-_.:"), v[k]) >= 0) {
				k++
			}
			if k > 0 {
				return string(v[:k])
			}
		}
		head = head[end:]
	}
}

// isHTML reports an HTML payload: by media type when one is given, else by
// sniffing the body's start.
func isHTML(mediaType string, body []byte) bool {
	switch mediaType {
	case "text/html", "application/xhtml+xml":
		return true
	case "", "application/octet-stream", "text/plain", "unknown/unknown":
		head := bytes.ToLower(bytes.TrimLeft(body[:min(len(body), 512)], " \t\r\n\xef\xbb\xbf"))
		return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
			bytes.HasPrefix(head, []byte("<head")) || bytes.HasPrefix(head, []byte("<body"))
	}
	return false
}
