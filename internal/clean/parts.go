package clean

import (
	"bytes"
	"sort"
	"strings"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/xmltok"
)

// Relationship types (transitional; strict ones end the same way).
const (
	relBase   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	relStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
)

// Relationship type suffixes of the comment parts (comments,
// commentsExtended, commentsIds, commentsExtensible) and of people.xml,
// which names the authors of comments and revisions.
func commentRel(typ string) bool {
	i := strings.LastIndex(typ, "/")
	switch typ[i+1:] {
	case "comments", "commentsExtended", "commentsIds", "commentsExtensible":
		return true
	}
	return false
}

func peopleRel(typ string) bool { return strings.HasSuffix(typ, "/people") }

var storyKinds = map[string]bool{"header": true, "footer": true, "footnotes": true, "endnotes": true, "comments": true}

// storyParts returns the main part and every header, footer, footnotes,
// endnotes and comments part it refers to, each once.
func storyParts(d *docx.Document) []string {
	out := []string{d.Pkg.Main}
	seen := map[string]bool{strings.ToLower(d.Pkg.Main): true}
	rels, _ := d.Pkg.Rels(d.Pkg.Main) // docx.Open read them already
	for _, r := range rels {
		kind := strings.TrimPrefix(strings.TrimPrefix(r.Type, relBase), relStrict)
		key := strings.ToLower(r.Target)
		if r.External || !storyKinds[kind] || seen[key] || !d.Pkg.Has(r.Target) {
			continue
		}
		seen[key] = true
		out = append(out, r.Target)
	}
	return out
}

// edits collects the new content of parts and the parts to leave out.
type edits struct {
	pkg     *opc.Package
	replace map[string][]byte
	remove  map[string]bool
	orig    map[string][]byte
}

// read returns a part's current content: edited if it was, else as stored.
func (e *edits) read(part string) ([]byte, error) {
	if b, ok := e.replace[part]; ok {
		return b, nil
	}
	b, err := e.pkg.Read(part)
	if err != nil {
		return nil, err
	}
	if e.orig == nil {
		e.orig = map[string][]byte{}
	}
	e.orig[part] = b
	return b, nil
}

// set records new content; a part that comes out unchanged is dropped from
// the edits so that it is copied raw.
func (e *edits) set(part string, data []byte) {
	if bytes.Equal(e.orig[part], data) {
		delete(e.replace, part)
		return
	}
	e.replace[part] = data
}

func (e *edits) changed() []string {
	var out []string
	for p := range e.replace {
		out = append(out, p)
	}
	sortStrings(out)
	return out
}

func sortStrings(s []string) { sort.Strings(s) }

// removeComments leaves out the comment parts (and people.xml when
// revisions are accepted too, since nothing then refers to it), their
// relationships, their own .rels and their content-type overrides. The
// anchors in the text go with the story edits.
func (e *edits) removeComments(d *docx.Document, opts Options, res *Result) error {
	res.Comments = d.CommentCount
	drop := func(typ string) bool { return commentRel(typ) || (opts.AcceptChanges && peopleRel(typ)) }
	removed, err := e.dropRelationships(d.Pkg.Main, drop)
	if err != nil {
		return err
	}
	if len(removed) == 0 {
		return nil
	}
	for _, p := range removed {
		if e.pkg.Has(p) {
			e.remove[p] = true
		}
		if rels := opc.RelsPath(p); e.pkg.Has(rels) {
			e.remove[rels] = true
		}
	}
	return e.dropOverrides(removed)
}

// dropRelationships removes from source's .rels the relationships whose
// type drop selects and returns their (internal) targets.
func (e *edits) dropRelationships(source string, drop func(typ string) bool) ([]string, error) {
	relsPart := opc.RelsPath(source)
	if !e.pkg.Has(relsPart) {
		return nil, nil
	}
	data, err := e.read(relsPart)
	if err != nil {
		return nil, err
	}
	var targets []string
	var ops []splice
	err = xmltok.EachStart(data, func(s *xmltok.Scanner, t *xmltok.Token) error {
		if string(t.Local) != "Relationship" {
			return nil
		}
		typ, _ := s.AttrValue(t, "", "Type")
		if !drop(typ) {
			return nil
		}
		mode, _ := s.AttrValue(t, "", "TargetMode")
		if !strings.EqualFold(mode, "External") {
			target, _ := s.AttrValue(t, "", "Target")
			if rels, err := opc.ParseRels(relFor(typ, target), source); err == nil && len(rels) == 1 {
				targets = append(targets, rels[0].Target)
			}
		}
		end, err := s.Skip(t) // after the attributes: Skip reuses them
		if err != nil {
			return err
		}
		ops = append(ops, splice{start: t.Start, end: end})
		return nil
	})
	if err != nil {
		return nil, partError(relsPart, err)
	}
	e.set(relsPart, applySplices(data, ops))
	return targets, nil
}

