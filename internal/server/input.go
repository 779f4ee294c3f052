package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
)

// AnalyzeRequest is the JSON body of POST /api/analyze.
type AnalyzeRequest struct {
	Text   string `json:"text"`
	Title  string `json:"title,omitempty"`
	URL    string `json:"url,omitempty"`
	Outlet string `json:"outlet,omitempty"`
}

// httpError is an error with the status it answers.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// statusOf maps an error to its HTTP status.
func statusOf(err error) int {
	var he *httpError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		return he.status
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, ErrNoCorpus):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// readInput turns a request into one article item. It accepts a JSON body
// (AnalyzeRequest), a text/plain body (title, url and outlet then come
// from the query), a multipart form (a "file" part, or a "text" field,
// plus title/url/outlet fields) and a URL-encoded form.
func (s *Server) readInput(w http.ResponseWriter, r *http.Request) (read.Item, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	ct, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil && r.Header.Get("Content-Type") != "" {
		return read.Item{}, &httpError{http.StatusUnsupportedMediaType, "bad Content-Type"}
	}
	var req AnalyzeRequest
	var file []byte
	var fileName, charset string
	switch ct {
	case "application/json":
		dec := json.NewDecoder(r.Body)
		if err := dec.Decode(&req); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return read.Item{}, err
			}
			return read.Item{}, badRequest("bad JSON body: %v", err)
		}
	case "text/plain", "":
		data, err := io.ReadAll(r.Body)
		if err != nil {
			return read.Item{}, err
		}
		file, fileName, charset = data, "", params["charset"]
		q := r.URL.Query()
		req.Title, req.URL, req.Outlet = q.Get("title"), q.Get("url"), q.Get("outlet")
	case "multipart/form-data", "application/x-www-form-urlencoded":
		if ct == "multipart/form-data" {
			if err := r.ParseMultipartForm(s.cfg.MaxBody); err != nil {
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) {
					return read.Item{}, err
				}
				return read.Item{}, badRequest("bad form: %v", err)
			}
			defer r.MultipartForm.RemoveAll()
		} else if err := r.ParseForm(); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return read.Item{}, err
			}
			return read.Item{}, badRequest("bad form: %v", err)
		}
		req.Text = r.PostFormValue("text")
		req.Title, req.URL, req.Outlet = r.PostFormValue("title"), r.PostFormValue("url"), r.PostFormValue("outlet")
		if r.MultipartForm != nil {
			if fhs := r.MultipartForm.File["file"]; len(fhs) > 0 && fhs[0].Size > 0 {
				f, err := fhs[0].Open()
				if err != nil {
					return read.Item{}, badRequest("read upload: %v", err)
				}
				file, err = io.ReadAll(io.LimitReader(f, s.cfg.MaxBody+1))
				f.Close()
				if err != nil {
					return read.Item{}, badRequest("read upload: %v", err)
				}
				fileName = filepath.Base(fhs[0].Filename)
				if _, ps, err := mime.ParseMediaType(fhs[0].Header.Get("Content-Type")); err == nil {
					charset = ps["charset"]
				}
			}
		}
	default:
		return read.Item{}, &httpError{http.StatusUnsupportedMediaType, "want application/json, text/plain or multipart/form-data"}
	}
	src := report.Source{URL: strings.TrimSpace(req.URL), Outlet: strings.TrimSpace(req.Outlet), Domain: domainOf(req.URL)}
	it := read.Item{Source: src, Kind: read.Text, Title: strings.TrimSpace(req.Title)}
	if file != nil {
		if fileName != "" {
			it.Source.Path = fileName
		}
		if len(bytes.TrimSpace(file)) == 0 {
			return read.Item{}, badRequest("empty article")
		}
		if read.IsBinary(file) {
			return read.Item{}, &httpError{http.StatusUnsupportedMediaType, "binary data, not an article"}
		}
		it.Body = read.Decode(file, charset)
		if looksHTML(fileName, file) {
			it.Kind = read.HTML
		}
		return it, nil
	}
	if !utf8.ValidString(req.Text) {
		req.Text = strings.ToValidUTF8(req.Text, "\uFFFD")
	}
	if strings.TrimSpace(req.Text) == "" {
		return read.Item{}, badRequest("empty article: give text or a file")
	}
	it.Body = req.Text
	return it, nil
}

// looksHTML reports an uploaded file that is a web page.
func looksHTML(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	case ".txt":
		return false
	}
	head := bytes.ToLower(bytes.TrimLeft(data[:min(len(data), 512)], " \t\r\n\ufeff"))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// domainOf returns the host of an http(s) URL without "www.", or "". It
// only parses: the server never fetches a URL a user gives.
func domainOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// analyzeItem runs the analyzer on it, holding an analysis slot.
func (s *Server) analyzeItem(r *http.Request, it read.Item) (*report.Report, error) {
	if err := s.acquire(r.Context()); err != nil {
		return nil, &httpError{http.StatusServiceUnavailable, "server busy"}
	}
	defer s.release()
	var rep *report.Report
	var err error
	if ia, ok := s.cfg.Analyzer.(ItemAnalyzer); ok {
		rep, err = ia.Item(it)
	} else {
		rep, err = s.cfg.Analyzer.Text(it.Body, it.Source, it.Title)
	}
	if err != nil {
		return nil, &httpError{http.StatusUnprocessableEntity, "analyze: " + err.Error()}
	}
	return rep, nil
}
