package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sift-project/sift/internal/minhash"
	"github.com/sift-project/sift/internal/report"
)

// Story is a group of reports of the same event, across outlets, with the
// facts they agree or conflict on.
type Story struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// First and Last are the earliest and latest dates of its reports.
	First    string         `json:"first,omitempty"`
	Last     string         `json:"last,omitempty"`
	Outlets  []string       `json:"outlets"`
	Articles []StoryArticle `json:"articles"`
	// Facts are the event facts its reports give (casualties, actor,
	// place, type), with who gives which value.
	Facts []Fact `json:"facts"`
	// Conflicts counts facts on which outlets disagree.
	Conflicts int `json:"conflicts"`
}

// StoryArticle is one report in a story.
type StoryArticle struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet,omitempty"`
	Domain    string `json:"domain,omitempty"`
	Published string `json:"published,omitempty"`
	// DuplicateOf names the report this one nearly copies, if any.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Agree and Conflict count the facts of this report that other
	// outlets' reports confirm or contradict.
	Agree    int `json:"agree"`
	Conflict int `json:"conflict"`
}

// Fact is one event fact across a story's reports.
type Fact struct {
	// Field is killed, civilians, children, injured, actor, place or type.
	Field  string      `json:"field"`
	Values []FactValue `json:"values"`
	// Agree is true when all values are compatible (numbers within 20% or
	// 2 of each other, equal names).
	Agree bool `json:"agree"`
}

// FactValue is a value of a fact and the outlets giving it.
type FactValue struct {
	Value    string   `json:"value"`
	Outlets  []string `json:"outlets"`
	Articles []string `json:"articles"`
}

// ClusterOptions tune story clustering.
type ClusterOptions struct {
	// DupSimilarity is the 3-shingle Jaccard above which two reports are
	// near duplicates (default 0.5).
	DupSimilarity float64
	// Similarity is the word-set Jaccard above which two reports within
	// the date window with compatible event signatures tell the same story
	// (default 0.25); SamePlace applies instead when both name the same
	// place (default 0.15).
	Similarity, SamePlace float64
	// WindowDays is the date window (default 2 days either side).
	WindowDays int
	// Full reclusters the whole corpus instead of what changed.
	Full bool
	// MaxStory bounds a story's reports (default 200).
	MaxStory int
	// MaxPairs bounds the comparisons of one report with its neighbours in
	// the window (default 300), which keeps clustering linear.
	MaxPairs int
}

func (o *ClusterOptions) defaults() {
	if o.DupSimilarity == 0 {
		o.DupSimilarity = 0.5
	}
	if o.Similarity == 0 {
		o.Similarity = 0.25
	}
	if o.SamePlace == 0 {
		o.SamePlace = 0.15
	}
	if o.WindowDays == 0 {
		o.WindowDays = 2
	}
	if o.MaxStory == 0 {
		o.MaxStory = 200
	}
	if o.MaxPairs == 0 {
		o.MaxPairs = 300
	}
}

// eventSig is what clustering and corroboration read of a report's main
// event.
type eventSig struct {
	Day   int               `json:"day"` // days since epoch; -1 unknown
	Place string            `json:"place,omitempty"`
	Type  string            `json:"type,omitempty"`
	Facts map[string]string `json:"facts,omitempty"`
}

type member struct {
	row                          int64
	id, outlet, domain, pub, ttl string
	s1, s3                       minhash.Signature
	ev                           eventSig
	// derived is set when the event or signatures were computed from the
	// report (stored by an older sift) and should be written back.
	derived bool
}

func (m *member) who() string {
	if m.domain != "" {
		return m.domain
	}
	return m.outlet
}

func parseDay(s string) int {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return -1
	}
	return int(t.Unix() / 86400)
}

// mainEvent returns the report's main event, or nil.
func mainEvent(r *report.Report) *report.Event {
	if len(r.Events) == 0 {
		return nil
	}
	if r.MainEvent != nil && *r.MainEvent >= 0 && *r.MainEvent < len(r.Events) {
		return &r.Events[*r.MainEvent]
	}
	for i := range r.Events {
		if r.Events[i].Casualties != nil {
			return &r.Events[i]
		}
	}
	return &r.Events[0]
}

