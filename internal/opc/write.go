package opc

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"time"
)

// Edits are the changes Write makes to a package; every part not named here
// is copied raw (compressed bytes, CRC and header as they were).
type Edits struct {
	Replace map[string][]byte // part name → new content
	Remove  map[string]bool   // part names to leave out
	Add     []NewPart         // parts appended at the end
	// Edited gives parts' new content as their old content's first bytes
	// and a new tail (part name → edit); see Edited.
	Edited map[string]Edited
	// Modified is the time stamped on added parts (zero = now).
	Modified time.Time
}

// Edited is a part's new content as Base[:Keep] followed by Tail, where
// Base is the part exactly as Read returned it: what a stamper that edits
// near the end of a large part produces. Write streams the two pieces
// without joining them, so the edited copy is never held whole, and checks
// the XML only from where it departs from what its reader checked
// (Package.Checked).
type Edited struct {
	Base []byte
	Keep int
	Tail []byte
}

// NewPart is a part added by Write.
type NewPart struct {
	Name string
	Data []byte
}

// Write writes the package with edits applied to w. Parts are matched
// case-insensitively, as OPC part names are.
//
// Nothing unsound is passed on: Write returns an error instead of finishing
// the package when the background verification (see Verify) found a damaged
// part, or when a replaced or added XML part fails xmltok.Check. Those
// checks run beside the copying; on any error w holds a partial package that
// the caller must discard.
func (p *Package) Write(w io.Writer, e Edits) error {
	checked := p.checkEdits(e)
	replace := map[string][]byte{}
	for k, v := range e.Replace {
		replace[strings.ToLower(k)] = v
	}
	edited := map[string]Edited{}
	for k, v := range e.Edited {
		if v.Keep < 0 || v.Keep > len(v.Base) {
			return fmt.Errorf("edit of part %s keeps %d of %d bytes", k, v.Keep, len(v.Base))
		}
		edited[strings.ToLower(k)] = v
	}
	remove := map[string]bool{}
	for k := range e.Remove {
		remove[strings.ToLower(k)] = true
	}
	zw := zip.NewWriter(w)
	// Speed matters more than the last percent (BestSpeed); a flate writer
	// carries about a megabyte of tables, so they are pooled; a large part
	// is deflated on every core (deflate.go).
	zw.RegisterCompressor(zip.Deflate, newEntryWriter)
	buf := copyBufPool.Get().(*[]byte)
	defer copyBufPool.Put(buf)
	if p.Comment != "" {
		if err := zw.SetComment(p.Comment); err != nil {
			return err
		}
	}
	for _, f := range p.Files {
		key := strings.ToLower(f.Name)
		if remove[key] {
			continue
		}
		if ed, ok := edited[key]; ok {
			if err := p.writeEdited(zw, f, ed); err != nil {
				return err
			}
			continue
		}
		data, ok := replace[key]
		if !ok {
			if err := p.copyPart(zw, f, *buf); err != nil {
				return err
			}
			continue
		}
		if err := writeEntry(zw, f.Name, f.Modified, data); err != nil {
			return err
		}
	}
	mod := e.Modified
	if mod.IsZero() {
		mod = time.Now()
	}
	for _, np := range e.Add {
		if err := writeEntry(zw, np.Name, mod, np.Data); err != nil {
			return err
		}
	}
	// Damage in the input explains a fault in an edited part, so it is
	// reported first.
	verr, cerr := p.verifyRest(), <-checked
	if verr != nil {
		return verr
	}
	// A claimed part whose reader gave no proof is checked now. The main
	// part is the exception when the output replaces it and the
	// replacement passed (OpenToEdit): then the original is never needed,
	// unless to tell damage in the file from a fault of ours.
	err := p.verifyLeft(func(name string) bool {
		_, replaced := replace[strings.ToLower(name)]
		_, ed := edited[strings.ToLower(name)]
		return cerr == nil && (replaced || ed) && strings.EqualFold(name, p.Main)
	})
	if err != nil {
		return err
	}
	if cerr != nil {
		return cerr
	}
	return zw.Close()
}

// checkEdits checks the XML parts Write is about to write in a goroutine
// and delivers the first fault.
func (p *Package) checkEdits(e Edits) <-chan error {
	out := make(chan error, 1)
	go func() {
		for name, data := range e.Replace {
			if err := p.checkNew(name, data); err != nil {
				out <- err
				return
			}
		}
		for _, np := range e.Add {
			if err := p.checkNew(np.Name, np.Data); err != nil {
				out <- err
				return
			}
		}
		for name, ed := range e.Edited {
			if !p.isXML(name) || ed.Keep < 0 || ed.Keep > len(ed.Base) {
				continue // Write refuses a bad Keep itself
			}
			if err := p.proofs.get(name).CheckTail(ed.Base[:ed.Keep], ed.Tail); err != nil {
				out <- badOutput(name, err)
				return
			}
		}
		out <- nil
	}()
	return out
}

func (p *Package) checkNew(name string, data []byte) error {
	if !p.isXML(name) {
		return nil
	}
	if err := p.proofs.get(name).CheckEdited(data); err != nil {
		return badOutput(name, err)
	}
	return nil
}

// writeEdited writes an edited part: the original compressed bytes up to
// the block before the first edit and the rest deflated anew, when the part
// was read with ReadToEdit; else the two pieces deflated.
func (p *Package) writeEdited(zw *zip.Writer, f *zip.File, ed Edited) error {
	in := p.inflatedFor(f.Name, ed.Base)
	if in == nil {
		return writeEntry(zw, f.Name, f.Modified, ed.Base[:ed.Keep], ed.Tail)
	}
	d, err := in.DeflateEdited(ed.Keep, ed.Tail)
	if err != nil {
		return fmt.Errorf("write part %s: %w", f.Name, err)
	}
	w, err := zw.CreateRaw(d.Header(&f.FileHeader))
	if err == nil {
		_, err = w.Write(d.Raw)
	}
	if err != nil {
		return fmt.Errorf("write part %s: %w", f.Name, err)
	}
	return nil
}

// writeEntry writes a deflated part whose content is the pieces in order.
func writeEntry(zw *zip.Writer, name string, mod time.Time, pieces ...[]byte) error {
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mod})
	if err != nil {
		return fmt.Errorf("write part %s: %w", name, err)
	}
	for _, data := range pieces {
		if _, err := fw.Write(data); err != nil {
			return fmt.Errorf("write part %s: %w", name, err)
		}
	}
	return nil
}

// copyRaw is zip.Writer.Copy with a larger, reused buffer: the entry's
// header and compressed bytes go out exactly as they came in.
func copyRaw(zw *zip.Writer, f *zip.File, buf []byte) error {
	r, err := f.OpenRaw()
	if err != nil {
		return err
	}
	fh := f.FileHeader
	w, err := zw.CreateRaw(&fh)
	if err != nil {
		return err
	}
	_, err = io.CopyBuffer(w, r, buf)
	return err
}
