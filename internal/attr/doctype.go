package attr

import (
	"fmt"
	"slices"
	"strings"

	"github.com/docattr/docattr/internal/msg"
)

// Document types. The list on offer is a setting (settings.DocTypes); these
// two carry rules: a 规范性文件 must be 主动公开 (条例第二十条第一项;
// 国办发〔2018〕37号), and a 政策性文件 proposed public needs its 解读材料.
const (
	TypeNormative = "规范性文件"
	TypePolicy    = "政策性文件"
	TypeOther     = "其他"
)

// DefaultDocTypes is the list a new installation offers.
var DefaultDocTypes = []string{TypeNormative, TypePolicy, TypeOther}

// CheckDocType refuses a type that is not in the installation's list
// ("" — no type given — passes).
func CheckDocType(t string, list []string) error {
	if t == "" || slices.Contains(list, t) {
		return nil
	}
	return msg.New(ErrUnknownDocType,
		fmt.Sprintf("未知的文件类型 %q（可选：%s）", t, strings.Join(list, "、")),
		fmt.Sprintf("unknown document type %q (choose: %s)", t, strings.Join(list, ", ")))
}