func signature(r *report.Report) eventSig {
	sig := eventSig{Day: parseDay(r.Published), Facts: map[string]string{}}
	e := mainEvent(r)
	if e == nil {
		return sig
	}
	if d := parseDay(e.Date); d >= 0 {
		sig.Day = d
	}
	if e.Location != nil {
		sig.Place = strings.ToLower(firstNonEmpty(e.Location.Governorate, e.Location.Name))
		if sig.Place != "" {
			sig.Facts["place"] = sig.Place
		}
	}
	if e.Type != "" && e.Type != "other" {
		sig.Type = e.Type
		sig.Facts["type"] = e.Type
	}
	if e.Actor != nil {
		if a := strings.ToLower(firstNonEmpty(e.Actor.Category, e.Actor.Name)); a != "" && a != "unknown" {
			sig.Facts["actor"] = a
		}
	}
	if c := e.Casualties; c != nil {
		num := func(field string, p *int) {
			if p != nil {
				sig.Facts[field] = strconv.Itoa(*p)
			}
		}
		num("killed", c.Killed)
		num("civilians", c.Civilians)
		num("children", c.Children)
		num("injured", c.Injured)
	}
	return sig
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// compatible reports whether two values of a fact agree.
func compatible(field, a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		d := x - y
		if d < 0 {
			d = -d
		}
		return float64(d) <= max(2, 0.2*float64(max(x, y)))
	}
	return a == b
}

// dsu is a union-find over reports with group sizes.
type dsu struct{ parent, size []int }

func newDSU(n int) *dsu {
	d := &dsu{parent: make([]int, n), size: make([]int, n)}
	for i := range d.parent {
		d.parent[i], d.size[i] = i, 1
	}
	return d
}

func (d *dsu) find(i int) int {
	for d.parent[i] != i {
		d.parent[i] = d.parent[d.parent[i]]
		i = d.parent[i]
	}
	return i
}

// union joins the groups of a and b unless the result would exceed max
// reports, which stops chains of pairwise links from snowballing into one
// giant "story".
func (d *dsu) union(a, b, max int) bool {
	ra, rb := d.find(a), d.find(b)
	if ra == rb {
		return true
	}
	if d.size[ra]+d.size[rb] > max {
		return false
	}
	d.parent[ra] = rb
	d.size[rb] += d.size[ra]
	return true
}

