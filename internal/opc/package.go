// Package opc opens Office Open XML packages safely: it decides a file's
// format from its bytes, refuses everything that is not an unencrypted
// WordprocessingML package with a message in Chinese and English, guards
// against zip bombs, and gives access to parts, content types and
// relationships.
//
// Parts are decompressed only when asked for, each within the limits of
// Limits; everything else stays compressed so a writer can copy it raw.
//
// Nothing damaged is passed on. Open refuses invalid part names (traversal,
// absolute, backslash, drive letter), duplicates ignoring case, compression
// methods other than stored and deflate, and encrypted entries; it then
// verifies every part on a goroutine (CRC-32; XML parts well-formed by
// xmltok.Check, in UTF-8 or UTF-16). Verify waits for that verdict, and
// Write will not finish a package before it passed. Every refusal is a
// *msg.Error wrapping one of the sentinels below and naming the part.
package opc

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/xmltok"
)

// Limits bound what a package may hold before it is refused as a zip bomb.
type Limits struct {
	MaxEntries   int    // entries in the zip directory
	MaxPartSize  uint64 // uncompressed bytes of one XML part we read
	MaxTotalSize uint64 // declared uncompressed bytes of all entries
	MaxRatio     uint64 // uncompressed/compressed for entries above RatioFloor
	RatioFloor   uint64
}

// DefaultLimits are generous for real documents (a 1000-page draft has a
// document.xml of a few tens of MB) and stop decompression bombs.
var DefaultLimits = Limits{
	MaxEntries:   20000,
	MaxPartSize:  256 << 20,
	MaxTotalSize: 2 << 30,
	MaxRatio:     200,
	RatioFloor:   4 << 20,
}

// Well-known namespaces and relationship types.
const (
	nsContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"
	nsRels         = "http://schemas.openxmlformats.org/package/2006/relationships"
	RelOfficeDoc   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relOfficeDocS  = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
	RelCustomProps = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)

// Relationship is one entry of a .rels part; Target is resolved to a part name
// (no leading slash) unless External.
type Relationship struct {
	ID, Type, Target string
	External         bool
}

// Package is an opened WordprocessingML package. It holds the file open
// until Close.
type Package struct {
	Format   Format
	Main     string      // main document part, e.g. "word/document.xml"
	Files    []*zip.File // entries in their original order
	Comment  string      // zip comment, kept on output
	file     *os.File
	byName   map[string]*zip.File // lower-case name
	limits   Limits
	defaults map[string]string       // extension → content type
	override map[string]string       // lower-case part name → content type
	ver      *verifier               // background verification of every part
	proofs   partMap[*xmltok.Passed] // parts a caller's own pass checked (checked.go)
	inflated partMap[*Inflated]      // parts read with ReadToEdit, for Write to reuse
	ra       io.ReaderAt             // the archive, for data descriptors (descriptorOK)
}

// Open opens path and checks that it is an unencrypted Word package.
func Open(path string) (*Package, error) {
	return OpenWithLimits(path, DefaultLimits)
}

// OpenWithLimits is Open with explicit safety limits.
func OpenWithLimits(name string, lim Limits) (*Package, error) {
	p, err := openFile(name, lim)
	if err != nil {
		return nil, err
	}
	p.startVerify(false)
	return p, nil
}

func openFile(name string, lim Limits) (*Package, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		f.Close()
		if err == nil {
			err = errors.New("is a folder")
		}
		return nil, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	p, err := openReaderAt(f, st.Size(), lim)
	if err != nil {
		f.Close()
		return nil, err
	}
	p.file = f
	return p, nil
}

// OpenToEdit is Open for a caller that will write the package with its main
// part replaced (marking). The background verification then leaves out the
// main part, the largest XML part, because Write checks the replacement
// with xmltok.Check anyway; only if that check fails is the original
// checked, to tell damage in the file from a fault of ours. Verify still
// gives the whole verdict. The verification starts when the caller calls
// StartVerifying, or waits for its verdict (verify.go).
func OpenToEdit(name string) (*Package, error) {
	p, err := openFile(name, DefaultLimits)
	if err != nil {
		return nil, err
	}
	p.startVerify(true)
	return p, nil
}

