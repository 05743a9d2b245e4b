package chunktext

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// maxRTFDepth bounds group nesting; Word never writes more than a few dozen.
const maxRTFDepth = 1 << 12

// rtfSkip lists destinations whose content no reader sees as text: tables
// of fonts, colours, styles and lists, document info, pictures and object
// data, field instructions, bookmark names, shape properties and themes.
var rtfSkip = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true, "objdata": true,
	"fldinst": true, "bkmkstart": true, "bkmkend": true, "themedata": true, "colorschememapping": true,
	"datastore": true, "latentstyles": true, "listtable": true, "listoverridetable": true, "rsidtbl": true,
	"generator": true, "xmlnstbl": true, "filetbl": true, "revtbl": true, "sp": true, "nonshppict": true,
	"datafield": true, "formfield": true, "mmathPr": true, "pgdsctbl": true, "userprops": true, "wgrffmtfilter": true,
}

// rtfSymbols are control words that stand for a character.
var rtfSymbols = map[string]string{
	"par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "tab": "\t", "cell": "\t",
	"emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”",
	"bullet": "•", "emspace": "\u2003", "enspace": "\u2002", "qmspace": "\u2005",
	"\n": "\n", "\r": "\n", // a backslash before a line end is \par
}

type rtfGroup struct {
	skip bool // no text: a skipped destination, or inside one
	star bool // an \* destination this reader may not know
	uc   int  // characters to skip after \uN
	font int
}

// rtfKeep are \* destinations that hold text readers show: shape text
// (text boxes) and drawing-object text boxes.
var rtfKeep = map[string]bool{"shpinst": true, "shptxt": true, "dptxbxtext": true}

// rtfReader is the state of one FromRTF call.
type rtfReader struct {
	data     []byte
	i        int
	out      strings.Builder
	pending  []byte // code page bytes not yet decoded (a DBCS character comes as two \'hh)
	codepage int    // document code page (\ansicpg)
	fonts    map[int]int
	skipNext int // characters still to skip after \uN
}

// FromRTF returns the text of an RTF payload: control words and the
// destinations no reader shows dropped, \par and \line as line breaks,
// \'hh bytes decoded in the code page of the font (\fcharset) or document
// (\ansicpg), \uN characters taken with their fallbacks skipped.
func FromRTF(data []byte) (string, error) {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if !bytes.HasPrefix(data, []byte(`{\rtf`)) {
		return "", fmt.Errorf("%w: not RTF", ErrUnreadable)
	}
	r := &rtfReader{data: data, codepage: 1252, fonts: map[int]int{}}
	if err := r.run(); err != nil {
		return "", err
	}
	return r.out.String(), nil
}

func (r *rtfReader) run() error {
	stack := []rtfGroup{{uc: 1, font: -1}}
	inFontTable := 0 // depth of the font table group, 0 outside
	for r.i < len(r.data) {
		c := r.data[r.i]
		g := &stack[len(stack)-1]
		switch c {
		case '{':
			r.i++
			if len(stack) >= maxRTFDepth {
				return fmt.Errorf("%w: RTF groups nested too deep", ErrUnreadable)
			}
			child := *g
			child.skip = g.skip || g.star
			child.star = bytes.HasPrefix(r.data[r.i:], []byte(`\*`))
			stack = append(stack, child)
		case '}':
			r.i++
			r.flush(g.font)
			if inFontTable == len(stack) {
				inFontTable = 0
			}
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case '\\':
			word, arg, hasArg := r.controlWord()
			if word == "fonttbl" {
				inFontTable = len(stack)
			}
			if inFontTable > 0 {
				r.fontEntry(word, arg, g)
				if word != "fonttbl" {
					continue
				}
			}
			r.control(word, arg, hasArg, g)
		case '\r', '\n':
			r.i++
		default:
			r.i++
			if g.skip || g.star {
				continue
			}
			if r.skipNext > 0 {
				r.skipNext--
				continue
			}
			r.pending = append(r.pending, c)
		}
	}
	r.flush(stack[len(stack)-1].font)
	return nil
}

