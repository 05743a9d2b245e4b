// Package chunktext extracts the text a reader sees from the payloads Word
// accepts in a w:altChunk besides a Word document: HTML and XHTML, MHT (web
// archives), RTF and plain text. It never runs or fetches anything: markup
// is dropped, entities and escapes decoded, and the character set is taken
// from a byte order mark, from what the payload or its content type
// declares, or else UTF-8 when the bytes are valid UTF-8 and GB18030 (the
// Windows code page of Chinese systems, which Word assumes) when not.
//
// Every function is bounded by the input size and returns ErrUnreadable
// (wrapped) when the payload cannot be read as its format; callers treat
// that as content they could not check.
package chunktext

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// ErrUnreadable is wrapped by every error of this package.
var ErrUnreadable = errors.New("embedded content cannot be read")

// Format is what a payload is, as Sniff decides.
type Format string

// Formats of altChunk payloads.
const (
	Docx    Format = "docx" // a Word package (zip)
	HTML    Format = "html" // HTML, XHTML or other markup (also Word 2003 XML)
	MHT     Format = "mht"  // MIME web archive
	RTF     Format = "rtf"
	Text    Format = "text"
	Unknown Format = ""
)

// Sniff decides the format of a payload from its first bytes, and from the
// declared content type only when the bytes do not tell: a payload that
// lies about its type is read as what it is.
func Sniff(contentType string, data []byte) Format {
	head := data[:min(len(data), 1024)]
	utf16 := bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff})
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(trimmed)
	media, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	media = strings.TrimSpace(media)
	markup := strings.Contains(media, "html") || media == "application/xml" || media == "text/xml" || strings.HasSuffix(media, "+xml")
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return Docx
	case !utf16 && bytes.IndexByte(head, 0) >= 0:
		return Unknown // binary: an OLE file, a picture, …
	case bytes.HasPrefix(trimmed, []byte(`{\rtf`)):
		return RTF
	case bytes.HasPrefix(lower, []byte("mime-version:")) || bytes.HasPrefix(lower, []byte("content-type:")) ||
		bytes.HasPrefix(lower, []byte("from:")) && bytes.Contains(lower, []byte("mime-version:")):
		return MHT
	case bytes.HasPrefix(trimmed, []byte("<")):
		return HTML
	case utf16 && markup:
		return HTML
	case utf16:
		return Text
	case strings.Contains(media, "rtf"):
		return RTF
	case markup:
		return HTML
	case strings.Contains(media, "rfc822") || strings.Contains(media, "multipart") || strings.Contains(media, "mhtml"):
		return MHT
	case strings.HasPrefix(media, "text/"):
		return Text
	}
	return Unknown
}

// Extract returns the text of a payload of format f; contentType may carry a
// charset parameter.
func Extract(f Format, contentType string, data []byte) (string, error) {
	cs := param(contentType, "charset")
	switch f {
	case HTML:
		return FromHTML(data, cs)
	case MHT:
		return FromMHT(data)
	case RTF:
		return FromRTF(data)
	case Text:
		return FromText(data, cs)
	}
	return "", fmt.Errorf("%w: unknown format", ErrUnreadable)
}

// FromText decodes plain text.
func FromText(data []byte, charset string) (string, error) {
	return decode(data, charset)
}

// decode turns data into UTF-8: a byte order mark wins, then charset, then
// UTF-8 if valid, else GB18030.
func decode(data []byte, charset string) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data, charset = data[3:], "utf-8"
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", fmt.Errorf("%w: UTF-16: %w", ErrUnreadable, err)
		}
		return string(out), nil
	}
	charset = strings.ToLower(strings.TrimSpace(charset))
	if charset == "" || charset == "utf-8" || charset == "utf8" {
		if utf8.Valid(data) {
			return string(data), nil
		}
		if charset != "" {
			return strings.ToValidUTF8(string(data), "\ufffd"), nil
		}
		charset = "gb18030"
	}
	enc, err := encodingFor(charset)
	if err != nil {
		return "", err
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("%w: charset %s: %w", ErrUnreadable, charset, err)
	}
	return string(out), nil
}

func encodingFor(charset string) (encoding.Encoding, error) {
	switch charset {
	case "gb2312", "gbk", "gb18030", "cp936", "windows-936", "x-gbk", "euc-cn":
		return simplifiedchinese.GB18030, nil // a superset of both
	}
	enc, err := htmlindex.Get(charset)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("%w: unknown charset %q", ErrUnreadable, charset)
	}
	return enc, nil
}

// param returns a parameter of a MIME-style header value
// ("text/html; charset=gbk" → gbk for "charset").
func param(value, name string) string {
	for _, part := range strings.Split(value, ";")[1:] {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return ""
}
