package usertext

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// Writer passes text on to an underlying writer with every character a
// terminal would act on made harmless, so that a title, a comment or a file
// name printed anywhere in a command's output cannot move the cursor,
// clear the screen, retitle the window or reorder what is shown.
//
// A terminal Writer (NewTerminalWriter) escapes like Escape but keeps tab
// and newline, which the program's own output uses. A JSON Writer
// (NewJSONWriter) is for the output of encoding/json, which already
// escapes C0 controls but leaves C1 controls, bidi controls and
// U+FFFE/U+FFFF raw: it writes those as \uXXXX, which only occur inside
// JSON strings and decode to the same text.
//
// A character split across two Writes is held back until the next Write or
// Flush; call Flush when done. A Writer is not safe for concurrent use.
type Writer struct {
	w     io.Writer
	json  bool
	carry []byte // an incomplete UTF-8 sequence from the previous Write
	buf   []byte
}

// NewTerminalWriter returns a Writer for text meant for a terminal.
func NewTerminalWriter(w io.Writer) *Writer { return &Writer{w: w} }

// NewJSONWriter returns a Writer for encoding/json output.
func NewJSONWriter(w io.Writer) *Writer { return &Writer{w: w, json: true} }

// Write escapes p and writes it; it reports len(p) on success.
func (w *Writer) Write(p []byte) (int, error) {
	n := len(p)
	if len(w.carry) > 0 {
		p = append(w.carry, p...)
		w.carry = nil
	}
	// Hold back a trailing sequence that may complete in the next Write.
	if cut := incompleteTail(p); cut < len(p) {
		w.carry = append([]byte(nil), p[cut:]...)
		p = p[:cut]
	}
	if err := w.emit(p); err != nil {
		return 0, err
	}
	return n, nil
}

// Flush writes out a held-back partial character (escaped as bytes).
func (w *Writer) Flush() error {
	p := w.carry
	w.carry = nil
	return w.emit(p)
}

func (w *Writer) emit(p []byte) error {
	if len(p) == 0 {
		return nil
	}
	b := w.buf[:0]
	start := 0 // p[start:i] is pending verbatim
	for i := 0; i < len(p); {
		c := p[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			i++
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		esc := ""
		switch {
		case r == utf8.RuneError && size <= 1:
			if !w.json {
				esc = fmt.Sprintf(`\x%02x`, c)
			}
		case w.json && (r < 0x20 || r >= 0x7f && r <= 0x9f || visibleCode(r)):
			esc = fmt.Sprintf(`\u%04x`, r)
		case w.json:
		case r == '\r':
			esc = `\r`
		case r < 0x20 || r == 0x7f:
			esc = fmt.Sprintf(`\x%02x`, r)
		case r >= 0x80 && r <= 0x9f:
			esc = fmt.Sprintf(`\u%04x`, r)
		case visibleCode(r):
			esc = "‹" + Code(r) + "›"
		}
		if esc != "" {
			b = append(b, p[start:i]...)
			b = append(b, esc...)
			start = i + size
		}
		i += size
	}
	if start == 0 {
		_, err := w.w.Write(p)
		return err
	}
	b = append(b, p[start:]...)
	w.buf = b
	_, err := w.w.Write(b)
	return err
}

// incompleteTail returns where a trailing, possibly incomplete UTF-8
// sequence starts in p, or len(p) when p ends on a whole character.
func incompleteTail(p []byte) int {
	for back := 1; back <= 3 && back <= len(p); back++ {
		c := p[len(p)-back]
		if c < 0x80 {
			return len(p)
		}
		if c >= 0xc0 { // a lead byte
			if !utf8.FullRune(p[len(p)-back:]) {
				return len(p) - back
			}
			return len(p)
		}
	}
	return len(p)
}
