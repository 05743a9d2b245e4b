package docx

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/xmltok"
)

// ContentDomain names the definition of ContentDigest and prefixes what it
// hashes; a changed definition must get a new name (decision record 009).
const ContentDomain = "docattr-content-v1"

const (
	contentTypesPart = "[content_types].xml"
	nsContentTypes   = "http://schemas.openxmlformats.org/package/2006/content-types"
	nsPackageRels    = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// ContentDigest returns the hex SHA-256 that binds a review step to this
// document: every part of the package, decompressed, in the order of its
// lower-cased name, except
//
//   - the trail part (TrailPart), which holds the signatures themselves;
//   - docattr's own custom properties (names starting with RecordPrefix),
//     whose <property> elements are cut out of the custom properties part
//     (the rest of that part, other people's properties included, counts);
//   - the <Override> in [Content_Types].xml and the <Relationship> in any
//     .rels part that point at the trail part, which docattr adds with it;
//     a .rels part left with no relationship at all is left out (docattr
//     creates word/_rels/document.xml.rels when a draft has none).
//
// The hashed stream is ContentDomain 0x00, the part count, and for each
// part its name's length and bytes and the SHA-256 of its (edited) content,
// lengths as 8-byte big-endian integers. Zip metadata (order, times,
// compression, comment) does not count. A part that cannot be read (bad
// CRC-32, unknown method, over the limits) is an error: a digest of
// something unreadable proves nothing.
func (d *Document) ContentDigest() (string, error) {
	type part struct {
		key string // lower-case name: OPC part names are case-insensitive
		f   string // the zip entry name
	}
	var parts []part
	for _, f := range d.Pkg.Files {
		if d.emptyRels(f.Name) {
			continue
		}
		if strings.HasSuffix(f.Name, "/") && f.UncompressedSize64 == 0 {
			continue // a folder entry, not a part
		}
		key := strings.ToLower(f.Name)
		if key == strings.ToLower(TrailPart) {
			continue
		}
		parts = append(parts, part{key, f.Name})
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i].key < parts[j].key })
	h := sha256.New()
	h.Write([]byte(ContentDomain + "\x00"))
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(parts)))
	h.Write(n[:])
	for _, p := range parts {
		sum, err := d.partDigest(p.key, p.f)
		if err != nil {
			return "", err
		}
		binary.BigEndian.PutUint64(n[:], uint64(len(p.key)))
		h.Write(n[:])
		h.Write([]byte(p.key))
		h.Write(sum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// partDigest returns the SHA-256 of one part's content as ContentDigest
// counts it.
func (d *Document) partDigest(key, name string) ([]byte, error) {
	var data []byte
	var err error
	switch {
	case d.Props != nil && d.Props.Part != "" && key == strings.ToLower(d.Props.Part):
		data = withoutRecord(d.Props)
	case key == contentTypesPart:
		if data, err = d.Pkg.Read(name); err == nil {
			data, err = withoutTrailWiring(data, "", nsContentTypes, "Override", "PartName")
		}
	case strings.HasSuffix(key, ".rels"):
		if data, err = d.Pkg.Read(name); err == nil {
			data, err = withoutTrailWiring(data, relsBase(key), nsPackageRels, "Relationship", "Target")
		}
	default:
		return d.streamDigest(name)
	}
	if err != nil {
		return nil, damagedXML(name, err)
	}
	s := sha256.Sum256(data)
	return s[:], nil
}

// streamDigest hashes a part without holding it in memory; archive/zip
// checks the CRC-32 and the declared size as the stream ends.
func (d *Document) streamDigest(name string) ([]byte, error) {
	f := d.Pkg.File(name)
	rc, err := f.Open()
	if err != nil {
		return nil, contentUnreadable(name, err)
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, rc); err != nil {
		return nil, contentUnreadable(name, err)
	}
	return h.Sum(nil), nil
}

func contentUnreadable(name string, err error) error {
	return msg.Newf(opc.ErrDamaged, err, fmt.Sprintf("文档已损坏：部件 %s 无法读取（校验失败或压缩方式不支持）", name),
		fmt.Sprintf("the document is damaged: part %s cannot be read (checksum or compression method)", name))
}

// withoutRecord returns the custom properties part with docattr's own
// <property> elements cut out.
func withoutRecord(c *CustomProps) []byte {
	var ops []splice
	for _, p := range c.List {
		if strings.HasPrefix(p.Name, RecordPrefix) {
			ops = append(ops, splice{start: p.start, end: p.end})
		}
	}
	return applySplices(c.Raw, ops)
}

// emptyRels reports whether name is a .rels part that holds no relationship
// other than to the trail part. It is false for a part that cannot be
// read, which partDigest then reports.
func (d *Document) emptyRels(name string) bool {
	key := strings.ToLower(name)
	if !strings.HasSuffix(key, ".rels") {
		return false
	}
	data, err := d.Pkg.Read(name)
	if err != nil {
		return false
	}
	data, err = withoutTrailWiring(data, relsBase(key), nsPackageRels, "Relationship", "Target")
	if err != nil {
		return false
	}
	n := 0
	err = xmltok.EachStart(data, func(s *xmltok.Scanner, t *xmltok.Token) error {
		if s.Depth() == 2 && t.Is(nsPackageRels, "Relationship") {
			n++
		}
		return nil
	})
	return err == nil && n == 0
}

// relsBase returns the folder relative targets of a .rels part resolve
// against: "word/_rels/document.xml.rels" → "word", "_rels/.rels" → "".
func relsBase(relsName string) string {
	dir := path.Dir(path.Dir(relsName))
	if dir == "." {
		return ""
	}
	return dir
}

// withoutTrailWiring cuts out of data the child elements of the root named
// local in namespace space whose attribute attr names the trail part
// (resolved against base; TargetMode="External" never names a part).
func withoutTrailWiring(data []byte, base, space, local, attr string) ([]byte, error) {
	trail := strings.ToLower(TrailPart)
	s := xmltok.New(data)
	var ops []splice
	for {
		t, err := s.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if t.Kind != xmltok.StartTag || s.Depth() != 2 || !t.Is(space, local) {
			continue
		}
		v, _ := s.AttrValue(&t, "", attr)
		mode, _ := s.AttrValue(&t, "", "TargetMode")
		start := t.Start
		end, err := s.Skip(&t)
		if err != nil {
			return nil, err
		}
		if !strings.EqualFold(mode, "External") && resolvePart(base, v) == trail {
			ops = append(ops, splice{start: start, end: end})
		}
	}
	return applySplices(data, ops), nil
}

// resolvePart resolves a part reference against base, lower-cased.
func resolvePart(base, ref string) string {
	if strings.HasPrefix(ref, "/") {
		return strings.ToLower(strings.TrimPrefix(path.Clean(ref), "/"))
	}
	return strings.ToLower(strings.TrimPrefix(path.Clean(path.Join("/", base, ref)), "/"))
}
