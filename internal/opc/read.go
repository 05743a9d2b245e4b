package opc

import (
	"archive/zip"
	"encoding/binary"
	"io"
)

// Read decompresses one part within the safety limits and checks its
// CRC-32. An XML part stored in UTF-16 is returned as UTF-8 with its
// declaration saying so; an XML part in any other encoding than UTF-8 or
// UTF-16 is refused.
func (p *Package) Read(name string) ([]byte, error) { return p.read(name, false) }

// ReadToEdit is Read for a part the caller will write back edited
// (Edits.Edited): it also keeps the compressed bytes and where their blocks
// start, so that Write reuses them up to the first edit instead of
// deflating the whole part again (decision 019). A part converted from
// UTF-16 is not kept: its content is no longer what the compressed bytes
// hold.
func (p *Package) ReadToEdit(name string) ([]byte, error) { return p.read(name, true) }

func (p *Package) read(name string, toEdit bool) ([]byte, error) {
	f := p.File(name)
	if f == nil {
		return nil, missing(name)
	}
	in, err := p.inflatePart(f)
	if err != nil {
		return nil, err
	}
	data := in.Content
	if p.isXML(f.Name) {
		if data, err = toUTF8(data); err != nil {
			return nil, encodingError(f.Name, err)
		}
	}
	if toEdit && len(data) > 0 && &data[0] == &in.Content[0] {
		p.inflated.set(f.Name, in)
	}
	return data, nil
}

// readFile is a part's bytes as stored (no UTF-16 conversion).
func (p *Package) readFile(f *zip.File) ([]byte, error) {
	in, err := p.inflatePart(f)
	if err != nil {
		return nil, err
	}
	return in.Content, nil
}

// inflatePart is InflatePart within the package's limits (flatesplice
// inflates 1.5–3× faster than compress/flate), with the data descriptor of
// an entry that has one compared as archive/zip's Open does.
func (p *Package) inflatePart(f *zip.File) (*Inflated, error) {
	if err := p.descriptorOK(f); err != nil {
		return nil, err
	}
	return inflatePart(f, p.limits.MaxPartSize, p.whole())
}

// InMemory is implemented by an archive held whole in memory: Bytes
// returns it (nil if it is not, after all), and the package reads its
// parts' compressed bytes there instead of copying them. The bytes must
// not change while the package is open.
type InMemory interface{ Bytes() []byte }

// whole returns the archive's bytes when it is held in memory, else nil.
func (p *Package) whole() []byte {
	if m, ok := p.ra.(InMemory); ok {
		return m.Bytes()
	}
	return nil
}

// descriptorOK compares the data descriptor that follows an entry written
// with one (general purpose flag 8: zip writers that stream, Go's and
// Java's among them) with the directory's CRC-32, as archive/zip's Open
// does, for the readers that take an entry's compressed bytes themselves.
// The descriptor may start with its signature; its sizes are not compared
// (their width is ambiguous), as archive/zip does not.
func (p *Package) descriptorOK(f *zip.File) error {
	if f.Flags&0x8 == 0 {
		return nil
	}
	off, err := f.DataOffset()
	if err != nil || p.ra == nil {
		return readError(f.Name, zip.ErrFormat)
	}
	var b [8]byte
	if n, _ := p.ra.ReadAt(b[:], off+int64(f.CompressedSize64)); n < len(b) {
		return readError(f.Name, io.ErrUnexpectedEOF)
	}
	crc := binary.LittleEndian.Uint32(b[:4])
	if crc == 0x08074b50 { // the descriptor's signature
		crc = binary.LittleEndian.Uint32(b[4:])
	}
	if crc != f.CRC32 {
		return readError(f.Name, zip.ErrChecksum)
	}
	return nil
}