// Sniff returns the format of the file at path without refusing anything.
func Sniff(name string) (Format, error) {
	p, err := Open(name)
	if err == nil {
		p.Close()
		return p.Format, nil
	}
	f, ferr := os.Open(name)
	if ferr != nil {
		return FormatUnknown, ferr
	}
	defer f.Close()
	st, _ := f.Stat()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	format := sniffHead(head[:n])
	if format == FormatOLEOther {
		format, _ = sniffOLE(f)
	}
	if format == FormatOtherZip && st != nil {
		if z, zerr := zip.NewReader(f, st.Size()); zerr == nil && isODT(z) {
			format = FormatODT
		}
	}
	return format, nil
}

func openReaderAt(r io.ReaderAt, size int64, lim Limits) (*Package, error) {
	head := make([]byte, 512)
	n, _ := r.ReadAt(head, 0)
	format := sniffHead(head[:n])
	switch format {
	case FormatOtherZip:
	case FormatOLEOther:
		f, _ := sniffOLE(io.NewSectionReader(r, 0, size))
		return nil, refuseFormat(f)
	default:
		return nil, refuseFormat(format)
	}
	z, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, damaged("", err)
	}
	if len(z.File) > lim.MaxEntries {
		return nil, tooLarge(fmt.Sprintf("包含 %d 个部件", len(z.File)), fmt.Sprintf("%d entries", len(z.File)))
	}
	p := &Package{Files: z.File, Comment: z.Comment, byName: map[string]*zip.File{}, limits: lim, ra: r}
	var total, compressed uint64
	for _, f := range z.File {
		if why := badPartName(f); why != "" {
			return nil, badPart(f.Name, why)
		}
		key := strings.ToLower(f.Name)
		if _, dup := p.byName[key]; dup {
			return nil, damagedPart(f.Name, errors.New("duplicate part name"), "在压缩包中出现了不止一次（部件名不区分大小写）",
				"appears more than once in the package (part names ignore case)")
		}
		p.byName[key] = f
		total += f.UncompressedSize64
		compressed += f.CompressedSize64
		if f.UncompressedSize64 > lim.RatioFloor && f.CompressedSize64 > 0 &&
			f.UncompressedSize64/f.CompressedSize64 > lim.MaxRatio {
			return nil, tooLarge("部件 "+f.Name+" 压缩比异常", "part "+f.Name+" has an abnormal compression ratio")
		}
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return nil, badMethod(f.Name, f.Method)
		}
		if f.Flags&0x1 != 0 {
			return nil, damagedPart(f.Name, errors.New("encrypted zip entry"), "是加密的压缩项（Word 文档不使用）", "is an encrypted zip entry, which Word documents never use")
		}
	}
	if total > lim.MaxTotalSize {
		return nil, tooLarge("解压后总大小过大", "total uncompressed size too large")
	}
	// Many small entries, each under RatioFloor, can together expand a small
	// file into gigabytes that the verifier would have to inflate.
	if total > 16*lim.RatioFloor && total/max(compressed, 1) > lim.MaxRatio {
		return nil, tooLarge("整体压缩比异常", "abnormal overall compression ratio")
	}
	if isODT(z) {
		return nil, refuseFormat(FormatODT)
	}
	if err := p.readContentTypes(); err != nil {
		return nil, err
	}
	if err := p.findMain(); err != nil {
		return nil, err
	}
	return p, nil
}

// Close stops the background verification and releases the file.
func (p *Package) Close() error {
	if p.ver != nil {
		p.ver.stop.Store(true)
		p.awaitVerifier()
	}
	if p.file == nil {
		return nil
	}
	return p.file.Close()
}

