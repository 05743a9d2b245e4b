package docx

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/docattr/docattr/internal/msg"
)

// The 解读材料 can travel inside the package (--embed-interpretation) as a
// custom part related from the package root. Every part but the trail
// counts in the content digest, so each review step's signature covers
// the material the reviewers opened.
const (
	InterpretationPart = "docattr/interpretation.bin"
	relInterpretation  = "https://docattr.example/relationships/interpretation"
	// MaxInterpretation bounds the embedded material (a large scan is
	// better sent beside the document).
	MaxInterpretation = 50 << 20
)

// ErrNoInterpretation: the document carries no embedded 解读材料.
var ErrNoInterpretation = errors.New("docx: no embedded interpretation material")

// ErrInterpretationChanged: the embedded material is not the one the
// record's SHA-256 names.
var ErrInterpretationChanged = errors.New("docx: embedded interpretation material differs from the record")

// HasInterpretation reports whether the package carries an embedded 解读材料.
func (d *Document) HasInterpretation() bool { return d.Pkg.Has(InterpretationPart) }

// SaveInterpretation writes the embedded 解读材料 into dir under the name the
// record gives it and returns the path. The bytes must match the record's
// SHA-256: a material swapped after marking is refused, not shown.
func (d *Document) SaveInterpretation(dir string) (string, error) {
	if !d.HasInterpretation() {
		return "", msg.New(ErrNoInterpretation, "文件中没有附带解读材料", "the document carries no embedded interpretation material")
	}
	data, err := d.Pkg.Read(InterpretationPart)
	if err != nil {
		return "", err
	}
	rec := d.Record()
	sum := sha256.Sum256(data)
	if rec == nil || rec.InterpSHA256 == "" || !strings.EqualFold(rec.InterpSHA256, hex.EncodeToString(sum[:])) {
		return "", msg.New(ErrInterpretationChanged, "附带的解读材料与记录中的 SHA-256 不符，不予打开",
			"the embedded interpretation material does not match the record's SHA-256")
	}
	name := filepath.Base(filepath.FromSlash(strings.ReplaceAll(rec.Interpretation, `\`, "/")))
	if name == "." || name == string(filepath.Separator) || name == "" || strings.ContainsAny(name, `:*?"<>|`) {
		name = "解读材料"
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return "", err
	}
	return path, nil
}
