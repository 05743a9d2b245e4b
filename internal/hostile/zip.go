// Package hostile builds malformed Word packages for tests and checks that
// what docattr writes is sound.
//
// Zip writes a zip archive byte by byte from a list of entries, so a test
// can produce what archive/zip refuses to write: wrong CRCs, lying sizes,
// unknown methods, traversal names, duplicates, zip64 records on small
// entries, data descriptors. Verify is the independent judge of an output:
// every entry has a valid name and a known method, decompresses to its
// recorded size and CRC-32, and every XML part parses with encoding/xml and
// with xmltok.Check. The hostile suite and the mutation fuzz targets of
// issue 10 live in this package's tests.
package hostile

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
)

// Entry is one zip entry as Zip writes it. Zero values give an honest
// deflated entry.
type Entry struct {
	Name string
	Data []byte // uncompressed content
	// Method is written as given; Data is deflated for 8 and stored as is
	// for any other value.
	Method uint16
	Store  bool // method 0 instead of the default 8
	// Raw, when set, is written as the compressed bytes instead of Data's
	// compression (Data still gives the recorded CRC and size).
	Raw        []byte
	CRC        *uint32 // recorded CRC-32 instead of Data's
	Size       *uint64 // recorded uncompressed size instead of len(Data)
	Flags      uint16  // extra general-purpose flags (1 = encrypted)
	Descriptor bool    // sizes and CRC in a data descriptor after the data
	DescCRC    *uint32 // CRC written in the data descriptor, when different
	LocalName  string  // name in the local header, when different
}

// Archive is a list of entries and how the archive ends.
type Archive struct {
	Entries []Entry
	Zip64   bool   // zip64 extra fields on every entry and a zip64 end record
	Comment string // archive comment
}

// Deflate compresses data the way Zip does.
func Deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func u32(v uint32) *uint32 { return &v }
func u64(v uint64) *uint64 { return &v }

// CRC returns a pointer to v, for Entry.CRC and Entry.DescCRC.
func CRC(v uint32) *uint32 { return u32(v) }

// Size returns a pointer to v, for Entry.Size.
func Size(v uint64) *uint64 { return u64(v) }

