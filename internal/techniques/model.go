package techniques

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/sift-project/sift/internal/ptc"
)

// Span-identification tags.
const (
	tagO = iota
	tagB
	tagI
	numTags
)

// Model is a trained technique tagger: BIO sequence labellers for
// propaganda spans (averaged structured perceptrons, Viterbi decoding),
// one per span kind (short spans of a few words, longer ones), and a
// multinomial logistic-regression classifier that names each span's
// technique. Weights are indexed by hashed features.
type Model struct {
	// Taggers find spans; their spans are pooled.
	Taggers []*Tagger
	// TCBits is the log2 size of the classifier's feature table.
	TCBits uint
	// TC holds len(ptc.Techniques) weights per hashed feature.
	TC []float32
	// SentBits is the log2 size of the sentence classifier's table; 0
	// when the model has no sentence classifier.
	SentBits uint
	// Sent holds the sentence classifier's weights, one per hashed
	// feature.
	Sent []float32
	// Info records how the model was trained.
	Info Info

	lex      *Lexicon
	clusters *Clusters
	// span is the compact copy of the taggers' weights that Load and
	// Quantize make for decoding (nil: decode with the plain tables).
	// After changing the taggers' weights, call Quantize.
	span *spanTable
	// tc is the compact copy of the classifier's weights that Load and
	// Quantize make (nil: classify with the plain table).
	tc *tcTable
	// sentScale is the step of the quantised sentence weights (0: not
	// quantised).
	sentScale float32
	// inferenceOnly marks a model whose full tables dropPlain freed.
	inferenceOnly bool
}

// Tagger is one span tagger.
type Tagger struct {
	// Bits is the log2 size of the feature table.
	Bits uint
	// W holds numTags weights per hashed feature.
	W []float32
	// Trans[p][y] scores tag y after tag p; p == numTags is the start.
	Trans [numTags + 1][numTags]float32
	// Bias is added to the B and I scores of every token before
	// decoding: the span decision threshold, calibrated on held-out
	// training articles.
	Bias float32
	// Scale normalises token margins into span scores: the interquartile
	// range of the margins on the calibration articles.
	Scale float32
	// MinLen and MaxLen (tokens, 0 = no bound) select the gold spans the
	// tagger learned from.
	MinLen, MaxLen int

	// wscale is the step of the quantised weights (W holds multiples of
	// it once Load or Quantize made them; 0: not quantised).
	wscale float32
}

func newTagger(bits uint, minLen, maxLen int) *Tagger {
	return &Tagger{Bits: bits, W: make([]float32, (1<<bits)*numTags), MinLen: minLen, MaxLen: maxLen}
}

func (t *Tagger) mask() uint32 { return uint32(1)<<t.Bits - 1 }

// Info describes a trained model.
type Info struct {
	Seed     uint64 `json:"seed"`
	Articles int    `json:"articles"`
	SIEpochs int    `json:"si_epochs"`
	// LongEpochs is the long-span tagger's epochs (0: SIEpochs).
	LongEpochs int    `json:"long_epochs,omitempty"`
	TCEpochs   int    `json:"tc_epochs"`
	Command    string `json:"command,omitempty"`
}

// newModel returns a model with no taggers and an empty classifier.
func newModel(tcBits uint) *Model {
	m := &Model{TCBits: tcBits, TC: make([]float32, (1<<tcBits)*len(ptc.Techniques)), lex: DefaultLexicon()}
	m.setClusters(defaultClusters())
	return m
}

// emissions fills e (numTags per token) with the tagger's scores for
// tokens of feats (CSR: token i has feats[off[i]:off[i+1]]).
func emissions(w []float32, mask uint32, feats []uint32, off []int32, e []float32) {
	for i := 0; i+1 < len(off); i++ {
		var s0, s1, s2 float32
		for _, f := range feats[off[i]:off[i+1]] {
			k := (f & mask) * numTags
			s0 += w[k]
			s1 += w[k+1]
			s2 += w[k+2]
		}
		e[i*numTags], e[i*numTags+1], e[i*numTags+2] = s0, s1, s2
	}
}

