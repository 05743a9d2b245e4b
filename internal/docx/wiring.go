package docx

import (
	"fmt"
	"io"
	"strconv"

	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/xmltok"
)

// Trail part: docattr's review trail travels inside the package as a custom
// XML part related from the main document, which Word and WPS keep.
const (
	TrailPart    = "customXml/docattrTrail.xml"
	relCustomXML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
)

// Trail returns the bytes of docattr's trail part: nil and no error when
// the package has none, an opc error (damaged, too large) when the part is
// there but cannot be read — a bad CRC-32 or an unknown compression method
// is not the same as no trail, and callers must not treat it as a draft.
func (d *Document) Trail() ([]byte, error) {
	if !d.Pkg.Has(TrailPart) {
		return nil, nil
	}
	return d.Pkg.Read(TrailPart)
}

// wiring collects additions to the package's content types and
// relationships so that each of those parts is rewritten once.
type wiring struct {
	d         *Document
	overrides []string            // part names needing a content-type override
	rels      map[string][]newRel // source part ("" = package) → relationships
	types     map[string]string   // part name → content type
}

type newRel struct{ typ, target string }

func (w *wiring) add(part, contentType, source, relType, target string) {
	if w.rels == nil {
		w.rels, w.types = map[string][]newRel{}, map[string]string{}
	}
	w.overrides = append(w.overrides, part)
	w.types[part] = contentType
	w.rels[source] = append(w.rels[source], newRel{relType, target})
}

// apply writes the changed wiring parts into e.
func (w *wiring) apply(e *opc.Edits) error {
	if len(w.overrides) == 0 {
		return nil
	}
	const ctPart = "[Content_Types].xml"
	ct, err := w.d.Pkg.Read(ctPart)
	if err != nil {
		return err
	}
	end, prefix, err := rootEnd(ct)
	if err != nil {
		return damagedXML(ctPart, err)
	}
	var add []byte
	for _, part := range w.overrides {
		if w.d.Pkg.ContentType(part) == w.types[part] && w.d.Pkg.Has(part) {
			continue
		}
		add = fmt.Appendf(add, `<%sOverride PartName="/%s" ContentType="%s"/>`, prefix, part, w.types[part])
	}
	e.Replace[ctPart] = applySplices(ct, []splice{{start: end, end: end, insert: add}})
	for source, rels := range w.rels {
		name := opc.RelsPath(source)
		data, err := w.relsData(name)
		if err != nil {
			return err
		}
		existing, err := opc.ParseRels(data, source)
		if err != nil {
			return damagedXML(name, err)
		}
		ids := map[string]bool{}
		for _, r := range existing {
			ids[r.ID] = true
		}
		end, prefix, err := rootEnd(data)
		if err != nil {
			return damagedXML(name, err)
		}
		var ins []byte
		n := 1
		for _, r := range rels {
			id := "rIdDocattr" + strconv.Itoa(n)
			for ; ids[id]; n++ {
				id = "rIdDocattr" + strconv.Itoa(n)
			}
			ids[id] = true
			ins = fmt.Appendf(ins, `<%sRelationship Id="%s" Type="%s" Target="%s"/>`, prefix, id, r.typ, xmltok.Escape(r.target))
		}
		data = applySplices(data, []splice{{start: end, end: end, insert: ins}})
		if w.d.Pkg.Has(name) {
			e.Replace[name] = data
		} else {
			e.Add = append(e.Add, opc.NewPart{Name: name, Data: data})
		}
	}
	return nil
}

const emptyRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`

func (w *wiring) relsData(name string) ([]byte, error) {
	if !w.d.Pkg.Has(name) {
		return []byte(emptyRels), nil
	}
	return w.d.Pkg.Read(name)
}

// writePackage writes the new main part, the record and the trail; every
// other part is copied raw by opc.
func (d *Document) writePackage(out io.Writer, main opc.Edited, opts StampOptions) error {
	e := opc.Edits{Replace: map[string][]byte{}, Edited: map[string]opc.Edited{d.Pkg.Main: main}, Modified: opts.Modified}
	var wire wiring
	wire.d = d
	customPart, custom, err := d.customPropsFor(opts.Record)
	if err != nil {
		return err
	}
	if d.Props.Part != "" {
		e.Replace[customPart] = custom
	} else {
		e.Add = append(e.Add, opc.NewPart{Name: customPart, Data: custom})
		wire.add(customPart, CustomPropsType, "", opc.RelCustomProps, customPart)
	}
	if opts.Trail != nil {
		if d.Pkg.Has(TrailPart) {
			e.Replace[TrailPart] = opts.Trail
		} else {
			e.Add = append(e.Add, opc.NewPart{Name: TrailPart, Data: opts.Trail})
			wire.add(TrailPart, "application/xml", d.Pkg.Main, relCustomXML, "/"+TrailPart) // absolute: valid from any source
		}
	}
	if opts.Interpretation != nil {
		if d.Pkg.Has(InterpretationPart) {
			e.Replace[InterpretationPart] = opts.Interpretation
		} else {
			e.Add = append(e.Add, opc.NewPart{Name: InterpretationPart, Data: opts.Interpretation})
			wire.add(InterpretationPart, "application/octet-stream", "", relInterpretation, InterpretationPart)
		}
	}
	if err := wire.apply(&e); err != nil {
		return err
	}
	return d.Pkg.Write(out, e)
}

// rootEnd returns the offset of the root element's end tag and the prefix
// (with colon) its children should use.
func rootEnd(data []byte) (int, string, error) {
	s := xmltok.New(data)
	prefix := ""
	for {
		t, err := s.Next()
		if err == io.EOF {
			return 0, "", fmt.Errorf("no root end tag")
		}
		if err != nil {
			return 0, "", err
		}
		if t.Kind == xmltok.StartTag && s.Depth() == 1 {
			if len(t.Prefix) > 0 {
				prefix = string(t.Prefix) + ":"
			}
			if t.SelfClosing {
				return 0, "", fmt.Errorf("self-closing root element")
			}
		}
		if t.Kind == xmltok.EndTag && s.Depth() == 0 {
			return t.Start, prefix, nil
		}
	}
}