// File returns the zip entry for a part name (case-insensitive, no leading slash).
func (p *Package) File(name string) *zip.File {
	return p.byName[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// Has reports whether the package holds the part.
func (p *Package) Has(name string) bool { return p.File(name) != nil }

// ContentType returns the content type of a part (override, else default by extension).
func (p *Package) ContentType(name string) string {
	name = strings.TrimPrefix(name, "/")
	if ct, ok := p.override[strings.ToLower(name)]; ok {
		return ct
	}
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
	return p.defaults[ext]
}

func (p *Package) readContentTypes() error {
	const part = "[Content_Types].xml"
	if !p.Has(part) {
		if p.Has("word/document.xml") {
			return missing(part)
		}
		return refuseFormat(FormatOtherZip)
	}
	data, err := p.Read(part)
	if err != nil {
		return err
	}
	p.defaults, p.override = map[string]string{}, map[string]string{}
	s := xmltok.New(data)
	for {
		t, err := s.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return damaged(part, err)
		}
		if t.Kind != xmltok.StartTag || t.Space != nsContentTypes {
			continue
		}
		ct, _ := s.AttrValue(&t, "", "ContentType")
		ct = strings.ToLower(strings.TrimSpace(ct))
		switch string(t.Local) {
		case "Default":
			ext, _ := s.AttrValue(&t, "", "Extension")
			p.defaults[strings.ToLower(ext)] = ct
		case "Override":
			pn, _ := s.AttrValue(&t, "", "PartName")
			p.override[strings.ToLower(strings.TrimPrefix(pn, "/"))] = ct
		}
	}
}

func (p *Package) findMain() error {
	const rootRels = "_rels/.rels"
	if !p.Has(rootRels) {
		if p.Has("word/document.xml") {
			return missing(rootRels)
		}
		return refuseFormat(FormatOtherZip)
	}
	rels, err := p.Rels("")
	if err != nil {
		return err
	}
	for _, r := range rels {
		if (r.Type == RelOfficeDoc || r.Type == relOfficeDocS) && !r.External {
			p.Main = r.Target
			break
		}
	}
	if p.Main == "" {
		return refuseFormat(FormatOtherZip)
	}
	ct := p.ContentType(p.Main)
	format, ok := mainPartFormats[ct]
	if !ok {
		if strings.Contains(ct, "spreadsheetml") || strings.Contains(ct, "presentationml") || strings.Contains(ct, "ms-excel") || strings.Contains(ct, "ms-powerpoint") {
			return refuseFormat(FormatOtherOOXML)
		}
		return msg.New(ErrNotWord, fmt.Sprintf("不是 Word 文档：主部件 %s 的类型为 %q", p.Main, ct),
			fmt.Sprintf("not a Word document: main part %s has content type %q", p.Main, ct))
	}
	if !p.Has(p.Main) {
		return missing(p.Main)
	}
	p.Format = format
	return nil
}

// RelsPath returns the relationships part of a source part ("" = package).
func RelsPath(source string) string {
	if source == "" {
		return "_rels/.rels"
	}
	dir, file := path.Split(source)
	return dir + "_rels/" + file + ".rels"
}

// Rels reads the relationships of a source part ("" for the package). A
// missing .rels part is no relationships.
func (p *Package) Rels(source string) ([]Relationship, error) {
	name := RelsPath(source)
	if !p.Has(name) {
		return nil, nil
	}
	data, err := p.Read(name)
	if err != nil {
		return nil, err
	}
	rels, err := ParseRels(data, source)
	if err != nil {
		return nil, damaged(name, err)
	}
	return rels, nil
}

// ParseRels parses a .rels part whose source part is source.
func ParseRels(data []byte, source string) ([]Relationship, error) {
	var rels []Relationship
	s := xmltok.New(data)
	for {
		t, err := s.Next()
		if err == io.EOF {
			return rels, nil
		}
		if err != nil {
			return nil, err
		}
		if t.Kind != xmltok.StartTag || !t.Is(nsRels, "Relationship") {
			continue
		}
		var r Relationship
		r.ID, _ = s.AttrValue(&t, "", "Id")
		r.Type, _ = s.AttrValue(&t, "", "Type")
		r.Target, _ = s.AttrValue(&t, "", "Target")
		mode, _ := s.AttrValue(&t, "", "TargetMode")
		r.External = strings.EqualFold(mode, "External")
		if !r.External {
			r.Target = resolve(source, r.Target)
		}
		rels = append(rels, r)
	}
}

// resolve turns a relationship target into a part name.
func resolve(source, target string) string {
	target = strings.ReplaceAll(target, "\\", "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join(path.Dir(source), target)), "/")
}
