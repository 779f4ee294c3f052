package watch

import (
	"context"
	"sync"
	"time"
)

// hostGate enforces per-host politeness: one request at a time to a host,
// and at least delay between the end of one request and the start of the
// next to the same host.
type hostGate struct {
	delay time.Duration
	mu    sync.Mutex
	hosts map[string]*hostSlot
}

type hostSlot struct {
	sem  chan struct{}
	last time.Time // when the last request to the host ended
}

func newHostGate(delay time.Duration) *hostGate {
	return &hostGate{delay: delay, hosts: map[string]*hostSlot{}}
}

// do runs fn as the only request to host, after waiting out the delay.
func (g *hostGate) do(ctx context.Context, host string, fn func() error) error {
	g.mu.Lock()
	h := g.hosts[host]
	if h == nil {
		h = &hostSlot{sem: make(chan struct{}, 1)}
		g.hosts[host] = h
	}
	g.mu.Unlock()
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() {
		h.last = time.Now()
		<-h.sem
	}()
	if wait := time.Until(h.last.Add(g.delay)); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
	return fn()
}
