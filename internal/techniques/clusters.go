package techniques

import (
	"bytes"
	_ "embed"
	"sync"
)

// embeddedClusters are the word clusters learned from the PTC and FA-KES
// texts; see model/MODEL.md for how they were made.
//
//go:embed model/clusters.txt
var embeddedClusters []byte

var defaultClusters = sync.OnceValue(func() *Clusters {
	c, err := ReadClusters(bytes.NewReader(embeddedClusters))
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	return c
})

// noCluster marks a word without a cluster.
const noCluster = 0xffff

// mark returns the fine and coarse cluster of each lower-cased token
// (noCluster for unknown words), packed as fine<<16 | coarse.
func (c *Clusters) mark(lower []string) []uint32 {
	out := make([]uint32, len(lower))
	for i, w := range lower {
		f, ok := c.fine[w]
		if !ok {
			out[i] = noCluster<<16 | noCluster
			continue
		}
		out[i] = uint32(f)<<16 | uint32(c.coarse[w])
	}
	return out
}

// clusterFeatures appends the word-cluster features of token i: its fine
// and coarse clusters, and its neighbours' coarse clusters within the
// sentence.
func (di *docInfo) clusterFeatures(i int, out []uint32) []uint32 {
	if di.clus == nil {
		return out
	}
	s := di.d.Sentences[di.sent[i]]
	c := di.clus[i]
	fine, coarse := int(c>>16), int(c&0xffff)
	prev, next := noCluster, noCluster
	if i > s.First {
		prev = int(di.clus[i-1] & 0xffff)
	}
	if i+1 < s.Last {
		next = int(di.clus[i+1] & 0xffff)
	}
	return append(out,
		fn('1', fine),
		fn('2', coarse),
		fn('4', prev),
		fn('5', next),
	)
}

// clusterBag appends the sentence classifier's cluster features of
// tokens [first, last): each word's fine cluster.
func (di *docInfo) clusterBag(first, last int, out []uint32) []uint32 {
	if di.clus == nil {
		return out
	}
	for i := first; i < last; i++ {
		if c := di.clus[i]; c>>16 != noCluster {
			out = append(out, fn('1', int(c>>16)))
		}
	}
	return out
}
