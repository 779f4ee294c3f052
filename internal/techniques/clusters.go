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

// of returns the fine and coarse cluster of lower-cased word w packed as
// fine<<16 | coarse, noCluster for each when c is nil or w unknown.
func (c *Clusters) of(w string) uint32 {
	if c != nil {
		if f, ok := c.fine[w]; ok {
			return uint32(f)<<16 | uint32(c.coarse[w])
		}
	}
	return noCluster<<16 | noCluster
}

// clusterFeatures appends the word-cluster features of token i: its fine
// and coarse clusters, and its neighbours' coarse clusters within the
// sentence.
func (di *docInfo) clusterFeatures(i int, out []uint32) []uint32 {
	if !di.clus {
		return out
	}
	s := di.d.Sentences[di.sent[i]]
	c := di.lt[i].clus
	fine, coarse := int(c>>16), int(c&0xffff)
	prev, next := noCluster, noCluster
	if i > s.First {
		prev = int(di.lt[i-1].clus & 0xffff)
	}
	if i+1 < s.Last {
		next = int(di.lt[i+1].clus & 0xffff)
	}
	return append(out,
		fn('1', fine),
		fn('2', coarse),
		fn('4', prev),
		fn('5', next),
	)
}
