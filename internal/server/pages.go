package server

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
)

// pages holds one parsed template set per page.
type pages struct {
	sets map[string]*template.Template
}

var pageFiles = []string{"home", "article", "search", "outlet", "stories", "story", "error"}

var funcs = template.FuncMap{
	"techLabel": techLabel,
	"techClass": techClass,
	"f2":        func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) },
	"pct":       func(f float64) string { return strconv.FormatFloat(100*f, 'f', 0, 64) + "%" },
	"deref": func(p *float64) float64 {
		if p == nil {
			return 0
		}
		return *p
	},
	"safeURL": safeURL,
	"add":     func(a, b int) int { return a + b },
	"snippet": snippetSegments,
	"conflicts": func(st Story) int {
		n := 0
		for _, f := range st.Facts {
			if f.Status == "conflict" {
				n++
			}
		}
		return n
	},
}

func loadPages() (*pages, error) {
	p := &pages{sets: map[string]*template.Template{}}
	for _, name := range pageFiles {
		t, err := template.New(name).Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/report.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.sets[name] = t
	}
	return p, nil
}

// pageData is what the layout gets: the page's title, the active nav item
// and the page's own data.
type pageData struct {
	Title string
	Nav   string
	Body  any
}

// render writes a page, or only its content for an htmx request.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, d pageData) {
	var buf bytes.Buffer
	// An htmx request gets the page's content only, except a history
	// restore, which replaces the whole body.
	tmpl := "layout"
	if r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-History-Restore-Request") != "true" {
		tmpl = "content"
	}
	w.Header().Add("Vary", "HX-Request")
	if err := s.pages.sets[page].ExecuteTemplate(&buf, tmpl, d); err != nil {
		s.log.Error("render", "page", page, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// errorView is the error page's data.
type errorView struct {
	Status  int
	Message string
}

func (s *Server) pageFail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	msg := err.Error()
	switch status {
	case http.StatusInternalServerError:
		s.log.Error("page", "path", r.URL.Path, "err", err)
		msg = "internal error"
	case http.StatusRequestEntityTooLarge:
		msg = "the article is too large"
	case http.StatusServiceUnavailable:
		if msg == ErrNoCorpus.Error() {
			msg = "no corpus: this server runs without a store (start it with --db)"
		}
	}
	s.render(w, r, status, "error", pageData{Title: http.StatusText(status), Body: errorView{status, msg}})
}

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "home", pageData{Title: "Analyse an article", Nav: "home"})
}

func (s *Server) pageAnalyze(w http.ResponseWriter, r *http.Request) {
	it, err := s.readInput(w, r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	rep, err := s.analyzeItem(r, it)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "article", pageData{Title: rep.Title, Nav: "home", Body: newArticleView(rep)})
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	c, err := s.corpus()
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	rep, err := c.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	v := newArticleView(rep)
	v.Stored = true
	if cf, ok := c.(CoverageFinder); ok {
		cov, err := cf.Coverage(r.Context(), rep.ID)
		if err != nil {
			s.log.Warn("coverage", "id", rep.ID, "err", err)
		} else if cov.Story != "" {
			v.Coverage = &cov
		}
	}
	s.render(w, r, http.StatusOK, "article", pageData{Title: rep.Title, Body: v})
}

// searchView is the search page's data.
type searchView struct {
	Query      SearchQuery
	Searched   bool
	Hits       []SearchHit
	Techniques []string
	// Prev and Next are the query strings of the neighbouring pages, "" at
	// either end.
	Prev, Next template.URL
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	c, err := s.corpus()
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	q, err := searchQuery(r)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	v := searchView{Query: q, Techniques: Techniques}
	if q.Text != "" || q.Outlet != "" || q.Technique != "" || q.From != "" || q.To != "" {
		v.Searched = true
		v.Hits, err = c.Search(r.Context(), q)
		if err != nil {
			s.pageFail(w, r, err)
			return
		}
		// Our own encoding of the query under a fixed path: safe as a URL.
		page := func(offset int) template.URL {
			vals := r.URL.Query()
			vals.Set("offset", strconv.Itoa(offset))
			return template.URL("/search?" + vals.Encode())
		}
		if q.Offset > 0 {
			v.Prev = page(max(0, q.Offset-q.Limit))
		}
		if len(v.Hits) == q.Limit {
			v.Next = page(q.Offset + q.Limit)
		}
	}
	s.render(w, r, http.StatusOK, "search", pageData{Title: "Search", Nav: "search", Body: v})
}

// outletView is the outlet page's data.
type outletView struct {
	O       *OutletProfile
	Profile *barChart
	Density *lineChart
}

func (s *Server) pageOutlet(w http.ResponseWriter, r *http.Request) {
	c, err := s.corpus()
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	o, err := c.Outlet(r.Context(), r.PathValue("domain"))
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	v := outletView{O: o, Profile: techniqueBars(o.Techniques), Density: densityChart(o.Density)}
	title := o.Name
	if title == "" {
		title = o.Domain
	}
	s.render(w, r, http.StatusOK, "outlet", pageData{Title: title, Body: v})
}

func (s *Server) pageStories(w http.ResponseWriter, r *http.Request) {
	c, err := s.corpus()
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	st, err := c.Stories(r.Context(), 50)
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	for i := range st {
		fillStatus(&st[i])
	}
	s.render(w, r, http.StatusOK, "stories", pageData{Title: "Stories", Nav: "stories", Body: st})
}

// storyView is the story page's data.
type storyView struct {
	S        *Story
	Agree    int
	Conflict int
}

func (s *Server) pageStory(w http.ResponseWriter, r *http.Request) {
	c, err := s.corpus()
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	st, err := c.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageFail(w, r, err)
		return
	}
	fillStatus(st)
	v := storyView{S: st}
	for _, f := range st.Facts {
		switch f.Status {
		case "agree":
			v.Agree++
		case "conflict":
			v.Conflict++
		}
	}
	title := st.Title
	if strings.TrimSpace(title) == "" {
		title = "Story " + st.ID
	}
	s.render(w, r, http.StatusOK, "story", pageData{Title: title, Nav: "stories", Body: v})
}
