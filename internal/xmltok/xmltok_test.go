package xmltok

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func tokens(t *testing.T, in string) ([]Token, error) {
	t.Helper()
	s := New([]byte(in))
	var out []Token
	for {
		tok, err := s.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, tok)
	}
}

func TestWellFormedness(t *testing.T) {
	cases := []struct {
		name, in string
		wantErr  error
	}{
		{"simple", `<a><b x="1">t</b></a>`, nil},
		{"declaration and bom", "\xef\xbb\xbf<?xml version=\"1.0\"?>\r\n<a/>", nil},
		{"comment and cdata", `<a><!-- c --><![CDATA[<x>]]></a>`, nil},
		{"entities", `<a t="&lt;&#x41;&#66;">&amp;&quot;</a>`, nil},
		{"mismatched", `<a><b></a></b>`, ErrMalformed},
		{"unclosed", `<a><b>`, ErrMalformed},
		{"two roots", `<a/><b/>`, ErrMalformed},
		{"unknown entity", `<a>&nbsp;</a>`, ErrMalformed},
		{"stray ampersand", `<a>a & b</a>`, ErrMalformed},
		{"cdata end in text", `<a>x]]>y</a>`, ErrMalformed},
		{"brackets in text and attribute", `<a x="]]>">]] > ]]</a>`, nil},
		{"unquoted attribute", `<a x=1/>`, ErrMalformed},
		{"lt in attribute", `<a x="<"/>`, ErrMalformed},
		{"text outside root", `x<a/>`, ErrMalformed},
		{"empty", ``, ErrMalformed},
		{"doctype", `<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`, ErrDTD},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := tokens(t, c.in)
			if c.wantErr == nil && err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if c.wantErr != nil && !errors.Is(err, c.wantErr) {
				t.Fatalf("got %v, want %v", err, c.wantErr)
			}
		})
	}
}

func TestOffsetsAndNamespaces(t *testing.T) {
	in := `<w:document xmlns:w="urn:w" xmlns="urn:d"><w:body><w:p w:id="7"/><p>x</p></w:body></w:document>`
	s := New([]byte(in))
	var got []string
	for {
		tok, err := s.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if in[tok.Start:tok.End] == "" {
			t.Fatalf("empty token range %d..%d", tok.Start, tok.End)
		}
		if tok.Kind == StartTag {
			got = append(got, tok.Space+"|"+string(tok.Local))
			if tok.Is("urn:w", "p") {
				if v, ok := s.AttrValue(&tok, "urn:w", "id"); !ok || v != "7" {
					t.Errorf("w:id = %q, %v", v, ok)
				}
				if in[tok.Start:tok.End] != `<w:p w:id="7"/>` || !tok.SelfClosing {
					t.Errorf("range %q", in[tok.Start:tok.End])
				}
			}
		}
	}
	want := "urn:w|document urn:w|body urn:w|p urn:d|p"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v want %v", got, want)
	}
}

func TestUnescapeEscape(t *testing.T) {
	if got := Unescape([]byte("a&lt;b&#x4E2D;&#25991;&unknown;")); got != "a<b中文&unknown;" {
		t.Errorf("Unescape = %q", got)
	}
	if got := Escape("<\"a&b'>\x01"); got != "&lt;&quot;a&amp;b&apos;&gt;" {
		t.Errorf("Escape = %q", got)
	}
}

// FuzzScanner checks the scanner never panics, that token ranges move
// forward through the input, and that it only ends cleanly with every
// element closed.
func FuzzScanner(f *testing.F) {
	for _, s := range []string{`<a><b x="1">t</b></a>`, `<?xml version="1.0"?><a/>`, `<a>&amp;<![CDATA[x]]><!--c--></a>`, `<a`, `<a x='y'></a>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := New(data)
		last := 0
		var err error
		for i := 0; i < 100000; i++ {
			var tok Token
			tok, err = s.Next()
			if err != nil {
				break
			}
			if tok.Start < last || tok.End < tok.Start || tok.End > len(data) {
				t.Fatalf("bad range %d..%d after %d", tok.Start, tok.End, last)
			}
			last = tok.End
		}
		if err == io.EOF && s.Depth() != 0 {
			t.Fatalf("EOF with %d elements open", s.Depth())
		}
	})
}

func BenchmarkScan(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<w:document xmlns:w="urn:w"><w:body>`)
	for i := 0; i < 3000; i++ {
		sb.WriteString(`<w:p><w:pPr><w:spacing w:line="578" w:lineRule="exact"/><w:ind w:firstLine="640"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t>我委认真贯彻落实国务院办公厅关于印发政务公开工作要点的通知，认真开展政务公开工作。截止目前为止，主动公开政府信息425件。</w:t></w:r></w:p>`)
	}
	sb.WriteString(`</w:body></w:document>`)
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := New(data)
		for {
			if _, err := s.Next(); err != nil {
				break
			}
		}
	}
}

// Text and attribute values read without a copy (Unescaped, AttrView) are
// the same strings a copy would give, decoded where they hold entities,
// and a declared namespace name is read the same whether it is a
// well-known one or not.
func TestViewsReadAsCopies(t *testing.T) {
	const doc = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:x="urn:x&amp;y">` +
		`<w:p w:val="12" w:n="a&lt;b"><w:t>plain 文字</w:t><w:t>a &amp; b</w:t><x:e/></w:p></w:document>`
	s := New([]byte(doc))
	var texts, views, values []string
	var spaces []string
	for {
		var tok Token
		err := s.NextInto(&tok)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok.Kind {
		case Text:
			texts = append(texts, strings.Clone(tok.Unescaped()))
		case StartTag:
			spaces = append(spaces, tok.Space)
			for _, name := range []string{"val", "n"} {
				if v, ok := s.AttrView(&tok, tok.Space, name); ok {
					views = append(views, strings.Clone(v))
					w, _ := s.AttrValue(&tok, tok.Space, name)
					values = append(values, w)
				}
			}
		}
	}
	if want := []string{"plain 文字", "a & b"}; strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("texts %q, want %q", texts, want)
	}
	if want := []string{"12", "a<b"}; strings.Join(views, "|") != strings.Join(want, "|") || strings.Join(values, "|") != strings.Join(want, "|") {
		t.Errorf("AttrView %q, AttrValue %q, want %q", views, values, want)
	}
	w := "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	if want := []string{w, w, w, w, "urn:x&y"}; strings.Join(spaces, "|") != strings.Join(want, "|") {
		t.Errorf("namespaces %q, want %q", spaces, want)
	}
}