// viterbi returns the best tag sequence for emissions e (n×numTags) under
// trans, with bias added to B and I. I never follows O or the start.
// back must hold n*numTags entries; tags receives n tags. Ties go to the
// lower tag.
func viterbi(e []float32, trans *[numTags + 1][numTags]float32, bias float32, back []int8, tags []int8) {
	n := len(tags)
	if n == 0 {
		return
	}
	inf := float32(math.Inf(-1))
	t := trans
	c0 := t[numTags][tagO] + e[tagO]
	c1 := t[numTags][tagB] + e[tagB] + bias
	c2 := inf
	e = e[:n*numTags]
	back = back[:n*numTags]
	for i := 1; i < n; i++ {
		ei := e[i*numTags : i*numTags+numTags]
		bi := back[i*numTags : i*numTags+numTags]
		// O after O, B or I.
		best, arg := inf, int8(0)
		if v := c0 + t[tagO][tagO]; v > best {
			best, arg = v, tagO
		}
		if v := c1 + t[tagB][tagO]; v > best {
			best, arg = v, tagB
		}
		if v := c2 + t[tagI][tagO]; v > best {
			best, arg = v, tagI
		}
		n0 := best + ei[tagO]
		bi[tagO] = arg
		// B after O, B or I.
		best, arg = inf, 0
		if v := c0 + t[tagO][tagB]; v > best {
			best, arg = v, tagO
		}
		if v := c1 + t[tagB][tagB]; v > best {
			best, arg = v, tagB
		}
		if v := c2 + t[tagI][tagB]; v > best {
			best, arg = v, tagI
		}
		n1 := best + ei[tagB] + bias
		bi[tagB] = arg
		// I after B or I.
		best, arg = inf, 0
		if v := c1 + t[tagB][tagI]; v > best {
			best, arg = v, tagB
		}
		if v := c2 + t[tagI][tagI]; v > best {
			best, arg = v, tagI
		}
		n2 := best + ei[tagI] + bias
		bi[tagI] = arg
		c0, c1, c2 = n0, n1, n2
	}
	best, arg := inf, int8(0)
	if c0 > best {
		best, arg = c0, tagO
	}
	if c1 > best {
		best, arg = c1, tagB
	}
	if c2 > best {
		arg = tagI
	}
	tags[n-1] = arg
	for i := n - 1; i > 0; i-- {
		tags[i-1] = back[i*numTags+int(tags[i])]
	}
}

// classify fills probs (len(ptc.Techniques)) with the softmax of the
// classifier's scores for feats.
func classify(w []float32, mask uint32, feats []uint32, probs []float64) {
	L := uint32(len(probs))
	for k := range probs {
		probs[k] = 0
	}
	for _, f := range feats {
		base := (f & mask) * L
		for k := range probs {
			probs[k] += float64(w[base+uint32(k)])
		}
	}
	softmax(probs)
}

func softmax(p []float64) {
	m := math.Inf(-1)
	for _, v := range p {
		m = max(m, v)
	}
	sum := 0.0
	for k, v := range p {
		p[k] = math.Exp(v - m)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
}

// The model file: "SIFTTECH2\n", then a gzip stream holding a JSON header
// line and the two weight tables. Each table is stored sparsely: only
// feature rows with a non-zero weight, as (row delta uvarint, then one
// int16 per tag/technique), quantised with the table's scale.
//
// The digit is the version of the features: a model trained on other
// feature hashes is refused (version 2 added the prefix and word-length
// features).
const magic = "SIFTTECH2\n"

type header struct {
	TCBits  uint         `json:"tc_bits"`
	TCScale float32      `json:"tc_scale"`
	Taggers []taggerHead `json:"taggers"`
	Labels  []string     `json:"labels"`
	// SentBits and SentScale describe the sentence classifier's table,
	// stored after the classifier's when SentBits > 0.
	SentBits  uint    `json:"sent_bits,omitempty"`
	SentScale float32 `json:"sent_scale,omitempty"`
	// Clusters fingerprints the word clusters the model reads (see
	// Clusters); empty when it reads none.
	Clusters string `json:"clusters,omitempty"`
	Info     Info   `json:"info"`
}

type taggerHead struct {
	Bits   uint                          `json:"bits"`
	Scale  float32                       `json:"scale"`
	Trans  [numTags + 1][numTags]float32 `json:"trans"`
	Bias   float32                       `json:"bias"`
	MScale float32                       `json:"margin_scale"`
	MinLen int                           `json:"min_len,omitempty"`
	MaxLen int                           `json:"max_len,omitempty"`
}

func scaleOf(w []float32) float32 {
	m := float32(0)
	for _, v := range w {
		m = max(m, float32(math.Abs(float64(v))))
	}
	if m == 0 {
		return 1
	}
	return m / 32767
}

func writeTable(bw *bufio.Writer, w []float32, width int, scale float32) error {
	rows := len(w) / width
	q := make([]int16, width)
	var buf [binary.MaxVarintLen64]byte
	prev := -1
	var count int
	var body bytes.Buffer
	for r := 0; r < rows; r++ {
		nz := false
		for k := 0; k < width; k++ {
			q[k] = int16(math.Round(float64(w[r*width+k] / scale)))
			nz = nz || q[k] != 0
		}
		if !nz {
			continue
		}
		count++
		n := binary.PutUvarint(buf[:], uint64(r-prev))
		body.Write(buf[:n])
		prev = r
		for _, v := range q {
			body.WriteByte(byte(uint16(v)))
			body.WriteByte(byte(uint16(v) >> 8))
		}
	}
	n := binary.PutUvarint(buf[:], uint64(count))
	bw.Write(buf[:n])
	_, err := bw.Write(body.Bytes())
	return err
}

func readTable(br *bufio.Reader, w []float32, width int, scale float32) error {
	count, err := binary.ReadUvarint(br)
	if err != nil {
		return err
	}
	rows := len(w) / width
	r := -1
	var b [2]byte
	for c := uint64(0); c < count; c++ {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return err
		}
		if d == 0 || d > uint64(rows) || r+int(d) >= rows {
			return errors.New("row index out of range")
		}
		r += int(d)
		for k := 0; k < width; k++ {
			if _, err := io.ReadFull(br, b[:]); err != nil {
				return err
			}
			w[r*width+k] = float32(int16(uint16(b[0])|uint16(b[1])<<8)) * scale
		}
	}
	return nil
}

