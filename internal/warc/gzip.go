package warc

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// errCorrupt is returned (wrapped in a *gzipError) by memberStream.Read
// once per damaged gzip member; the stream has then already moved on to
// the next member it could find, so reading may continue.
var errCorrupt = errors.New("corrupt gzip data")

type gzipError struct {
	member int64 // offset of the damaged member in the compressed file
	err    error
}

func (e *gzipError) Error() string {
	return fmt.Sprintf("gzip member at byte %d: %v", e.member, e.err)
}

func (e *gzipError) Unwrap() []error { return []error{errCorrupt, e.err} }

// countReader counts the compressed bytes the gzip reader consumes. It is
// an io.ByteReader so that gzip (through flate) reads exactly what it
// needs and no more, which keeps member offsets exact.
type countReader struct {
	br *bufio.Reader
	n  int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.br.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countReader) ReadByte() (byte, error) {
	b, err := c.br.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

// memberStream is the concatenation of the decompressed gzip members of a
// file. A damaged member (truncated, bad checksum, bad header) is reported
// once as an error wrapping errCorrupt; the stream then resynchronises on
// the next gzip header ("\x1f\x8b\x08") after the damaged member's start,
// going back in the file when it can seek, so that a member cut in half
// does not take the following members with it.
type memberStream struct {
	src    io.Reader
	seeker io.Seeker // nil when src cannot seek
	cr     *countReader
	z      *gzip.Reader
	start  int64 // offset of the current member
	open   bool  // z is positioned inside a member
	eof    bool
}

func newMemberStream(src io.Reader, br *bufio.Reader) *memberStream {
	m := &memberStream{src: src, cr: &countReader{br: br}}
	if s, ok := src.(io.Seeker); ok {
		// Only use seeking when it works (pipes are *os.File too).
		if _, err := s.Seek(0, io.SeekCurrent); err == nil {
			m.seeker = s
		}
	}
	return m
}

// openMember starts the member at the current position.
func (m *memberStream) openMember() error {
	m.start = m.cr.n
	var err error
	if m.z == nil {
		m.z, err = gzip.NewReader(m.cr)
	} else {
		err = m.z.Reset(m.cr)
	}
	if err != nil {
		return err
	}
	m.z.Multistream(false)
	m.open = true
	return nil
}

func (m *memberStream) Read(p []byte) (int, error) {
	for {
		if m.eof {
			return 0, io.EOF
		}
		if !m.open {
			err := m.openMember()
			if err == io.EOF {
				m.eof = true
				return 0, io.EOF
			}
			if err != nil {
				bad := m.start
				m.resync(bad)
				return 0, &gzipError{member: bad, err: err}
			}
		}
		n, err := m.z.Read(p)
		if err == io.EOF {
			m.open = false
			if n > 0 {
				return n, nil
			}
			continue
		}
		if err != nil {
			bad := m.start
			m.open = false
			m.resync(bad)
			return n, &gzipError{member: bad, err: err}
		}
		return n, nil
	}
}

// resync positions the stream on the next gzip magic after offset bad.
func (m *memberStream) resync(bad int64) {
	if m.seeker != nil && m.cr.n > bad+1 {
		if _, err := m.seeker.Seek(bad+1, io.SeekStart); err == nil {
			m.cr.br.Reset(m.src)
			m.cr.n = bad + 1
		}
	}
	for {
		b, err := m.cr.br.Peek(3)
		if len(b) < 3 || err != nil {
			// Too little left for a member: drain and end.
			n, _ := m.cr.br.Discard(len(b))
			m.cr.n += int64(n)
			m.eof = true
			return
		}
		if b[0] == 0x1f && b[1] == 0x8b && b[2] == 0x08 {
			return
		}
		m.cr.br.Discard(1)
		m.cr.n++
	}
}
