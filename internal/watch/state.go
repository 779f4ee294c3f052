package watch

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// maxSeen bounds the remembered item keys; the oldest are forgotten first
// (feeds only carry recent items, so an old key never comes back).
const maxSeen = 200_000

// FeedState is what is remembered of one feed between polls.
type FeedState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastPoll     time.Time `json:"last_poll,omitzero"`
	LastError    string    `json:"last_error,omitempty"`
}

// State is the watcher's memory: conditional-GET validators per feed and
// the keys (GUIDs and URLs) of items already ingested. It is saved as JSON.
type State struct {
	mu    sync.Mutex
	Feeds map[string]*FeedState `json:"feeds"`
	// Seen maps an item key to the Unix time it was first ingested.
	Seen map[string]int64 `json:"seen"`
}

// NewState returns an empty state.
func NewState() *State {
	return &State{Feeds: map[string]*FeedState{}, Seen: map[string]int64{}}
}

// LoadState reads a state file; a missing file is an empty state.
func LoadState(path string) (*State, error) {
	s := NewState()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if s.Feeds == nil {
		s.Feeds = map[string]*FeedState{}
	}
	if s.Seen == nil {
		s.Seen = map[string]int64{}
	}
	return s, nil
}

// Save writes the state atomically (a temporary file renamed over path).
func (s *State) Save(path string) error {
	s.mu.Lock()
	s.prune()
	data, err := json.Marshal(s)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func (s *State) prune() {
	if len(s.Seen) <= maxSeen {
		return
	}
	type kv struct {
		k string
		t int64
	}
	all := make([]kv, 0, len(s.Seen))
	for k, t := range s.Seen {
		all = append(all, kv{k, t})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].t > all[j].t })
	for _, e := range all[maxSeen:] {
		delete(s.Seen, e.k)
	}
}

func (s *State) feed(url string) *FeedState {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.Feeds[url]
	if f == nil {
		f = &FeedState{}
		s.Feeds[url] = f
	}
	return f
}

func (s *State) seen(keys ...string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		if k == "" {
			continue
		}
		if _, ok := s.Seen[k]; ok {
			return true
		}
	}
	return false
}

func (s *State) markSeen(now time.Time, keys ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		if k != "" {
			s.Seen[k] = now.Unix()
		}
	}
}
