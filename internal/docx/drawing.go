package docx

import (
	"io"
	"strings"

	"github.com/docattr/docattr/internal/xmltok"
)

// Word also draws text kept in parts of their own: SmartArt diagrams (the
// diagramData part; its cached drawing repeats the same text) and charts
// (titles, axis and data labels in DrawingML text, category and series
// names in the string caches). Each paragraph of DrawingML text and each
// cached string is one paragraph of the story Drawing.

// drawingRels are the relationship types, from the main document, of parts
// whose text is drawn.
var drawingRels = map[string]bool{"diagramData": true, "chart": true}

// DrawingML and chart namespaces, transitional and strict.
const (
	nsA       = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsAStrict = "http://purl.oclc.org/ooxml/drawingml/main"
	nsC       = "http://schemas.openxmlformats.org/drawingml/2006/chart"
	nsCStrict = "http://purl.oclc.org/ooxml/drawingml/chart"
)

// parseDrawing returns the drawn text of a diagram data or chart part.
func parseDrawing(data []byte, part string) ([]Paragraph, error) {
	return readDrawing(data, part, false)
}

// readDrawing is parseDrawing; with sourced set each paragraph records
// where its text came from, and repeats are kept (each is in the bytes).
func readDrawing(data []byte, part string, sourced bool) ([]Paragraph, error) {
	var (
		out      []Paragraph
		text     strings.Builder
		src      *paraSources
		inPara   bool
		inText   bool // a:t, or c:v of a string cache
		strCache int  // open c:strCache
	)
	if sourced {
		src = &paraSources{}
	}
	seen := map[string]bool{} // each series of a chart repeats the categories
	write := func(s string, from Source) {
		src.add(srcText, text.Len(), s, from)
		text.WriteString(s)
	}
	flush := func() {
		if s := text.String(); strings.TrimSpace(s) != "" && (sourced || !seen[s]) {
			seen[s] = true
			out = append(out, Paragraph{Part: part, Where: Drawing, Index: len(out), Text: s, src: src})
		}
		text.Reset()
		if sourced {
			src = &paraSources{}
		}
	}
	s := xmltok.New(data)
	for {
		t, err := s.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch t.Kind {
		case xmltok.Text, xmltok.CData:
			if inText {
				if t.Kind == xmltok.CData {
					write(string(t.Raw), cdataSource(&t))
				} else {
					write(xmltok.Unescape(t.Raw), textSource(&t))
				}
			}
			continue
		case xmltok.Other:
			continue
		}
		start := t.Kind == xmltok.StartTag
		local := string(t.Local)
		switch {
		case t.Space == nsA || t.Space == nsAStrict:
			switch local {
			case "p":
				if start && !t.SelfClosing {
					inPara = true
				} else if !start {
					inPara = false
					flush()
				}
			case "t":
				inText = start && !t.SelfClosing && inPara
			case "br":
				if start && inPara {
					write("\n", Source{Start: -1, End: -1})
				}
			}
		case t.Space == nsC || t.Space == nsCStrict:
			switch local {
			case "strCache":
				if start && !t.SelfClosing {
					strCache++
				} else if !start {
					strCache--
				}
			case "v":
				if start && !t.SelfClosing && strCache > 0 {
					inText = true
				} else if !start && inText {
					inText = false
					flush()
				}
			}
		}
	}
}
