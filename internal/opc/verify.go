package opc

import (
	"archive/zip"
	"bufio"
	"errors"
	"hash/crc32"
	"io"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/docattr/docattr/internal/flatesplice"
	"github.com/docattr/docattr/internal/xmltok"
)

// Every part of an opened package is verified in the background, on the
// second core while the caller reads and edits the parts it needs:
// decompressed, its CRC-32 compared with the directory's, and, for an XML
// part, decoded (UTF-8 or UTF-16 only) and checked with xmltok.Check. Raw
// copies carry a part's compressed bytes and CRC on unread, so without this
// a damaged part would be passed on with a valid-looking header.
// Write refuses to finish an output until the verification passed.

// verifier is the state of one background verification.
type verifier struct {
	done chan struct{}
	stop atomic.Bool
	err  error
	// claims says, per XML part, who checks it: the verification, or a
	// reader that walks the part anyway (claim.go).
	claims map[*zip.File]*atomic.Uint32
	// left holds the verdicts on claimed parts that Verify or Write had to
	// check themselves because their reader gave no proof.
	left struct {
		sync.Mutex
		done map[*zip.File]error
	}
	// shared holds the large XML parts read here for ReadShared (share.go).
	shared shared
	// held, in a package opened to edit, keeps the verification from
	// starting until StartVerifying, or anything that waits for its
	// verdict, releases it (release closes it once).
	held    chan struct{}
	release sync.Once
}

var errClosed = errors.New("package closed")

func (p *Package) startVerify(toEdit bool) {
	p.setUpVerifier(toEdit)
	if toEdit {
		p.ver.held = make(chan struct{})
	}
	p.runVerifier()
}

// A package opened to edit is opened by a reader with parts of its own to
// read first: docx reads the main part (on both cores, when it is large)
// while a goroutine of its own reads the styles part, and the analysis
// waits for both. Started at once, the verification took one of the two
// cores from them: a small draft's styles part waited 3–5 ms for a core
// while the verification checked the template's other styles part, which
// nothing waits for until Write. So the verification of such a package
// waits until the reader has its own reading under way (StartVerifying),
// or until anything wants its verdict (Verify, Write, Close).

// awaitVerifier waits until the background verification has ended, first
// releasing it if it was held: every waiter goes through here, so none
// can wait for a verification that never starts.
func (p *Package) awaitVerifier() {
	p.StartVerifying()
	<-p.ver.done
}

// StartVerifying lets the background verification of a package opened to
// edit begin (see above); calling it again, or on another package, does
// nothing.
func (p *Package) StartVerifying() {
	if v := p.ver; v != nil && v.held != nil {
		v.release.Do(func() { close(v.held) })
	}
}

// setUpVerifier makes p.ver; toEdit (OpenToEdit) claims the main part for
// the caller and leaves the large parts Write copies raw to the copy.
func (p *Package) setUpVerifier(toEdit bool) {
	v := &verifier{done: make(chan struct{}), claims: map[*zip.File]*atomic.Uint32{}}
	for _, f := range p.Files {
		switch {
		case isFolder(f):
		case p.isXML(f.Name):
			v.claims[f] = new(atomic.Uint32)
		case toEdit && copyCheckable(f):
			c := new(atomic.Uint32)
			c.Store(byCopy)
			v.claims[f] = c
		}
	}
	if c := v.claims[p.File(p.Main)]; toEdit && c != nil {
		c.Store(byReader)
	}
	p.ver = v
}

// runVerifier starts the background verification set up in p.ver.
func (p *Package) runVerifier() {
	v := p.ver
	go func() {
		defer close(v.done)
		if v.held != nil {
			<-v.held
		}
		defer func() {
			if r := recover(); r != nil { // a decoder bug must not take the process down
				v.err = damaged("", errors.New("verifier failed"))
			}
		}()
		v.err = p.verifyAll(v)
	}()
}

// Verify waits until every part of the package has been checked and
// returns the damage found first (in directory order among the parts the
// verification read, then among the parts readers claimed), as a *msg.Error
// wrapping ErrDamaged (or ErrTooLarge) that names the part. It is safe to
// call from several goroutines and more than once.
func (p *Package) Verify() error {
	if err := p.verifyRest(); err != nil {
		return err
	}
	return p.verifyLeft(nil)
}

// verifyRest waits for the background verification.
func (p *Package) verifyRest() error {
	if p.ver == nil {
		return nil
	}
	p.awaitVerifier()
	return p.ver.err
}

