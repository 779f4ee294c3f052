package nlp

import "testing"

func TestZeroed(t *testing.T) {
	s := []int{1, 2, 3, 4}
	z := Zeroed(s, 3)
	if len(z) != 3 || &z[0] != &s[0] {
		t.Fatalf("Zeroed(s, 3): len %d, same memory %v; want 3, true", len(z), &z[0] == &s[0])
	}
	for i, v := range z {
		if v != 0 {
			t.Errorf("z[%d] = %d, want 0", i, v)
		}
	}
	if s[3] != 4 {
		t.Errorf("element past n changed: %d", s[3])
	}
	b := Zeroed(z, 10)
	if len(b) != 10 || cap(b) < 10 {
		t.Fatalf("Zeroed(z, 10): len %d cap %d", len(b), cap(b))
	}
	if got := Zeroed[byte](nil, 0); len(got) != 0 {
		t.Errorf("Zeroed(nil, 0) has length %d", len(got))
	}
}

func TestGrow(t *testing.T) {
	s := []int{1, 2, 3, 4}
	g := Grow(s, 3)
	if len(g) != 3 || &g[0] != &s[0] || g[2] != 3 {
		t.Fatalf("Grow(s, 3) = %v (same memory %v); want [1 2 3] in s's memory", g, &g[0] == &s[0])
	}
	b := Grow(g, 10)
	if len(b) != 10 || &b[0] == &s[0] {
		t.Fatalf("Grow(g, 10): len %d, same memory %v; want 10, new memory", len(b), &b[0] == &s[0])
	}
}
