package warc

import (
	"bufio"
	"bytes"
	"io"
)

// stream is the decompressed WARC byte stream with exact offsets and the
// ability to push bytes back (used when a record's Content-Length turns
// out to be too large and the block swallowed the next record).
type stream struct {
	pending []byte
	br      *bufio.Reader
	off     int64 // offset of the next byte in the decompressed stream
	scratch []byte
	// perr is a gzip error met by peek, delivered by the next read after
	// the pending bytes (bufio.Reader.Peek would otherwise swallow it).
	perr error
}

func (s *stream) Read(p []byte) (int, error) {
	if len(s.pending) > 0 {
		n := copy(p, s.pending)
		s.pending = s.pending[n:]
		s.off += int64(n)
		return n, nil
	}
	if err := s.perr; err != nil {
		s.perr = nil
		return 0, err
	}
	n, err := s.br.Read(p)
	s.off += int64(n)
	return n, err
}

func (s *stream) ReadByte() (byte, error) {
	if len(s.pending) > 0 {
		b := s.pending[0]
		s.pending = s.pending[1:]
		s.off++
		return b, nil
	}
	if err := s.perr; err != nil {
		s.perr = nil
		return 0, err
	}
	b, err := s.br.ReadByte()
	if err == nil {
		s.off++
	}
	return b, err
}

// peek returns up to n next bytes without consuming them.
func (s *stream) peek(n int) []byte {
	if len(s.pending) >= n {
		return s.pending[:n]
	}
	var b []byte
	if s.perr == nil {
		var err error
		b, err = s.br.Peek(n - len(s.pending))
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			// The error comes after the bytes b: move them to pending so
			// that reads deliver them, then the error, then what the
			// member stream reads after resynchronising. (Left in br,
			// they would come after the error, glued to the next
			// record's first line.)
			s.pending = append(s.pending, b...)
			s.br.Discard(len(b))
			s.perr = err
			return s.pending[:min(n, len(s.pending))]
		}
	}
	if len(s.pending) == 0 {
		return b
	}
	s.scratch = append(append(s.scratch[:0], s.pending...), b...)
	return s.scratch
}

// discard skips n bytes, returning how many were skipped.
func (s *stream) discard(n int64) (int64, error) {
	var done int64
	if len(s.pending) > 0 {
		k := min(int64(len(s.pending)), n)
		s.pending = s.pending[k:]
		s.off += k
		done += k
	}
	for done < n {
		if err := s.perr; err != nil {
			s.perr = nil
			return done, err
		}
		k, err := s.br.Discard(int(min(n-done, 1<<20)))
		s.off += int64(k)
		done += int64(k)
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// unread pushes b back in front of the stream.
func (s *stream) unread(b []byte) {
	p := make([]byte, 0, len(b)+len(s.pending))
	p = append(append(p, b...), s.pending...)
	s.pending = p
	s.off -= int64(len(b))
}

// readLine reads one line, its terminator removed. A line longer than max
// is consumed to its end and returned cut to max bytes with long set.
func (s *stream) readLine(buf []byte, max int) (line []byte, long bool, err error) {
	line = buf[:0]
	for {
		c, err := s.ReadByte()
		if err != nil {
			return line, long, err
		}
		if c == '\n' {
			return bytes.TrimSuffix(line, []byte{'\r'}), long, nil
		}
		if len(line) < max {
			line = append(line, c)
		} else {
			long = true
		}
	}
}

// skipToRecord consumes bytes up to the next line that starts with
// "WARC/1." and leaves the stream there. Errors from a damaged gzip member
// are passed over (the member stream has moved on). It returns io.EOF when
// no further record exists.
func (s *stream) skipToRecord() error {
	atLineStart := true
	for {
		if atLineStart {
			p := s.peek(7)
			if bytes.Equal(p, []byte("WARC/1.")) {
				return nil
			}
		}
		c, err := s.ReadByte()
		if err == io.EOF {
			return io.EOF
		}
		if err != nil {
			if isCorrupt(err) {
				atLineStart = true
				continue
			}
			return err
		}
		atLineStart = c == '\n'
	}
}

var _ io.ByteReader = (*stream)(nil)