// controlWord reads a control word or symbol at r.i (a backslash).
func (r *rtfReader) controlWord() (word string, arg int, hasArg bool) {
	r.i++ // backslash
	if r.i >= len(r.data) {
		return "", 0, false
	}
	c := r.data[r.i]
	if !isLetter(c) {
		r.i++
		if c == '\'' { // \'hh
			if r.i+2 <= len(r.data) {
				if v, err := strconv.ParseUint(string(r.data[r.i:r.i+2]), 16, 8); err == nil {
					r.i += 2
					return "'", int(v), true
				}
			}
			return "'", 0, false
		}
		return string(c), 0, false
	}
	start := r.i
	for r.i < len(r.data) && isLetter(r.data[r.i]) && r.i-start < 32 {
		r.i++
	}
	word = string(r.data[start:r.i])
	numStart := r.i
	if r.i < len(r.data) && r.data[r.i] == '-' {
		r.i++
	}
	for r.i < len(r.data) && r.data[r.i] >= '0' && r.data[r.i] <= '9' && r.i-numStart < 10 {
		r.i++
	}
	if r.i > numStart {
		arg, _ = strconv.Atoi(string(r.data[numStart:r.i]))
		hasArg = true
	}
	if r.i < len(r.data) && r.data[r.i] == ' ' {
		r.i++ // the delimiting space belongs to the control word
	}
	return word, arg, hasArg
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// control applies one control word in group g.
func (r *rtfReader) control(word string, arg int, hasArg bool, g *rtfGroup) {
	switch word {
	case "'":
		if !hasArg || g.skip || g.star {
			return
		}
		if r.skipNext > 0 {
			r.skipNext--
			return
		}
		r.pending = append(r.pending, byte(arg))
		return
	case "bin": // binary data follows: skip it whole
		if hasArg && arg > 0 {
			r.i = min(len(r.data), r.i+arg)
		}
		return
	case "ansicpg":
		r.codepage = arg
		return
	case "f":
		r.flush(g.font)
		g.font = arg
		return
	case "uc":
		if arg >= 0 && arg < 16 {
			g.uc = arg
		}
		return
	}
	if rtfKeep[word] {
		g.star = false
		return
	}
	if rtfSkip[word] {
		g.skip = true
		return
	}
	if g.skip || g.star {
		return
	}
	r.flush(g.font)
	switch word {
	case "u":
		if !hasArg {
			return
		}
		if arg < 0 {
			arg += 65536
		}
		r.out.WriteRune(rune(arg))
		r.skipNext = g.uc
	case "\\", "{", "}":
		r.out.WriteString(word)
	case "~":
		r.out.WriteRune('\u00a0')
	case "_":
		r.out.WriteByte('-')
	case "-": // optional hyphen: invisible unless the line breaks there
	default:
		if s, ok := rtfSymbols[word]; ok {
			r.out.WriteString(s)
		}
	}
}

// fontEntry reads \fN \fcharsetM pairs of the font table.
func (r *rtfReader) fontEntry(word string, arg int, g *rtfGroup) {
	switch word {
	case "f":
		g.font = arg
	case "fcharset", "cpg":
		if cp := charsetCodepage(word, arg); cp != 0 {
			r.fonts[g.font] = cp
		}
	}
}

// charsetCodepage maps \fcharset values (and \cpg code pages) to code pages.
func charsetCodepage(word string, n int) int {
	if word == "cpg" {
		return n
	}
	switch n {
	case 128:
		return 932
	case 129:
		return 949
	case 134:
		return 936
	case 136:
		return 950
	case 238:
		return 1250
	case 204:
		return 1251
	case 0:
		return 1252
	}
	return 0
}

// flush decodes pending code page bytes in the code page of font (or the
// document's).
func (r *rtfReader) flush(font int) {
	if len(r.pending) == 0 {
		return
	}
	cp := r.codepage
	if fc, ok := r.fonts[font]; ok {
		cp = fc
	}
	enc := codepageEncoding(cp)
	if cp == 1252 && utf8.Valid(r.pending) {
		enc = encoding.Nop // raw UTF-8 from a writer that ignores RTF's 8-bit rules
	}
	out, err := enc.NewDecoder().Bytes(r.pending)
	if err != nil {
		out = bytes.ToValidUTF8(r.pending, []byte("\ufffd"))
	}
	r.out.Write(out)
	r.pending = r.pending[:0]
}

func codepageEncoding(cp int) encoding.Encoding {
	switch cp {
	case 936, 54936:
		return simplifiedchinese.GB18030
	case 950:
		return traditionalchinese.Big5
	case 932:
		return japanese.ShiftJIS
	case 949:
		return korean.EUCKR
	case 65001:
		return encoding.Nop
	case 1250:
		return charmap.Windows1250
	case 1251:
		return charmap.Windows1251
	}
	return charmap.Windows1252
}
