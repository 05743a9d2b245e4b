package chunktext

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// maxMHTParts bounds how many parts of a web archive are looked at.
const maxMHTParts = 1000

// FromMHT returns the text of a MIME web archive (.mht): the first HTML
// part (or failing that the first text part), its transfer encoding and
// character set decoded.
func FromMHT(data []byte) (string, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("%w: MHT: %w", ErrUnreadable, err)
	}
	ct := msg.Header.Get("Content-Type")
	media, params, err := mime.ParseMediaType(ct)
	if err != nil && ct != "" {
		return "", fmt.Errorf("%w: MHT content type: %w", ErrUnreadable, err)
	}
	if !strings.HasPrefix(media, "multipart/") {
		return mhtPart(media, params["charset"], msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var textPart *bytes.Buffer
	var textCharset, textEnc string
	for n := 0; n < maxMHTParts; n++ {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%w: MHT part: %w", ErrUnreadable, err)
		}
		pm, pp, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		enc := p.Header.Get("Content-Transfer-Encoding")
		switch {
		case pm == "text/html" || pm == "application/xhtml+xml":
			return mhtPart(pm, pp["charset"], enc, p)
		case strings.HasPrefix(pm, "text/") && textPart == nil && pm != "text/css":
			textPart = new(bytes.Buffer)
			if _, err := io.Copy(textPart, p); err != nil {
				return "", fmt.Errorf("%w: MHT part: %w", ErrUnreadable, err)
			}
			textCharset, textEnc = pp["charset"], enc
		}
	}
	if textPart == nil {
		return "", fmt.Errorf("%w: MHT without an HTML or text part", ErrUnreadable)
	}
	return mhtPart("text/plain", textCharset, textEnc, textPart)
}

// mhtPart decodes one part's transfer encoding and text.
func mhtPart(media, charset, transfer string, body io.Reader) (string, error) {
	switch strings.ToLower(strings.TrimSpace(transfer)) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, &stripNewlines{r: body})
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		return "", fmt.Errorf("%w: MHT body: %w", ErrUnreadable, err)
	}
	if strings.Contains(media, "html") || strings.Contains(media, "xml") {
		return FromHTML(raw, charset)
	}
	return decode(raw, charset)
}

// stripNewlines drops CR and LF, which base64 bodies are wrapped with.
type stripNewlines struct{ r io.Reader }

func (s *stripNewlines) Read(p []byte) (int, error) {
	for {
		n, err := s.r.Read(p)
		j := 0
		for _, c := range p[:n] {
			if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}