// relFor builds a one-relationship .rels part so that opc resolves the
// target exactly as it does when opening.
func relFor(typ, target string) []byte {
	return []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="x" Type="` + xmltok.Escape(typ) + `" Target="` + xmltok.Escape(target) + `"/></Relationships>`)
}

// dropOverrides removes the content-type overrides of parts.
func (e *edits) dropOverrides(parts []string) error {
	const ct = "[Content_Types].xml"
	gone := map[string]bool{}
	for _, p := range parts {
		gone[strings.ToLower(p)] = true
	}
	data, err := e.read(ct)
	if err != nil {
		return err
	}
	var ops []splice
	err = xmltok.EachStart(data, func(s *xmltok.Scanner, t *xmltok.Token) error {
		if string(t.Local) != "Override" {
			return nil
		}
		name, _ := s.AttrValue(t, "", "PartName")
		if !gone[strings.ToLower(strings.TrimPrefix(name, "/"))] {
			return nil
		}
		end, err := s.Skip(t)
		if err != nil {
			return err
		}
		ops = append(ops, splice{start: t.Start, end: end})
		return nil
	})
	if err != nil {
		return partError(ct, err)
	}
	e.set(ct, applySplices(data, ops))
	return nil
}

// trackingOff removes w:trackRevisions from the settings part.
func (e *edits) trackingOff(res *Result) error {
	const part = "word/settings.xml"
	if !e.pkg.Has(part) {
		return nil
	}
	data, err := e.read(part)
	if err != nil || !bytes.Contains(data, []byte("trackRevisions")) {
		return err
	}
	var ops []splice
	err = xmltok.EachStart(data, func(s *xmltok.Scanner, t *xmltok.Token) error {
		if (t.Space != nsW && t.Space != nsWStrict) || string(t.Local) != "trackRevisions" {
			return nil
		}
		end, err := s.Skip(t)
		if err != nil {
			return err
		}
		ops = append(ops, splice{start: t.Start, end: end})
		res.TrackingOff = true
		return nil
	})
	if err != nil {
		return partError(part, err)
	}
	e.set(part, applySplices(data, ops))
	return nil
}

// Namespaces of the document property parts.
const (
	nsDC       = "http://purl.org/dc/elements/1.1/"
	nsCore     = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
	nsExtended = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
)

// clearMetadata empties the author names in docProps/core.xml and the
// company and manager in docProps/app.xml (the elements stay, empty).
func (e *edits) clearMetadata(res *Result) error {
	fields := []struct{ part, space, local, name string }{
		{"docProps/core.xml", nsDC, "creator", "dc:creator"},
		{"docProps/core.xml", nsCore, "lastModifiedBy", "cp:lastModifiedBy"},
		{"docProps/app.xml", nsExtended, "Company", "Company"},
		{"docProps/app.xml", nsExtended, "Manager", "Manager"},
	}
	for _, part := range []string{"docProps/core.xml", "docProps/app.xml"} {
		if !e.pkg.Has(part) {
			continue
		}
		data, err := e.read(part)
		if err != nil {
			return err
		}
		var ops []splice
		err = xmltok.EachStart(data, func(s *xmltok.Scanner, t *xmltok.Token) error {
			for _, f := range fields {
				if f.part != part || !t.Is(f.space, f.local) || t.SelfClosing {
					continue
				}
				contentStart := t.End
				end, err := s.Skip(t)
				if err != nil {
					return err
				}
				closeTag := bytes.LastIndex(data[:end], []byte("</"))
				if closeTag > contentStart && len(bytes.TrimSpace(data[contentStart:closeTag])) > 0 {
					ops = append(ops, splice{start: contentStart, end: closeTag})
					res.Metadata = append(res.Metadata, f.name)
				}
			}
			return nil
		})
		if err != nil {
			return partError(part, err)
		}
		e.set(part, applySplices(data, ops))
	}
	return nil
}