// Bytes writes the archive.
func (a Archive) Bytes() []byte {
	var out bytes.Buffer
	le := binary.LittleEndian
	type dirEntry struct {
		e                 Entry
		method, flags     uint16
		crc               uint32
		csize, usize, off uint64
	}
	var dir []dirEntry
	for _, e := range a.Entries {
		method := e.Method
		if method == 0 && !e.Store {
			method = 8
		}
		comp := e.Raw
		if comp == nil {
			if method == 8 {
				comp = Deflate(e.Data)
			} else {
				comp = e.Data
			}
		}
		d := dirEntry{e: e, method: method, flags: e.Flags | 0x800, crc: crc32.ChecksumIEEE(e.Data),
			csize: uint64(len(comp)), usize: uint64(len(e.Data)), off: uint64(out.Len())}
		if e.CRC != nil {
			d.crc = *e.CRC
		}
		if e.Size != nil {
			d.usize = *e.Size
		}
		if e.Descriptor {
			d.flags |= 0x8
		}
		name := e.Name
		if e.LocalName != "" {
			name = e.LocalName
		}
		var extra []byte
		crc, cs, us := d.crc, uint32(d.csize), uint32(d.usize)
		if a.Zip64 {
			extra = le.AppendUint16(extra, 1)
			extra = le.AppendUint16(extra, 16)
			extra = le.AppendUint64(extra, d.usize)
			extra = le.AppendUint64(extra, d.csize)
			cs, us = 0xFFFFFFFF, 0xFFFFFFFF
		}
		if e.Descriptor {
			crc, cs, us = 0, 0, 0
			if a.Zip64 {
				cs, us = 0xFFFFFFFF, 0xFFFFFFFF
			}
		}
		h := le.AppendUint32(nil, 0x04034b50)
		h = le.AppendUint16(h, version(a.Zip64))
		h = le.AppendUint16(h, d.flags)
		h = le.AppendUint16(h, method)
		h = le.AppendUint32(h, 0x58210000) // a fixed DOS time in 2024
		h = le.AppendUint32(h, crc)
		h = le.AppendUint32(h, cs)
		h = le.AppendUint32(h, us)
		h = le.AppendUint16(h, uint16(len(name)))
		h = le.AppendUint16(h, uint16(len(extra)))
		out.Write(h)
		out.WriteString(name)
		out.Write(extra)
		out.Write(comp)
		if e.Descriptor {
			dc := d.crc
			if e.DescCRC != nil {
				dc = *e.DescCRC
			}
			dd := le.AppendUint32(nil, 0x08074b50)
			dd = le.AppendUint32(dd, dc)
			if a.Zip64 {
				dd = le.AppendUint64(dd, d.csize)
				dd = le.AppendUint64(dd, d.usize)
			} else {
				dd = le.AppendUint32(dd, uint32(d.csize))
				dd = le.AppendUint32(dd, uint32(d.usize))
			}
			out.Write(dd)
		}
		dir = append(dir, d)
	}
	cdStart := uint64(out.Len())
	for _, d := range dir {
		var extra []byte
		cs, us, off := uint32(d.csize), uint32(d.usize), uint32(d.off)
		if a.Zip64 {
			extra = le.AppendUint16(extra, 1)
			extra = le.AppendUint16(extra, 24)
			extra = le.AppendUint64(extra, d.usize)
			extra = le.AppendUint64(extra, d.csize)
			extra = le.AppendUint64(extra, d.off)
			cs, us, off = 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF
		}
		h := le.AppendUint32(nil, 0x02014b50)
		h = le.AppendUint16(h, version(a.Zip64))
		h = le.AppendUint16(h, version(a.Zip64))
		h = le.AppendUint16(h, d.flags)
		h = le.AppendUint16(h, d.method)
		h = le.AppendUint32(h, 0x58210000)
		h = le.AppendUint32(h, d.crc)
		h = le.AppendUint32(h, cs)
		h = le.AppendUint32(h, us)
		h = le.AppendUint16(h, uint16(len(d.e.Name)))
		h = le.AppendUint16(h, uint16(len(extra)))
		h = le.AppendUint16(h, 0) // comment
		h = le.AppendUint16(h, 0) // disk
		h = le.AppendUint16(h, 0) // internal attributes
		h = le.AppendUint32(h, 0) // external attributes
		h = le.AppendUint32(h, off)
		out.Write(h)
		out.WriteString(d.e.Name)
		out.Write(extra)
	}
	cdEnd := uint64(out.Len())
	n := uint64(len(dir))
	count, size, start := uint16(n), uint32(cdEnd-cdStart), uint32(cdStart)
	if a.Zip64 {
		h := le.AppendUint32(nil, 0x06064b50)
		h = le.AppendUint64(h, 44)
		h = le.AppendUint16(h, 45)
		h = le.AppendUint16(h, 45)
		h = le.AppendUint32(h, 0)
		h = le.AppendUint32(h, 0)
		h = le.AppendUint64(h, n)
		h = le.AppendUint64(h, n)
		h = le.AppendUint64(h, cdEnd-cdStart)
		h = le.AppendUint64(h, cdStart)
		h = le.AppendUint32(h, 0x07064b50)
		h = le.AppendUint32(h, 0)
		h = le.AppendUint64(h, cdEnd)
		h = le.AppendUint32(h, 1)
		out.Write(h)
		count, size, start = 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF
	} else if n > 0xFFFF {
		count = 0xFFFF
	}
	h := le.AppendUint32(nil, 0x06054b50)
	h = le.AppendUint16(h, 0)
	h = le.AppendUint16(h, 0)
	h = le.AppendUint16(h, count)
	h = le.AppendUint16(h, count)
	h = le.AppendUint32(h, size)
	h = le.AppendUint32(h, start)
	h = le.AppendUint16(h, uint16(len(a.Comment)))
	out.Write(h)
	out.WriteString(a.Comment)
	return out.Bytes()
}

func version(zip64 bool) uint16 {
	if zip64 {
		return 45
	}
	return 20
}
