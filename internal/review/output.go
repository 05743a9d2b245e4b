package review

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/docattr/docattr/internal/lazyre"
)

// stepSuffix names the copy each step writes beside its input.
func stepSuffix(action, role string) string {
	switch action {
	case ActionSubmit:
		return "-送审"
	case ActionReturn:
		return "-退回"
	case ActionSign:
		return "-签发"
	}
	if role == RoleOpenness {
		return "-公开审查"
	}
	return "-保密审查"
}

var reStageSuffix = lazyre.New(`-(送审|保密审查|公开审查|退回|签发|已标注)(\(\d+\))?$`)

// DefaultOutput returns where a step writes when no output is given: beside
// the input, the stem stripped of an earlier stage suffix and given this
// step's (通知-送审.docx → 通知-保密审查.docx). The input is never
// overwritten; an existing file of that name gets a number: 通知-送审(2).docx.
func DefaultOutput(input, action, role string) string {
	dir, base := filepath.Split(input)
	ext := filepath.Ext(base)
	stem := reStageSuffix.ReplaceAllString(strings.TrimSuffix(base, ext), "")
	name := stem + stepSuffix(action, role)
	out := filepath.Join(dir, name+ext)
	for i := 2; exists(out) || samePath(out, input); i++ {
		out = filepath.Join(dir, fmt.Sprintf("%s(%d)%s", name, i, ext))
	}
	return out
}

func exists(p string) bool { _, err := os.Lstat(p); return err == nil }

func samePath(a, b string) bool {
	aa, _ := filepath.Abs(a)
	ab, _ := filepath.Abs(b)
	if aa == ab {
		return true
	}
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
