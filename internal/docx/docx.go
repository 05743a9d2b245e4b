// Package docx reads the text of a WordprocessingML package and stamps
// disclosure and secrecy marks into it.
//
// Reading gives every paragraph in order with where it stands (body, table
// cell, header, footer, footnote, endnote, comment, text box), reading every
// branch of markup-compatibility alternate content (alt.go), the content of
// altChunks (chunk.go) and the text of SmartArt and charts (drawing.go),
// since some reader shows each of them, and from those
// the parts of a 公文 that matter here: the title, the 成文日期 paragraph, an
// existing secrecy line, an existing disclosure note and docattr's own record
// in the custom document properties.
//
// Stamping is surgical: word/document.xml is edited by splicing bytes at
// paragraph boundaries found by the token scanner (nothing else in it is
// re-encoded), docProps/custom.xml, [Content_Types].xml and _rels/.rels are
// spliced the same way when they must change, and every other part is copied
// raw, byte-identical and not recompressed.
package docx

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/xmltok"
)

// Relationship types of the story parts we read.
const (
	relBase       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	relBaseStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
)

var storyRels = map[string]Where{
	"header": Header, "footer": Footer, "footnotes": Footnote, "endnotes": Endnote, "comments": Comment,
}

// Document is an opened Word package with its text read. It keeps the
// package open (stamping copies parts from it) until Close.
type Document struct {
	Pkg        *opc.Package
	Path       string
	Paragraphs []Paragraph // document part first, then the other stories
	Props      *CustomProps
	Core       CoreProps
	// Embedded lists embedded objects and OLE packages (word/embeddings/...).
	Embedded []string
	// Tracked is set when the document holds tracked changes.
	Tracked bool
	// CommentCount is the number of comments in the comments part.
	CommentCount int
	// Chunks are the altChunk targets of the main document and its stories
	// (chunk.go); their text is part of what readers see.
	Chunks []Chunk

	main     []byte   // the main document part, as read
	mainText partText // its parse, with offsets into main
	blocks   []block  // its body's children, for the page estimate
	geom     pageGeom // the last section's page
	// textParts are the parts read above, for TextParts.
	textParts []TextPart

	bodyOnce sync.Once
	body     []Paragraph // Body's, made once

	analyzeOnce sync.Once
	analysis    Analysis

	stylesOnce sync.Once
	stylesAt   string                       // the styles part's name ("" for none), found once by read
	sheet      *sheet                       // the styles part's, read by styles()
	prepared   atomic.Pointer[chan *layout] // PrepareLayout's estimate, until taken

	depth      int          // 0 for the document opened, 1 for one embedded in it, …
	budget     *chunkBudget // shared with the documents embedded in this one
	chunkParas []Paragraph  // paragraphs of text chunks, appended last
	chunkSeen  map[string]bool
}

