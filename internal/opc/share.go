package opc

import (
	"archive/zip"
	"sync"
)

// The verifier inflates and decodes every XML part; a caller that then
// reads one of the large ones (docx reads the styles part, several hundred
// KB in a Word template, for the recognisers and the page estimate) would
// inflate it a second time. So the verifier leaves the bytes of the large
// XML parts it reads for ReadShared to take, once, instead of reading the
// part again. They are exactly what Read returns (CRC-32 checked, UTF-8);
// they are shared as soon as they are read, before the well-formedness
// check ends, which Read does not promise either. A one-draft command
// gains the most: a batch's later drafts of one template find their
// styles parts already known (known.go) and their sheets cached.

const (
	shareMinSize = knownMinSize // below this a second read is cheap
	shareMax     = 8 << 20      // bytes one package leaves at most
)

type shared struct {
	sync.Mutex
	parts map[*zip.File][]byte
	size  int
}

// leave offers the verified part f's bytes to ReadShared.
func (s *shared) leave(f *zip.File, data []byte) {
	if len(data) < shareMinSize {
		return
	}
	s.Lock()
	defer s.Unlock()
	if s.size+len(data) > shareMax {
		return
	}
	if s.parts == nil {
		s.parts = map[*zip.File][]byte{}
	}
	s.parts[f] = data
	s.size += len(data)
}

// take returns and forgets the bytes left for f, or nil.
func (s *shared) take(f *zip.File) []byte {
	s.Lock()
	defer s.Unlock()
	data := s.parts[f]
	if data != nil {
		delete(s.parts, f)
		s.size -= len(data)
	}
	return data
}

// ReadShared is Read for a caller that does not modify the bytes it gets:
// they may be the ones the background verification read (and may still be
// checking), taken instead of inflating the part again.
func (p *Package) ReadShared(name string) ([]byte, error) {
	if f := p.File(name); f != nil && p.ver != nil {
		if data := p.ver.shared.take(f); data != nil {
			return data, nil
		}
	}
	return p.Read(name)
}
