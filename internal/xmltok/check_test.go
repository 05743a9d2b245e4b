package xmltok

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheck(t *testing.T) {
	const w = `xmlns:w="urn:w"`
	cases := []struct {
		name, in string
		ok       bool
	}{
		{"word-like", `<w:document ` + w + `><w:body><w:p><w:r><w:t xml:space="preserve">公文 text</w:t></w:r></w:p></w:body></w:document>`, true},
		{"bom and declaration", "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<a/>", true},
		{"utf8 declared", `<?xml version="1.0" encoding='utf8'?><a/>`, true},
		{"another encoding declared", `<?xml version="1.0" encoding="GB18030"?><a/>`, false},
		{"tab, newline and cr", "<a>\t\n\r</a>", true},
		{"default namespace undeclared", `<a xmlns="urn:a"><b xmlns=""/></a>`, true},
		{"same local name, other namespaces", `<a xmlns:p="urn:p" xmlns:q="urn:q" p:x="1" q:x="2" x="3"/>`, true},
		{"astral plane text", "<a>\U0001F600</a>", true},
		{"invalid UTF-8", "<a>\xff\xfe</a>", false},
		{"truncated UTF-8", "<a>\xe5\x85</a>", false},
		{"UTF-8 encoded surrogate", "<a>\xed\xa0\x80</a>", false},
		{"raw control character", "<a>\x01</a>", false},
		{"raw U+FFFF", "<a>\uffff</a>", false},
		{"control character reference", `<a>&#1;</a>`, false},
		{"hex control character reference", `<a>&#x1F;</a>`, false},
		{"U+FFFE reference", `<a x="&#xFFFE;"/>`, false},
		{"surrogate reference", `<a>&#xD800;</a>`, false},
		{"duplicate attribute", `<a x="1" x="2"/>`, false},
		{"duplicate expanded attribute", `<a xmlns:p="urn:p" xmlns:q="urn:p" p:x="1" q:x="2"/>`, false},
		{"undeclared element prefix", `<w:document/>`, false},
		{"undeclared attribute prefix", `<a w:val="1"/>`, false},
		{"prefix declared on a sibling only", `<r><a xmlns:w="urn:w"/><w:b/></r>`, false},
		{"prefix bound to nothing", `<a xmlns:p=""/>`, false},
		{"two colons", `<a:b:c xmlns:a="urn:a"/>`, false},
		{"name starting with a digit", `<1a/>`, false},
		{"unbalanced", `<a><b></a>`, false},
		{"declaration with standalone", `<?xml version='1.0' encoding="utf-8" standalone="yes" ?><a/>`, true},
		{"processing instruction", `<?xml version="1.0"?><?mso-application progid="Word.Document"?><a/>`, true},
		{"version 0", `<?xml version="0"?><a/>`, false},
		{"no version", `<?xml encoding="UTF-8"?><a/>`, false},
		{"declaration not first", ` <?xml version="1.0"?><a/>`, false},
		{"second declaration", `<?xml version="1.0"?><a><?xml version="1.0"?></a>`, false},
		{"bad standalone", `<?xml version="1.0" standalone="maybe"?><a/>`, false},
		{"DTD", `<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`, false},
		{"attribute name starting with a digit", `<a 0=""/>`, false},
		{"processing instruction without a target", `<a><? x?></a>`, false},
		{"processing instruction target not a name", `<a><?"x?></a>`, false},
		{"processing instruction target glued to data", `<a><?x"y?></a>`, false},
		{"comments", `<!-- a - b --><a><!----><!-- - --></a>`, true},
		{"-- in a comment", `<a><!-- a -- b --></a>`, false},
		{"comment ending in ---", `<a><!-- a ---></a>`, false},
		{"comment of one -", `<a><!-----></a>`, false},
		{"Chinese element name", `<公文 属性="是"/>`, true},
		{"name starting with a combining mark", "<\u0301a/>", false},
		{"name with a multiplication sign", "<a\u00d7b/>", false},
		{"leading colon", `<:a/>`, false},
		{"trailing colon in an attribute", `<a b:="1"/>`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Check([]byte(c.in))
			if c.ok && err != nil {
				t.Fatalf("Check refused a sound document: %v", err)
			}
			if !c.ok {
				var se *SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("Check accepted %q (err %v)", c.in, err)
				}
			}
		})
	}
}

func TestCheckDeepNesting(t *testing.T) {
	const depth = 100000
	doc := strings.Repeat("<a>", depth) + strings.Repeat("</a>", depth)
	if err := Check([]byte(doc)); err != nil {
		t.Fatalf("deep but balanced: %v", err)
	}
	if err := Check([]byte(doc[:len(doc)-4])); err == nil {
		t.Fatal("deep and unbalanced was accepted")
	}
}

// FuzzCheck: Check never panics, and what it accepts the plain scanner
// reads to the end and encoding/xml, a second and independent reader,
// reads too: a part Check passes must not be refused by any reader.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{`<a xmlns:p="u" p:x="1"><b>t&#65;</b></a>`, `<a x="1" x="2"/>`, "<a>\x01</a>", `<p:a/>`,
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a><?pi data?><!-- c --><![CDATA[x]]>&amp;&#x4E2D;</a>`,
		`<公文 属性="是">中</公文>`, `<!DOCTYPE a><a/>`, `<a><?x?></a>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if Check(data) != nil {
			return
		}
		if _, err := tokens(t, string(data)); err != nil {
			t.Fatalf("Check accepted what Next refuses: %v", err)
		}
		if err := stdlibReads(data); err != nil {
			t.Fatalf("Check accepted what encoding/xml refuses: %v", err)
		}
	})
}

// TestValidCharsAgrees: the hand decoder agrees with the standard library
// on every one-, two- and three-byte sequence after an ASCII run.
func TestValidCharsAgrees(t *testing.T) {
	ref := func(b []byte) bool {
		for _, r := range string(b) {
			if r == utf8.RuneError || !isChar(r) {
				return false
			}
		}
		return utf8.Valid(b)
	}
	prefix := []byte("<a>0123456789")
	for x := 0; x < 1<<24; x += 61 {
		for n := 1; n <= 3; n++ {
			seq := []byte{byte(x >> 16), byte(x >> 8), byte(x)}[:n]
			b := append(append([]byte{}, prefix...), seq...)
			if _, ok := validChars(b); ok != ref(b) {
				t.Fatalf("%x: validChars %v, reference %v", seq, ok, ref(b))
			}
		}
	}
}

// stdlibReads reads data with encoding/xml in strict mode to the end.
func stdlibReads(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	// "utf8" is UTF-8 to opc and Check; encoding/xml knows only "utf-8".
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf8") {
			return r, nil
		}
		return nil, fmt.Errorf("encoding %q", label)
	}
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
