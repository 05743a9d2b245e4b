package docx

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/docattr/docattr/internal/chunktext"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/opc"
)

// An altChunk (w:altChunk r:id="…") asks the reader to import another part
// where it stands: a Word document, HTML, MHT, RTF or text. Word imports it
// when it opens the file and LibreOffice shows it too, so what it holds is
// part of what readers see. Each chunk is read once per target part:
//   - a Word document is opened like the main one (same zip-bomb limits) and
//     kept as Chunk.Doc, to be checked like the main document;
//   - other formats become paragraphs of the story Embedded (one per line,
//     Part naming the chunk part), appended after all other paragraphs;
//   - anything that cannot be read, or lies beyond the limits below, is kept
//     with Chunk.Err: content nobody checked.

// Limits on embedded content, for the main document and everything in it
// together.
const (
	maxChunkDepth = 3         // a chunk in a chunk in a chunk, no deeper
	maxChunks     = 64        // chunk parts read
	maxChunkBytes = 256 << 20 // uncompressed bytes of chunk parts read
)

// ErrChunkUnreadable is the kind of Chunk.Err.
var ErrChunkUnreadable = errors.New("embedded content cannot be checked")

// Chunk is the content of one altChunk target.
type Chunk struct {
	Part   string           // target part, e.g. "word/afchunk.docx" ("source#rId" when the relationship is missing)
	Source string           // the story part that holds the w:altChunk
	Format chunktext.Format // what the part is ("" when unknown)
	Doc    *Document        // the embedded Word document (Format docx)
	Err    *msg.Error       // why the content could not be read; nil when read
}

// chunkBudget is shared by a document and every document embedded in it.
type chunkBudget struct {
	count int
	bytes uint64
}

// readChunks reads the altChunk targets named by ids (relationship ids of
// source, whose relationships are rels). A target read before, or the main
// part itself, is not read again.
func (d *Document) readChunks(source string, ids []string, rels []opc.Relationship) {
	if len(ids) == 0 {
		return
	}
	byID := make(map[string]*opc.Relationship, len(rels))
	for i := range rels {
		byID[rels[i].ID] = &rels[i]
	}
	if d.chunkSeen == nil {
		d.chunkSeen = map[string]bool{strings.ToLower(d.Pkg.Main): true}
	}
	for _, id := range ids {
		c := Chunk{Source: source, Part: source + "#" + id}
		rel := byID[id]
		if rel != nil {
			c.Part = rel.Target
		}
		key := strings.ToLower(c.Part)
		if d.chunkSeen[key] {
			continue
		}
		d.chunkSeen[key] = true
		switch {
		case rel == nil:
			c.Err = chunkError(c.Part, "找不到其关系（"+id+"）", "its relationship "+id+" is missing", nil)
		case rel.External:
			c.Err = chunkError(c.Part, "指向文档外部", "it points outside the document", nil)
		default:
			d.readChunk(&c)
		}
		d.Chunks = append(d.Chunks, c)
	}
}

// readChunk reads one internal chunk part into c.
func (d *Document) readChunk(c *Chunk) {
	f := d.Pkg.File(c.Part)
	b := d.budget
	switch {
	case f == nil:
		c.Err = chunkError(c.Part, "部件不存在", "the part is missing", nil)
		return
	case d.depth >= maxChunkDepth:
		c.Err = chunkError(c.Part, "嵌套层数过多", "nested too deep", nil)
		return
	case b.count >= maxChunks || b.bytes+f.UncompressedSize64 > maxChunkBytes:
		c.Err = chunkError(c.Part, "嵌入内容过多，超出安全限制", "too much embedded content", nil)
		return
	}
	b.count++
	data, err := d.Pkg.Read(c.Part)
	b.bytes += uint64(len(data))
	if err != nil {
		c.Err = chunkError(c.Part, "部件无法读取", "the part cannot be read", err)
		return
	}
	ct := d.Pkg.ContentType(c.Part)
	c.Format = chunktext.Sniff(ct, data)
	switch c.Format {
	case chunktext.Docx:
		c.Doc, err = d.openEmbedded(c.Part, data)
		if err != nil {
			c.Err = chunkError(c.Part, "嵌入的 Word 文档无法打开", "the embedded Word document cannot be opened", err)
		}
		return
	case chunktext.Unknown:
		zh, en := "格式无法识别", "unknown format"
		if ct != "" {
			zh, en = fmt.Sprintf("格式无法识别（%s）", ct), fmt.Sprintf("unknown format (%s)", ct)
		}
		c.Err = chunkError(c.Part, zh, en, nil)
		return
	}
	text, err := chunktext.Extract(c.Format, ct, data)
	if err != nil {
		c.Err = chunkError(c.Part, "内容无法解读", "the content cannot be decoded", err)
		return
	}
	for i, line := range strings.Split(text, "\n") {
		d.chunkParas = append(d.chunkParas, Paragraph{Part: c.Part, Where: Embedded, Index: i, Text: line})
	}
}

// openEmbedded opens a Word document held in a chunk part.
func (d *Document) openEmbedded(part string, data []byte) (*Document, error) {
	pkg, err := opc.OpenReaderAt(bytes.NewReader(data), int64(len(data)), opc.DefaultLimits)
	if err != nil {
		return nil, err
	}
	e := &Document{Pkg: pkg, Path: d.Path + "!" + part, depth: d.depth + 1, budget: d.budget}
	if err := e.read(); err != nil {
		pkg.Close()
		return nil, err
	}
	// A damaged embedded document cannot be checked: the caller reports it.
	if err := pkg.Verify(); err != nil {
		pkg.Close()
		return nil, err
	}
	return e, nil
}

func chunkError(part, zh, en string, cause error) *msg.Error {
	if cause != nil {
		zh += "：" + msg.Zh(cause)
		en += ": " + msg.En(cause)
	}
	return msg.New(ErrChunkUnreadable, fmt.Sprintf("嵌入内容无法检查：%s %s", part, zh),
		fmt.Sprintf("embedded content cannot be checked: %s: %s", part, en))
}
