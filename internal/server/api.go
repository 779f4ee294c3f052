package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/sift-project/sift/internal/report"
)

// apiError is the JSON body of every API error.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	msg := err.Error()
	if status == http.StatusInternalServerError {
		s.log.Error("api", "path", r.URL.Path, "err", err)
		msg = "internal error"
	}
	if status == http.StatusRequestEntityTooLarge {
		msg = "request body too large"
	}
	writeJSON(w, status, apiError{msg})
}

func (s *Server) apiAnalyze(w http.ResponseWriter, r *http.Request) {
	it, err := s.readInput(w, r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	rep, err := s.analyzeItem(r, it)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

func (s *Server) corpus() (Corpus, error) {
	if s.cfg.Corpus == nil {
		return nil, ErrNoCorpus
	}
	return s.cfg.Corpus, nil
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	c, err := s.corpus()
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	rep, err := c.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// searchQuery reads a SearchQuery from the URL query.
func searchQuery(r *http.Request) (SearchQuery, error) {
	v := r.URL.Query()
	q := SearchQuery{
		Text:      strings.TrimSpace(v.Get("q")),
		Outlet:    strings.TrimSpace(v.Get("outlet")),
		Technique: strings.TrimSpace(v.Get("technique")),
		From:      v.Get("from"),
		To:        v.Get("to"),
		Limit:     20,
	}
	for _, d := range []string{q.From, q.To} {
		if d != "" && !report.IsDate(d) {
			return q, badRequest("bad date %q: want YYYY-MM-DD", d)
		}
	}
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 500 {
			return q, badRequest("bad limit %q: want 1..500", l)
		}
		q.Limit = n
	}
	if o := v.Get("offset"); o != "" {
		n, err := strconv.Atoi(o)
		if err != nil || n < 0 || n > 100000 {
			return q, badRequest("bad offset %q: want 0..100000", o)
		}
		q.Offset = n
	}
	return q, nil
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	c, err := s.corpus()
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	q, err := searchQuery(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	hits, err := c.Search(r.Context(), q)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if hits == nil {
		hits = []SearchHit{}
	}
	writeJSON(w, http.StatusOK, hits)
}

func (s *Server) apiOutlet(w http.ResponseWriter, r *http.Request) {
	c, err := s.corpus()
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	o, err := c.Outlet(r.Context(), r.PathValue("domain"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) {
	c, err := s.corpus()
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	limit := 50
	if l := r.URL.Query().Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 500 {
			s.apiFail(w, r, badRequest("bad limit %q: want 1..500", l))
			return
		}
		limit = n
	}
	st, err := c.Stories(r.Context(), limit)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if st == nil {
		st = []Story{}
	}
	for i := range st {
		fillStatus(&st[i])
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	c, err := s.corpus()
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	st, err := c.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	fillStatus(st)
	writeJSON(w, http.StatusOK, st)
}

// fillStatus computes each fact's agree/conflict status where missing.
func fillStatus(st *Story) {
	for i := range st.Facts {
		if st.Facts[i].Status == "" {
			st.Facts[i].Status = factStatus(st.Facts[i].Values)
		}
	}
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	data, err := assets.ReadFile("openapi.json")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(data)
}

func (s *Server) apiHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "corpus": s.cfg.Corpus != nil})
}