// Cluster brings the stories up to date: near duplicates through MinHash
// LSH over 3-word shingles, then reports of the same event (dates within
// the window, same place and type when known, similar words), then each
// story's corroboration. It returns the number of stories (two or more
// reports) in the store.
//
// After a first full pass, Cluster is incremental: it reclusters only the
// reports stored since, those dated within a week (plus the window) of
// them, and every report of the stories those belong to; the rest of the
// corpus cannot link to the new reports. It goes back to a full pass when
// opts.Full is set, when half the corpus is new, or when reports stored
// by an older sift lack their event signature. Undated new reports are
// compared with that neighbourhood only.
func (s *Store) Cluster(ctx context.Context, opts ClusterOptions) (int, error) {
	opts.defaults()
	var last, maxRow, total int64
	err := s.db.QueryRowContext(ctx, `SELECT last_rowid FROM cluster_state WHERE id = 1`).Scan(&last)
	full := opts.Full || errors.Is(err, sql.ErrNoRows)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("cluster: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0), count(*) FROM articles`).Scan(&maxRow, &total); err != nil {
		return 0, fmt.Errorf("cluster: %w", err)
	}
	if !full && last >= maxRow {
		return s.storyCount(ctx)
	}
	var ms []member
	var oldStories []string
	if !full {
		var newN, legacy int64
		var minDay, maxDay sql.NullInt64
		if err := s.db.QueryRowContext(ctx, `SELECT count(*), min(day), max(day) FROM articles WHERE rowid > ?`, last).Scan(&newN, &minDay, &maxDay); err != nil {
			return 0, fmt.Errorf("cluster: %w", err)
		}
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE event IS NULL`).Scan(&legacy); err != nil {
			return 0, fmt.Errorf("cluster: %w", err)
		}
		full = legacy > 0 || newN*2 > total
		if !full {
			ms, oldStories, err = s.neighbourhood(ctx, last, minDay, maxDay, int64(opts.WindowDays+7))
			if err != nil {
				return 0, err
			}
		}
	}
	if full {
		if ms, err = s.loadMembers(ctx, "", nil); err != nil {
			return 0, err
		}
	}
	n := len(ms)
	uf := newDSU(n)
	dupOf := make([]int, n)
	for i := range dupOf {
		dupOf[i] = -1
	}
	// Near duplicates.
	ix := minhash.NewIndex(32, 4)
	for i := range ms {
		for _, j := range ix.Add(i, &ms[i].s3) {
			di, dj := ms[i].ev.Day, ms[j].ev.Day
			if di >= 0 && dj >= 0 && abs(di-dj) > 7 {
				continue // the same text much later is a reprint, not the same event
			}
			if minhash.Similarity(&ms[i].s3, &ms[j].s3) >= opts.DupSimilarity {
				if uf.union(i, j, opts.MaxStory) && dupOf[i] < 0 {
					dupOf[i] = j
				}
			}
		}
	}
	// Same event: a sliding date window.
	order := make([]int, 0, n)
	for i := range ms {
		if ms[i].ev.Day >= 0 {
			order = append(order, i)
		}
	}
	sort.Slice(order, func(a, b int) bool { return ms[order[a]].ev.Day < ms[order[b]].ev.Day })
	for a := range order {
		i := order[a]
		for b, pairs := a+1, 0; b < len(order) && pairs < opts.MaxPairs; b++ {
			j := order[b]
			if ms[j].ev.Day-ms[i].ev.Day > opts.WindowDays {
				break
			}
			pairs++
			ei, ej := ms[i].ev, ms[j].ev
			if ei.Place != "" && ej.Place != "" && ei.Place != ej.Place {
				continue
			}
			if ei.Type != "" && ej.Type != "" && ei.Type != ej.Type {
				continue
			}
			th := opts.Similarity
			if ei.Place != "" && ei.Place == ej.Place {
				th = opts.SamePlace
			}
			if minhash.Similarity(&ms[i].s1, &ms[j].s1) >= th {
				uf.union(i, j, opts.MaxStory)
			}
		}
	}
	groups := map[int][]int{}
	for i := range ms {
		r := uf.find(i)
		groups[r] = append(groups[r], i)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("cluster: %w", err)
	}
	defer tx.Rollback()
	if full {
		for _, q := range []string{`DELETE FROM story_articles`, `DELETE FROM stories`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return 0, fmt.Errorf("cluster: %w", err)
			}
		}
	} else {
		for _, m := range ms {
			if _, err := tx.ExecContext(ctx, `DELETE FROM story_articles WHERE article = ?`, m.row); err != nil {
				return 0, fmt.Errorf("cluster: %w", err)
			}
		}
		for _, id := range oldStories {
			if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, id); err != nil {
				return 0, fmt.Errorf("cluster: %w", err)
			}
		}
	}
	insStory, err := tx.PrepareContext(ctx, `INSERT INTO stories(id, title, first, last, articles, outlets, conflicts, data) VALUES(?,?,?,?,?,?,?,?)`)
	if err != nil {
		return 0, fmt.Errorf("cluster: %w", err)
	}
	defer insStory.Close()
	insMember, err := tx.PrepareContext(ctx, `INSERT INTO story_articles(article, story, duplicate_of, agree, conflict) VALUES(?,?,?,?,?)`)
	if err != nil {
		return 0, fmt.Errorf("cluster: %w", err)
	}
	defer insMember.Close()
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		st := buildStory(ms, g, dupOf)
		data, err := json.Marshal(st)
		if err != nil {
			return 0, err
		}
		if _, err := insStory.ExecContext(ctx, st.ID, st.Title, st.First, st.Last, len(st.Articles), len(st.Outlets), st.Conflicts, data); err != nil {
			return 0, fmt.Errorf("cluster: %w", err)
		}
		byID := map[string]StoryArticle{}
		for _, a := range st.Articles {
			byID[a.ID] = a
		}
		for _, i := range g {
			a := byID[ms[i].id]
			var dup any
			if dupOf[i] >= 0 {
				dup = ms[dupOf[i]].row
			}
			if _, err := insMember.ExecContext(ctx, ms[i].row, st.ID, dup, a.Agree, a.Conflict); err != nil {
				return 0, fmt.Errorf("cluster: %w", err)
			}
		}
	}
	// Write back what was derived for reports stored by an older sift, so
	// that later runs can be incremental.
	for _, m := range ms {
		if !m.derived {
			continue
		}
		event, err := json.Marshal(m.ev)
		if err != nil {
			return 0, err
		}
		var day any
		if m.ev.Day >= 0 {
			day = m.ev.Day
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET event = ?, day = ?, sig1 = ?, sig3 = ? WHERE rowid = ?`,
			string(event), day, m.s1.Bytes(), m.s3.Bytes(), m.row); err != nil {
			return 0, fmt.Errorf("cluster: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO cluster_state(id, last_rowid) VALUES(1, ?)
		ON CONFLICT(id) DO UPDATE SET last_rowid = excluded.last_rowid`, maxRow); err != nil {
		return 0, fmt.Errorf("cluster: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("cluster: %w", err)
	}
	return s.storyCount(ctx)
}

func (s *Store) storyCount(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM stories`).Scan(&n); err != nil {
		return 0, fmt.Errorf("stories: %w", err)
	}
	return n, nil
}

// neighbourhood loads what an incremental clustering needs: the reports
// stored after rowid last, the reports dated within margin days of them,
// and all members of the stories any of those belong to (returned too, to
// be replaced).
func (s *Store) neighbourhood(ctx context.Context, last int64, minDay, maxDay sql.NullInt64, margin int64) ([]member, []string, error) {
	where, args := `rowid > ?`, []any{last}
	if minDay.Valid {
		where += ` OR day BETWEEN ? AND ?`
		args = append(args, minDay.Int64-margin, maxDay.Int64+margin)
	}
	ms, err := s.loadMembers(ctx, where, args)
	if err != nil {
		return nil, nil, err
	}
	loaded := map[int64]bool{}
	for _, m := range ms {
		loaded[m.row] = true
	}
	storySet := map[string]bool{}
	var stories []string
	for _, m := range ms {
		var st string
		err := s.db.QueryRowContext(ctx, `SELECT story FROM story_articles WHERE article = ?`, m.row).Scan(&st)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("cluster: %w", err)
		}
		if !storySet[st] {
			storySet[st] = true
			stories = append(stories, st)
		}
	}
	var missing []any
	for _, st := range stories {
		rows, err := s.db.QueryContext(ctx, `SELECT article FROM story_articles WHERE story = ?`, st)
		if err != nil {
			return nil, nil, fmt.Errorf("cluster: %w", err)
		}
		for rows.Next() {
			var row int64
			if err := rows.Scan(&row); err != nil {
				rows.Close()
				return nil, nil, err
			}
			if !loaded[row] {
				loaded[row] = true
				missing = append(missing, row)
			}
		}
		rows.Close()
	}
	for len(missing) > 0 {
		chunk := missing[:min(len(missing), 500)]
		missing = missing[len(chunk):]
		more, err := s.loadMembers(ctx, `rowid IN (?`+strings.Repeat(`,?`, len(chunk)-1)+`)`, chunk)
		if err != nil {
			return nil, nil, err
		}
		ms = append(ms, more...)
	}
	return ms, stories, nil
}

