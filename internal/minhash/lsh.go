package minhash

import (
	"encoding/binary"
	"hash/fnv"
)

// Index is a banded LSH index: signatures that agree on all rows of any one
// band become candidates. With b bands of r rows, a pair of Jaccard
// similarity s is found with probability 1-(1-s^r)^b.
type Index struct {
	bands, rows int
	buckets     []map[uint64][]int
	n           int
}

// NewIndex returns an index of bands×rows (bands*rows must be <= Size).
// 32×4 finds pairs from about s = 0.4; 16×8 from about s = 0.7.
func NewIndex(bands, rows int) *Index {
	if bands*rows > Size || bands < 1 || rows < 1 {
		panic("minhash: bands*rows must be in 1..Size")
	}
	ix := &Index{bands: bands, rows: rows, buckets: make([]map[uint64][]int, bands)}
	for i := range ix.buckets {
		ix.buckets[i] = map[uint64][]int{}
	}
	return ix
}

func (ix *Index) key(s *Signature, band int) uint64 {
	h := fnv.New64a()
	var b [4]byte
	for _, v := range s[band*ix.rows : (band+1)*ix.rows] {
		binary.LittleEndian.PutUint32(b[:], v)
		h.Write(b[:])
	}
	return h.Sum64()
}

// Add adds a signature under id and returns the ids already in the index
// that share a band with it (each once).
func (ix *Index) Add(id int, s *Signature) []int {
	var cands []int
	seen := map[int]bool{}
	for band := 0; band < ix.bands; band++ {
		k := ix.key(s, band)
		for _, o := range ix.buckets[band][k] {
			if !seen[o] {
				seen[o] = true
				cands = append(cands, o)
			}
		}
		ix.buckets[band][k] = append(ix.buckets[band][k], id)
	}
	ix.n++
	return cands
}

// Len returns the number of signatures added.
func (ix *Index) Len() int { return ix.n }