func (p *Package) verifyAll(v *verifier) error {
	buf := make([]byte, 256<<10)
	for _, f := range p.Files {
		if v.stop.Load() {
			return errClosed
		}
		if isFolder(f) || !v.take(f, byVerifier) {
			continue
		}
		if err := p.verifyPart(f, buf, &v.stop, &v.shared); err != nil {
			return err
		}
	}
	return nil
}

// verifyPart checks one part; an XML part's bytes are left in share (when
// not nil) for ReadShared.
func (p *Package) verifyPart(f *zip.File, buf []byte, stop *atomic.Bool, share *shared) error {
	if p.isXML(f.Name) {
		// A part that passed before in this process (known.go) passes
		// again; the size limit is this package's own.
		d, ok := digest(f)
		if ok && f.UncompressedSize64 <= p.limits.MaxPartSize && isKnown(d) {
			return nil
		}
		data, err := p.readFile(f)
		if err != nil {
			return err
		}
		data, err = toUTF8(data)
		if err != nil {
			return encodingError(f.Name, err)
		}
		if share != nil {
			share.leave(f, data)
		}
		if err := xmltok.Check(data); err != nil {
			return malformed(f.Name, err)
		}
		if ok {
			remember(d)
		}
		return nil
	}
	if ok, err := p.storedOnly(f); ok || err != nil {
		return err
	}
	rc, err := openLarge(f)
	if err != nil {
		return damaged(f.Name, err)
	}
	defer rc.Close()
	h := crc32.NewIEEE()
	n, err := io.CopyBuffer(h, &stoppable{io.LimitReader(rc, int64(f.UncompressedSize64)+1), stop}, buf)
	if err != nil {
		if err == errClosed {
			return err
		}
		return readError(f.Name, err)
	}
	if uint64(n) != f.UncompressedSize64 {
		return readError(f.Name, zip.ErrFormat)
	}
	if h.Sum32() != f.CRC32 {
		return badChecksum(f.Name)
	}
	return nil
}

// openLarge opens a part for streaming. archive/zip's Open feeds the
// inflater through a 4 KiB buffer, one read system call each, which for a
// 15 MB picture costs more than the inflating; reading the raw bytes through
// a large buffer does not. Entries with a data descriptor keep Open, which
// also compares the descriptor with the directory.
func openLarge(f *zip.File) (io.ReadCloser, error) {
	if f.Flags&0x8 != 0 {
		return f.Open()
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, err
	}
	if f.Method == zip.Store {
		return io.NopCloser(raw), nil
	}
	// A large buffer only for a large part: every small part of every
	// draft in a batch would otherwise allocate 256 KiB.
	size := int(min(max(f.CompressedSize64, 4<<10), 256<<10))
	return newInflater(bufio.NewReaderSize(raw, size)), nil
}

// storedOnly verifies a large deflated part that did not shrink (a picture,
// a video: writers store what they cannot compress) by the CRC-32 of its
// stored blocks, read in place (flatesplice.StoredCRC). ok is false when
// the part is not such a part, or holds a compressed block: the caller
// then inflates it.
func (p *Package) storedOnly(f *zip.File) (ok bool, err error) {
	if f.Method != zip.Deflate || f.CompressedSize64 < 1<<20 || f.CompressedSize64 < f.UncompressedSize64 {
		return false, nil
	}
	if err := p.descriptorOK(f); err != nil {
		return true, err
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return false, nil
	}
	crc, n, ok := flatesplice.StoredCRC(bufio.NewReaderSize(raw, 256<<10))
	if !ok {
		return false, nil
	}
	if uint64(n) != f.UncompressedSize64 {
		return true, readError(f.Name, zip.ErrFormat)
	}
	if crc != f.CRC32 {
		return true, badChecksum(f.Name)
	}
	return true, nil
}

// stoppable ends a long copy soon after the package is closed.
type stoppable struct {
	r    io.Reader
	stop *atomic.Bool
}

func (s *stoppable) Read(b []byte) (int, error) {
	if s.stop.Load() {
		return 0, errClosed
	}
	return s.r.Read(b)
}

// isXML reports whether a part is one OPC processes as XML: by its content
// type (…+xml, application/xml, text/xml) or, for parts without one, by its
// .xml or .rels name. Images are media even when they are XML (SVG files
// often carry a DOCTYPE): they are only checksummed.
func (p *Package) isXML(name string) bool {
	ct := p.ContentType(name)
	if strings.HasPrefix(ct, "image/") {
		return false
	}
	if strings.HasSuffix(ct, "+xml") || ct == "application/xml" || ct == "text/xml" {
		return true
	}
	ext := strings.ToLower(path.Ext(name))
	return ext == ".xml" || ext == ".rels"
}