// loadMembers loads the clustering view of the reports matching where
// (all when empty).
func (s *Store) loadMembers(ctx context.Context, where string, args []any) ([]member, error) {
	var ms []member
	last := int64(0)
	if where == "" {
		where = "1"
	}
	for {
		rows, err := s.db.QueryContext(ctx, `SELECT rowid, id, outlet, domain, published, title, sig1, sig3,
			CASE WHEN event IS NULL OR sig1 IS NULL OR sig3 IS NULL THEN (SELECT r.report FROM reports r WHERE r.article = articles.rowid) END, event
			FROM articles WHERE rowid > ? AND (`+where+`) ORDER BY rowid LIMIT 1000`, append([]any{last}, args...)...)
		if err != nil {
			return nil, fmt.Errorf("cluster: %w", err)
		}
		got := 0
		for rows.Next() {
			var m member
			var b1, b3, body []byte
			var event sql.NullString
			if err := rows.Scan(&m.row, &m.id, &m.outlet, &m.domain, &m.pub, &m.ttl, &b1, &b3, &body, &event); err != nil {
				rows.Close()
				return nil, err
			}
			last = m.row
			got++
			var ok1, ok3 bool
			m.s1, ok1 = minhash.FromBytes(b1)
			m.s3, ok3 = minhash.FromBytes(b3)
			if event.Valid {
				if err := json.Unmarshal([]byte(event.String), &m.ev); err != nil {
					rows.Close()
					return nil, fmt.Errorf("cluster: article %s: event: %w", m.id, err)
				}
			}
			if body != nil { // stored by an older sift: derive what is missing
				m.derived = true
				var r report.Report
				if err := json.Unmarshal(body, &r); err != nil {
					rows.Close()
					return nil, fmt.Errorf("cluster: article %s: %w", m.id, err)
				}
				if !event.Valid {
					m.ev = signature(&r)
				}
				if !ok1 || !ok3 {
					words := minhash.Words(r.Text)
					m.s1 = minhash.Sign(minhash.Shingles(words, 1))
					m.s3 = minhash.Sign(minhash.Shingles(words, 3))
				}
			}
			ms = append(ms, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if got == 0 {
			return ms, nil
		}
	}
}

func buildStory(ms []member, g []int, dupOf []int) *Story {
	sort.Slice(g, func(a, b int) bool {
		if ms[g[a]].pub != ms[g[b]].pub {
			return ms[g[a]].pub < ms[g[b]].pub
		}
		return ms[g[a]].row < ms[g[b]].row
	})
	h := sha256.New()
	ids := make([]string, len(g))
	for k, i := range g {
		ids[k] = ms[i].id
	}
	sort.Strings(ids)
	for _, id := range ids {
		h.Write([]byte(id))
	}
	st := &Story{ID: hex.EncodeToString(h.Sum(nil))[:16], Facts: []Fact{}, Outlets: []string{}}
	outletSeen := map[string]bool{}
	for _, i := range g {
		m := &ms[i]
		if st.Title == "" && m.ttl != "" {
			st.Title = m.ttl
		}
		if m.pub != "" {
			if st.First == "" || m.pub < st.First {
				st.First = m.pub
			}
			if m.pub > st.Last {
				st.Last = m.pub
			}
		}
		if w := m.who(); w != "" && !outletSeen[w] {
			outletSeen[w] = true
			st.Outlets = append(st.Outlets, w)
		}
		a := StoryArticle{ID: m.id, Title: m.ttl, Outlet: m.outlet, Domain: m.domain, Published: m.pub}
		if dupOf[i] >= 0 {
			a.DuplicateOf = ms[dupOf[i]].id
		}
		// Corroboration: compare each fact with other outlets' reports.
		for field, v := range m.ev.Facts {
			for _, j := range g {
				o := &ms[j]
				if j == i || o.who() == m.who() {
					continue
				}
				w, ok := o.ev.Facts[field]
				if !ok {
					continue
				}
				if compatible(field, v, w) {
					a.Agree++
				} else {
					a.Conflict++
				}
			}
		}
		st.Articles = append(st.Articles, a)
	}
	for _, field := range []string{"killed", "civilians", "children", "injured", "actor", "place", "type"} {
		var f Fact
		idx := map[string]int{}
		for _, i := range g {
			v, ok := ms[i].ev.Facts[field]
			if !ok {
				continue
			}
			k, seen := idx[v]
			if !seen {
				k = len(f.Values)
				idx[v] = k
				f.Values = append(f.Values, FactValue{Value: v})
			}
			fv := &f.Values[k]
			fv.Articles = append(fv.Articles, ms[i].id)
			if w := ms[i].who(); w != "" && !containsStr(fv.Outlets, w) {
				fv.Outlets = append(fv.Outlets, w)
			}
		}
		if len(f.Values) == 0 {
			continue
		}
		f.Field = field
		f.Agree = true
		for x := range f.Values {
			for y := x + 1; y < len(f.Values); y++ {
				if !compatible(field, f.Values[x].Value, f.Values[y].Value) {
					f.Agree = false
				}
			}
		}
		if !f.Agree {
			st.Conflicts++
		}
		st.Facts = append(st.Facts, f)
	}
	return st
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func containsStr(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Stories returns the stories with the most outlets first.
func (s *Store) Stories(ctx context.Context, limit int) ([]Story, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, `SELECT data FROM stories ORDER BY outlets DESC, articles DESC, last DESC, id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	defer rows.Close()
	out := []Story{}
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		var st Story
		if err := json.Unmarshal(data, &st); err != nil {
			return nil, fmt.Errorf("stories: decode: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// Story returns one story by ID (ErrNotFound when there is none).
func (s *Store) Story(ctx context.Context, id string) (*Story, error) {
	var data []byte
	err := s.db.QueryRowContext(ctx, `SELECT data FROM stories WHERE id = ?`, id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("story %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	var st Story
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("story %s: decode: %w", id, err)
	}
	return &st, nil
}

// Corroboration is what the corpus says about one report's facts.
type Corroboration struct {
	// Story is the report's story ("" when it stands alone).
	Story string
	// Outlets is the number of other outlets telling the story.
	Outlets int
	// Agree and Conflict count the report's facts other outlets confirm
	// or contradict.
	Agree, Conflict int
	// Duplicate is true when the report nearly copies another.
	Duplicate bool
}

// CorroborationOf returns the corpus evidence on the report with this ID.
func (s *Store) CorroborationOf(ctx context.Context, id string) (Corroboration, error) {
	var c Corroboration
	var dup sql.NullInt64
	var outletsN int
	err := s.db.QueryRowContext(ctx, `SELECT sa.story, sa.agree, sa.conflict, sa.duplicate_of, st.outlets
		FROM articles a JOIN story_articles sa ON sa.article = a.rowid JOIN stories st ON st.id = sa.story
		WHERE a.id = ?`, id).Scan(&c.Story, &c.Agree, &c.Conflict, &dup, &outletsN)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("corroboration %s: %w", id, err)
	}
	c.Duplicate = dup.Valid
	c.Outlets = max(0, outletsN-1)
	return c, nil
}
