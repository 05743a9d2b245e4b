package hostile

import (
	"encoding/binary"
	"unicode/utf16"
)

// CFB writes a minimal OLE compound file (version 3, 512-byte sectors)
// holding the named streams in the root storage, in order: enough for a
// reader to list the stream names, which is how an encrypted OOXML package
// (EncryptionInfo + EncryptedPackage) or a Word 97 binary (WordDocument) is
// told apart. Each stream is padded to 4096 bytes so that no mini stream
// is needed; at most 3 streams.
func CFB(names []string, fill byte) []byte {
	const (
		sector  = 512
		perStrm = 8 // sectors per stream (4096 bytes)
		free    = 0xFFFFFFFF
		end     = 0xFFFFFFFE
		fatSect = 0xFFFFFFFD
		noEntry = 0xFFFFFFFF
	)
	le := binary.LittleEndian
	h := make([]byte, sector)
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(h[24:], 0x3E)   // minor version
	le.PutUint16(h[26:], 3)      // major version
	le.PutUint16(h[28:], 0xFFFE) // byte order
	le.PutUint16(h[30:], 9)      // sector shift
	le.PutUint16(h[32:], 6)      // mini sector shift
	le.PutUint32(h[44:], 1)      // FAT sectors
	le.PutUint32(h[48:], 1)      // first directory sector
	le.PutUint32(h[56:], 4096)   // mini stream cutoff
	le.PutUint32(h[60:], end)    // first mini FAT sector
	le.PutUint32(h[68:], end)    // first DIFAT sector
	le.PutUint32(h[76:], 0)      // DIFAT[0]: the FAT is sector 0
	for i := 1; i < 109; i++ {
		le.PutUint32(h[76+4*i:], free)
	}
	fat := make([]byte, sector)
	for i := 0; i < sector/4; i++ {
		le.PutUint32(fat[4*i:], free)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], end) // directory
	for s := range names {
		first := 2 + s*perStrm
		for j := 0; j < perStrm-1; j++ {
			le.PutUint32(fat[4*(first+j):], uint32(first+j+1))
		}
		le.PutUint32(fat[4*(first+perStrm-1):], end)
	}
	dir := make([]byte, sector)
	entry := func(i int, name string, typ byte, left, right, child uint32, start uint32, size uint32) {
		e := dir[i*128 : (i+1)*128]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1 // black
		le.PutUint32(e[68:], left)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], size)
	}
	child := uint32(noEntry)
	if len(names) > 0 {
		child = 1
	}
	entry(0, "Root Entry", 5, noEntry, noEntry, child, end, 0)
	for s, name := range names {
		right := uint32(noEntry)
		if s+1 < len(names) {
			right = uint32(s + 2)
		}
		entry(s+1, name, 2, noEntry, right, noEntry, uint32(2+s*perStrm), perStrm*sector)
	}
	out := append(h, fat...)
	out = append(out, dir...)
	for range names {
		b := make([]byte, perStrm*sector)
		for i := range b {
			b[i] = fill
		}
		out = append(out, b...)
	}
	return out
}
