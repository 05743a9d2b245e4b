package assets

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// fontHas returns a function that reports whether the embedded font maps r
// to a real glyph (not .notdef).
func fontHas(t *testing.T) func(r rune) bool {
	t.Helper()
	f, err := sfnt.Parse(Font)
	if err != nil {
		t.Fatalf("embedded font does not parse: %v", err)
	}
	var buf sfnt.Buffer
	return func(r rune) bool {
		g, err := f.GlyphIndex(&buf, r)
		return err == nil && g != 0
	}
}

// TestFontHasMarkSymbols checks the characters the marks are built from,
// named here so that a regenerated font cannot lose them unnoticed: the
// secrecy mark's ★, the 文号's 〔〕, the numbered items, full-width forms.
func TestFontHasMarkSymbols(t *testing.T) {
	has := fontHas(t)
	for _, s := range []string{
		"秘密★1年", "机密★长期", "绝密", "☆", "〔2024〕1号", "①②③④⑤⑥⑦⑧⑨⑩⑳",
		"（此件公开发布）", "（此件依申请公开）", "（此件不予公开）", "信息公开选项：主动公开",
		"，。、；：？！“”‘’《》【】—…·", "ＡＺａｚ０９", "公文公开属性助手", "0123456789 ABCxyz",
	} {
		for _, r := range s {
			if !has(r) {
				t.Errorf("font has no glyph for %q (U+%04X) in %q", r, r, s)
			}
		}
	}
}

// TestFontCoversProgramText walks every string literal in the program's
// non-test Go sources (the app's screens and i18n table, the CLI, the
// engine's finding labels, mark texts and messages; not internal/cli, whose
// output the terminal draws) and checks that the
// embedded font has a glyph for each printable character in it. When it
// fails, run scripts/font.sh, which adds the program's characters.
func TestFontCoversProgramText(t *testing.T) {
	font := fontHas(t)
	// Characters docattr only recognises in drafts and never prints itself:
	// the star variants typed for ★ (internal/docx/marks.go secrecyStars),
	// which it normalises to ★ in what it shows and stamps.
	readOnly := "✩✭⭐✱"
	has := func(r rune) bool { return font(r) || strings.ContainsRune(readOnly, r) }
	missing := map[rune][]string{}
	literals := 0
	for _, dir := range []string{"../app", "../internal", ".."} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if dir == ".." && path != ".." {
					return filepath.SkipDir // the root's own files only; app and internal are walked above
				}
				if filepath.Base(path) == "cli" {
					return filepath.SkipDir // the command line prints in the terminal's own font
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			ast.Inspect(file, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || (lit.Kind != token.STRING && lit.Kind != token.CHAR) {
					return true
				}
				literals++
				s := lit.Value
				if v, err := strconv.Unquote(s); err == nil {
					s = v
				}
				for _, r := range s {
					if r < 0x20 || !unicode.IsPrint(r) || r == unicode.ReplacementChar || has(r) {
						continue
					}
					if len(missing[r]) < 3 {
						missing[r] = append(missing[r], fset.Position(lit.Pos()).String())
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if literals < 1000 {
		t.Fatalf("only %d string literals found: the walk missed the sources", literals)
	}
	var rs []rune
	for r := range missing {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	for _, r := range rs {
		t.Errorf("font has no glyph for %q (U+%04X), used at %s; run scripts/font.sh", r, r, strings.Join(missing[r], ", "))
	}
}