// Save writes the model to w (quantised, sparse, compressed).
func (m *Model) Save(w io.Writer) error {
	if m.inferenceOnly {
		return errors.New("technique model: loaded for tagging only (its full weight tables were dropped); load it with Load to save it")
	}
	if _, err := io.WriteString(w, magic); err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	h := header{TCBits: m.TCBits, TCScale: scaleOf(m.TC), Labels: ptc.Techniques, Info: m.Info}
	if m.clusters != nil {
		h.Clusters = m.clusters.id
	}
	if m.SentBits > 0 {
		h.SentBits, h.SentScale = m.SentBits, scaleOf(m.Sent)
	}
	for _, t := range m.Taggers {
		h.Taggers = append(h.Taggers, t.head())
	}
	js, err := json.Marshal(h)
	if err != nil {
		return err
	}
	bw.Write(js)
	bw.WriteByte('\n')
	for i, t := range m.Taggers {
		if err := writeTable(bw, t.W, numTags, h.Taggers[i].Scale); err != nil {
			return err
		}
	}
	if err := writeTable(bw, m.TC, len(ptc.Techniques), h.TCScale); err != nil {
		return err
	}
	if m.SentBits > 0 {
		if err := writeTable(bw, m.Sent, 1, h.SentScale); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// quantize rounds w to multiples of its scale (scaleOf) and returns the
// scale.
func quantize(w []float32) float32 {
	scale := scaleOf(w)
	for i, v := range w {
		w[i] = float32(math.Round(float64(v/scale))) * scale
	}
	return scale
}

// Quantize rounds the model's weights as Save stores them, so that a
// model evaluated in memory scores as its saved file will.
func (m *Model) Quantize() {
	for _, t := range m.Taggers {
		t.wscale = quantize(t.W)
	}
	quantize(m.TC)
	if m.Sent != nil {
		m.sentScale = quantize(m.Sent)
	}
	m.pack()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	br0 := bufio.NewReader(r)
	mg := make([]byte, len(magic))
	if _, err := io.ReadFull(br0, mg); err != nil || string(mg) != magic {
		if err == nil && string(mg[:len(magic)-2]) == magic[:len(magic)-2] {
			return nil, fmt.Errorf("technique model of feature version %q, this sift reads %q: retrain it", mg[len(magic)-2], magic[len(magic)-2])
		}
		return nil, errors.New("not a sift technique model")
	}
	zr, err := gzip.NewReader(br0)
	if err != nil {
		return nil, fmt.Errorf("technique model: %w", err)
	}
	br := bufio.NewReader(zr)
	line, err := br.ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("technique model header: %w", err)
	}
	var h header
	if err := json.Unmarshal(line, &h); err != nil {
		return nil, fmt.Errorf("technique model header: %w", err)
	}
	if h.TCBits < 8 || h.TCBits > 24 || len(h.Taggers) == 0 || len(h.Taggers) > 8 {
		return nil, fmt.Errorf("technique model: bad shape (%d taggers, %d classifier bits)", len(h.Taggers), h.TCBits)
	}
	if len(h.Labels) != len(ptc.Techniques) {
		return nil, fmt.Errorf("technique model: %d labels, want %d", len(h.Labels), len(ptc.Techniques))
	}
	for i, l := range h.Labels {
		if l != ptc.Techniques[i] {
			return nil, fmt.Errorf("technique model: label %d is %q, want %q", i, l, ptc.Techniques[i])
		}
	}
	m := newModel(h.TCBits)
	m.Info = h.Info
	m.setClusters(nil)
	if h.Clusters != "" {
		if c := defaultClusters(); c.id == h.Clusters {
			m.setClusters(c)
		} else {
			return nil, fmt.Errorf("technique model: trained with word clusters %s, sift has %s", h.Clusters, c.id)
		}
	}
	for _, th := range h.Taggers {
		t, err := th.tagger()
		if err != nil {
			return nil, err
		}
		m.Taggers = append(m.Taggers, t)
	}
	for i, t := range m.Taggers {
		if err := readTable(br, t.W, numTags, h.Taggers[i].Scale); err != nil {
			return nil, fmt.Errorf("technique model span table %d: %w", i, err)
		}
	}
	if err := readTable(br, m.TC, len(ptc.Techniques), h.TCScale); err != nil {
		return nil, fmt.Errorf("technique model technique table: %w", err)
	}
	if h.SentBits > 0 {
		if h.SentBits < 8 || h.SentBits > 24 {
			return nil, fmt.Errorf("technique model: bad sentence classifier size %d", h.SentBits)
		}
		m.SentBits, m.sentScale = h.SentBits, h.SentScale
		m.Sent = make([]float32, 1<<h.SentBits)
		if err := readTable(br, m.Sent, 1, h.SentScale); err != nil {
			return nil, fmt.Errorf("technique model sentence table: %w", err)
		}
	}
	m.pack()
	return m, nil
}

// dropPlain frees the full weight tables of a model whose compact copies
// decode it (tagging and classification read only those), for a model
// that is used and never saved or trained: the embedded one. On the
// embedded model it frees about 40 MB, which the garbage collector's
// headroom would double.
func (m *Model) dropPlain() {
	if m.span == nil || m.tc == nil {
		return
	}
	for _, t := range m.Taggers {
		t.W = nil
	}
	m.TC = nil
	if m.span.sent != nil {
		m.Sent = nil
	}
	m.inferenceOnly = true
}

func (t *Tagger) head() taggerHead {
	return taggerHead{Bits: t.Bits, Scale: scaleOf(t.W), Trans: t.Trans, Bias: t.Bias, MScale: t.Scale, MinLen: t.MinLen, MaxLen: t.MaxLen}
}

func (th taggerHead) tagger() (*Tagger, error) {
	if th.Bits < 8 || th.Bits > 24 {
		return nil, fmt.Errorf("technique model: bad tagger size %d", th.Bits)
	}
	t := newTagger(th.Bits, th.MinLen, th.MaxLen)
	t.Trans, t.Bias, t.Scale, t.wscale = th.Trans, th.Bias, th.MScale, th.Scale
	return t, nil
}

// setClusters makes c the word clusters the model reads (nil: none).
// Call it before the model's lexicon analyses any text.
func (m *Model) setClusters(c *Clusters) {
	m.clusters = c
	m.lex.clusters = c
}

// pack makes the compact copies of the model's weights that decoding
// reads.
func (m *Model) pack() {
	m.span = packTaggers(m.Taggers)
	if m.span != nil && m.SentBits > 0 && len(m.Sent) == 1<<m.SentBits && quantised(m.Sent, m.sentScale) {
		st := m.span
		st.sent, st.sentMask, st.sentScale = make([]int16, len(m.Sent)), uint32(1)<<m.SentBits-1, m.sentScale
		for i, v := range m.Sent {
			st.sent[i] = step(v, m.sentScale)
		}
	}
	if m.lex != nil {
		m.lex.span = m.span
	}
	m.tc = packTC(m.TC, m.TCBits, len(ptc.Techniques))
}
