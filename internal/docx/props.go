package docx

import (
	"io"
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/xmltok"
)

// Custom properties part and its wiring.
const (
	CustomPropsPart  = "docProps/custom.xml"
	CustomPropsType  = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
	nsCustomProps    = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
	nsVT             = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
	userDefinedFMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
	nsCore           = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
	nsDC             = "http://purl.org/dc/elements/1.1/"
)

// Property is one custom document property.
type Property struct {
	Name, Value string
	PID         int
	start, end  int // byte range of <property> in the part
}

// CustomProps is the custom properties part: its raw bytes and properties.
type CustomProps struct {
	Part    string // part name, "" when the package has none
	Raw     []byte
	List    []Property
	rootEnd int // offset of the root end tag, where new properties go
	// selfClose is the offset of "/>" when the root element is empty and
	// self-closing; rootName is its qualified name.
	selfClose  int
	rootName   string
	rootPrefix string // "p:" or "" for property elements
	vtPrefix   string // "vt:" or a local declaration for values
}

// Get returns the value of a property by name.
func (c *CustomProps) Get(name string) (string, bool) {
	for _, p := range c.List {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

func readCustomProps(pkg *opc.Package) (*CustomProps, error) {
	c := &CustomProps{}
	rels, err := pkg.Rels("")
	if err != nil {
		return nil, err
	}
	for _, r := range rels {
		if r.Type == opc.RelCustomProps && !r.External && pkg.Has(r.Target) {
			c.Part = r.Target
		}
	}
	if c.Part == "" {
		return c, nil
	}
	if c.Raw, err = pkg.Read(c.Part); err != nil {
		return nil, err
	}
	if err := c.parse(); err != nil {
		return nil, damagedXML(c.Part, err)
	}
	return c, nil
}

func (c *CustomProps) parse() error {
	s := xmltok.New(c.Raw)
	var cur *Property
	inValue := false
	var val strings.Builder
	for {
		t, err := s.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch {
		case t.Kind == xmltok.StartTag && s.Depth() == 1:
			if len(t.Prefix) > 0 {
				c.rootPrefix = string(t.Prefix) + ":"
				c.rootName = c.rootPrefix + string(t.Local)
			} else {
				c.rootName = string(t.Local)
			}
			c.vtPrefix = "vt:"
			if p, ok := s.PrefixFor(nsVT); ok && p != "" {
				c.vtPrefix = p + ":"
			} else if s.Lookup([]byte("vt")) != "" {
				c.vtPrefix = "docattrvt:" // vt is bound to something else here
			}
			if t.SelfClosing {
				c.selfClose = t.End - 2
			}
		case t.Kind == xmltok.StartTag && t.Is(nsCustomProps, "property") && s.Depth() == 2:
			cur = &Property{start: t.Start}
			cur.Name, _ = s.AttrValue(&t, "", "name")
			pid, _ := s.AttrValue(&t, "", "pid")
			cur.PID, _ = strconv.Atoi(pid)
			val.Reset()
			if t.SelfClosing {
				cur.end = t.End
				c.List = append(c.List, *cur)
				cur = nil
			}
		case t.Kind == xmltok.StartTag && cur != nil && s.Depth() == 3:
			inValue = !t.SelfClosing
		case t.Kind == xmltok.Text && inValue:
			val.WriteString(xmltok.Unescape(t.Raw))
		case t.Kind == xmltok.CData && inValue:
			val.Write(t.Raw)
		case t.Kind == xmltok.EndTag && cur != nil && s.Depth() == 2:
			inValue = false
		case t.Kind == xmltok.EndTag && cur != nil && s.Depth() == 1:
			cur.end = t.End
			cur.Value = val.String()
			c.List = append(c.List, *cur)
			cur = nil
		case t.Kind == xmltok.EndTag && s.Depth() == 0:
			c.rootEnd = t.Start
		}
	}
}

// CoreProps are the author names in docProps/core.xml.
type CoreProps struct {
	Creator, LastModifiedBy string
}

func readCoreProps(pkg *opc.Package) CoreProps {
	var cp CoreProps
	const part = "docProps/core.xml"
	if !pkg.Has(part) {
		return cp
	}
	data, err := pkg.Read(part)
	if err != nil {
		return cp
	}
	s := xmltok.New(data)
	var field *string
	for {
		t, err := s.Next()
		if err != nil {
			return cp // a damaged core part only costs us the author names
		}
		switch t.Kind {
		case xmltok.StartTag:
			field = nil
			if t.Is(nsDC, "creator") {
				field = &cp.Creator
			} else if t.Is(nsCore, "lastModifiedBy") {
				field = &cp.LastModifiedBy
			}
		case xmltok.Text:
			if field != nil {
				*field += xmltok.Unescape(t.Raw)
			}
		case xmltok.EndTag:
			field = nil
		}
	}
}
