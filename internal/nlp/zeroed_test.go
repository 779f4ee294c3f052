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
