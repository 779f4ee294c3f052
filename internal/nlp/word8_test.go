package nlp

import (
	"encoding/binary"
	"testing"
)

func TestLoad8(t *testing.T) {
	for _, s := range []string{"abcdefgh", "Aleppo, Syria", "\x00\xff\x80\x7f\x01\x02\x03\x04\x05"} {
		if got, want := Load8(s), binary.LittleEndian.Uint64([]byte(s[:8])); got != want {
			t.Errorf("Load8(%q) = %#x, want %#x", s, got, want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Load8 of 7 bytes did not panic")
		}
	}()
	Load8("1234567")
}