// Open reads the package at path. Errors are *msg.Error values that wrap an
// opc sentinel (legacy, encrypted, damaged, ...). A package with any
// damaged part (bad CRC, malformed XML, a refused encoding) is refused with
// the part named: opc verified every part on the other core while the text
// was read, so inspect reports what mark would refuse.
func Open(path string) (*Document, error) {
	d, err := open(path, opc.Open)
	if err != nil {
		return nil, err
	}
	if err := d.Pkg.Verify(); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// OpenToWrite is Open for a flow that writes the document out (mark,
// clean): it returns as soon as the text is read, while opc's verification
// of every part goes on on the other core during analysis and stamping.
// Nothing damaged can come out of it: opc's Write waits for the
// verification and refuses to finish an output from a damaged package.
func OpenToWrite(path string) (*Document, error) {
	return open(path, opc.OpenToEdit)
}

func open(path string, openFile func(string) (*opc.Package, error)) (*Document, error) {
	return openPkg(path, func() (*opc.Package, error) { return openFile(path) })
}

// openPkg reads the text of the package opened by openPackage; path names
// it in messages.
func openPkg(path string, openPackage func() (*opc.Package, error)) (*Document, error) {
	pkg, err := openPackage()
	if err != nil {
		return nil, err
	}
	d := &Document{Pkg: pkg, Path: path}
	if err := d.read(); err != nil {
		pkg.Close()
		return nil, err
	}
	return d, nil
}

// Close releases the package file.
func (d *Document) Close() error { return d.Pkg.Close() }

func (d *Document) read() error {
	if d.budget == nil {
		d.budget = &chunkBudget{}
	}
	// readMain checks the main part as it reads it, and the sheet's reader
	// the styles part (on the other core meanwhile): the verification in
	// the background need not scan them again.
	d.Pkg.Claim(d.Pkg.Main)
	d.stylesAt = d.stylesName()
	d.Pkg.Claim(d.stylesAt)
	go d.styles()
	main, err := d.Pkg.ReadToEdit(d.Pkg.Main)
	if err != nil {
		return err
	}
	d.main = main
	err = d.readMain()
	// The main part is read and the styles part under way: the package's
	// verification (held, for a package opened to edit) may have a core.
	d.Pkg.StartVerifying()
	if err != nil {
		return damagedXML(d.Pkg.Main, err)
	}
	if d.mainText.wSpace != NSW && d.mainText.wSpace != nsWStrict {
		return msg.New(opc.ErrDamaged, fmt.Sprintf("文档已损坏：%s 不是 Word 正文", d.Pkg.Main),
			fmt.Sprintf("the document is damaged: %s is not a WordprocessingML document", d.Pkg.Main))
	}
	if d.mainText.bodyStart == 0 { // every Word and WPS document has one, empty or not
		return msg.New(opc.ErrDamaged, fmt.Sprintf("文档已损坏：%s 没有正文部分（w:body）", d.Pkg.Main),
			fmt.Sprintf("the document is damaged: %s has no body (w:body)", d.Pkg.Main))
	}
	// The main part's paragraphs are most of a draft's (tens of thousands
	// in a long one): Paragraphs starts as that very slice, not a copy, and
	// the other parts' are appended into its spare room. mainText.paras
	// keeps its length, so what it holds is not touched.
	d.Paragraphs = d.mainText.paras
	d.textParts = append(d.textParts, TextPart{Part: d.Pkg.Main, Where: Body})
	d.Tracked = d.mainText.tracked
	rels, err := d.Pkg.Rels(d.Pkg.Main)
	if err != nil {
		return err
	}
	d.readChunks(d.Pkg.Main, d.mainText.chunks, rels)
	for _, r := range rels {
		kind := strings.TrimPrefix(strings.TrimPrefix(r.Type, relBase), relBaseStrict)
		if r.External {
			continue
		}
		if kind == "oleObject" || kind == "package" {
			d.Embedded = append(d.Embedded, r.Target)
			continue
		}
		if drawingRels[kind] && d.Pkg.Has(r.Target) {
			data, err := d.Pkg.Read(r.Target)
			if err != nil {
				return err
			}
			paras, err := parseDrawing(data, r.Target)
			if err != nil {
				return damagedXML(r.Target, err)
			}
			d.Paragraphs = append(d.Paragraphs, paras...)
			d.textParts = append(d.textParts, TextPart{Part: r.Target, Where: Drawing})
			continue
		}
		where, ok := storyRels[kind]
		if !ok || !d.Pkg.Has(r.Target) {
			continue
		}
		data, err := d.Pkg.Read(r.Target)
		if err != nil {
			return err
		}
		pt, err := parseStory(data, r.Target, where)
		if err != nil {
			return damagedXML(r.Target, err)
		}
		if where == Comment {
			d.CommentCount = countElements(data, "comment")
		}
		d.Tracked = d.Tracked || pt.tracked
		d.Paragraphs = append(d.Paragraphs, pt.paras...)
		d.textParts = append(d.textParts, TextPart{Part: r.Target, Where: where})
		if len(pt.chunks) > 0 {
			// Unreadable relationships leave the chunks unreadable (a
			// block finding), not the whole document.
			srels, _ := d.Pkg.Rels(r.Target)
			d.readChunks(r.Target, pt.chunks, srels)
		}
	}
	d.Paragraphs = append(d.Paragraphs, d.chunkParas...)
	if d.Props, err = readCustomProps(d.Pkg); err != nil {
		return err
	}
	d.Core = readCoreProps(d.Pkg)
	return nil
}

// checkpointEvery spaces the points a check of the marked copy may resume
// from: at most one per this many bytes of the main part.
const checkpointEvery = 64 << 10

// readMain walks the main part once, for three readers: it is checked as
// xmltok.Check would (the proof goes to the package, so Write checks the
// marked copy only from its first edit on), read for its text, and read
// for the page estimate's blocks. A part this large is most of a draft's
// cost; walking it three times was most of marking's.
func (d *Document) readMain() error {
	r, err := readMainPart(d.main, d.Pkg.Main)
	if err != nil {
		return err
	}
	d.mainText, d.blocks, d.geom = r.text, r.blocks, r.geom
	d.Pkg.Checked(d.Pkg.Main, r.proof)
	return nil
}

// mainRead is what readMain learns from the main part.
type mainRead struct {
	text   partText
	blocks []block
	geom   pageGeom
	proof  *xmltok.Passed
}

// readMainPart reads data, the main part named part: on two cores when it
// is large (split.go), else in one pass.
func readMainPart(data []byte, part string) (mainRead, error) {
	if len(data) >= splitMin && len(data) <= splitMax && runtime.GOMAXPROCS(0) > 1 {
		if at := splitCandidate(data, len(data)/2); at > 0 {
			if r, done, err := readMainSplit(data, part, at); done {
				return r, err
			}
		}
	}
	return readMainOnce(data, part)
}

// readMainOnce is readMainPart in one pass on one core.
func readMainOnce(data []byte, part string) (mainRead, error) {
	s, err := xmltok.NewChecked(data, checkpointEvery)
	if err != nil {
		return mainRead{}, err
	}
	story, blocks := newStoryReader(data, part, Body, false), newBlockReader(len(data))
	story.out.paras = make([]Paragraph, 0, countHint(len(data)))
	if err := drive(s, story.step, blocks.step); err != nil {
		return mainRead{}, err
	}
	return finish(s, story, blocks), nil
}

// finish collects the readers' results once s reached the end.
func finish(s *xmltok.Scanner, story storyReader, blocks blockReader) mainRead {
	r := mainRead{text: *story.out, proof: s.Passed()}
	r.blocks, r.geom = blocks.result()
	return r
}

// Main returns the bytes of the main document part as read.
func (d *Document) Main() []byte { return d.main }

func damagedXML(part string, err error) error {
	zh, en := fmt.Sprintf("文档已损坏：部件 %s 的 XML 不完整或有误", part),
		fmt.Sprintf("the document is damaged: part %s is not well-formed XML", part)
	var se interface{ Unwrap() error }
	if errors.As(err, &se) && strings.Contains(err.Error(), "document type") {
		zh, en = fmt.Sprintf("部件 %s 含有 DTD 声明，已拒绝（Word 文档不应包含）", part),
			fmt.Sprintf("part %s contains a DTD declaration, refused", part)
	}
	return msg.Newf(opc.ErrDamaged, err, zh, en)
}

// countElements counts start tags named local in the WordprocessingML namespace.
func countElements(data []byte, local string) int {
	n := 0
	_ = xmltok.EachStart(data, func(_ *xmltok.Scanner, t *xmltok.Token) error {
		if (t.Space == NSW || t.Space == nsWStrict) && string(t.Local) == local {
			n++
		}
		return nil
	})
	return n
}

// Body returns the paragraphs of the main story that are block-level in the
// body (not in tables or text boxes), in order. The slice is made once and
// shared by every caller (analysis points into it): it must not be modified.
func (d *Document) Body() []Paragraph {
	d.bodyOnce.Do(func() {
		n := 0
		for i := range d.mainText.paras {
			if d.mainText.paras[i].TopLevel {
				n++
			}
		}
		if n == len(d.mainText.paras) {
			// Every paragraph is in the body (no table or text box): the
			// main part's slice itself, its spare room (the other parts'
			// paragraphs, see read) out of reach. A copy would touch as
			// much fresh memory as the paragraphs take, 1 MB for 4,000.
			d.body = d.mainText.paras[:n:n]
			return
		}
		d.body = make([]Paragraph, 0, n)
		for i := range d.mainText.paras {
			if p := &d.mainText.paras[i]; p.TopLevel {
				d.body = append(d.body, *p)
			}
		}
	})
	return d.body
}

// MainParagraphs returns every paragraph of the main document part.
func (d *Document) MainParagraphs() []Paragraph { return d.mainText.paras }
