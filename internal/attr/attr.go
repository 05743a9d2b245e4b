// Package attr holds the rules of disclosure attributes and secrecy levels:
// which attributes exist, the legal bases of 《政府信息公开条例》 with stable
// ids, what a decision must carry, and the wording of the printed marks.
// The CLI, the app and the review workflow all decide through Validate.
package attr

import (
	"errors"
	"fmt"
	"strings"

	"github.com/docattr/docattr/internal/msg"
)

// Attribute ids (stable; stored in records and audit events).
const (
	Public    = "public"     // 主动公开
	OnRequest = "on-request" // 依申请公开
	Withheld  = "withheld"   // 不予公开
	Redacted  = "redacted"   // 删减后公开 (optional extra, 条例第三十七条)
)

// Attribute describes one disclosure attribute.
type Attribute struct {
	ID     string
	Zh     string // 主动公开
	En     string
	Note   string // （此件公开发布）
	Option string // 信息公开选项：主动公开
	// NeedsBasis is set when a legal basis and a reason are required.
	NeedsBasis bool
	Extra      bool // only offered when enabled in settings
}

var attributes = []Attribute{
	{ID: Public, Zh: "主动公开", En: "public", Note: "（此件公开发布）", Option: "信息公开选项：主动公开"},
	{ID: OnRequest, Zh: "依申请公开", En: "on request", Note: "（此件依申请公开）", Option: "信息公开选项：依申请公开", NeedsBasis: true},
	{ID: Withheld, Zh: "不予公开", En: "withheld", Note: "（此件不予公开）", Option: "信息公开选项：不予公开", NeedsBasis: true},
	{ID: Redacted, Zh: "删减后公开", En: "public after redaction", Note: "（此件删减后公开）", Option: "信息公开选项：删减后公开", NeedsBasis: true, Extra: true},
}

// Attributes returns the attributes on offer: the three standard ones plus
// the enabled extras.
func Attributes(extras []string) []Attribute {
	var out []Attribute
	for _, a := range attributes {
		if !a.Extra || contains(extras, a.ID) {
			out = append(out, a)
		}
	}
	return out
}

// Sentinel errors for the rules; Validate returns *msg.Error wrapping them.
var (
	ErrUnknownAttribute = errors.New("unknown attribute")
	ErrUnknownBasis     = errors.New("unknown legal basis")
	ErrBasisMismatch    = errors.New("basis does not support attribute")
	ErrNeedsBasis       = errors.New("basis required")
	ErrNeedsReason      = errors.New("reason required")
	ErrSecretPublic     = errors.New("secret document cannot be public")
	ErrNeedsInterp      = errors.New("interpretation material required")
	ErrBadSecrecy       = errors.New("bad secrecy level or period")
	ErrDowngrade        = errors.New("lowering secrecy needs a reason")
	// ErrSecretNotWithheld refuses a secrecy level with any attribute but
	// 不予公开, and 不予公开 of a secret document on any ground but the
	// 国家秘密 ground of 条例第十四条.
	ErrSecretNotWithheld = errors.New("a secret document is withheld as a state secret")
	// ErrSecretGroundNoLevel refuses the 国家秘密 ground without a level.
	ErrSecretGroundNoLevel = errors.New("state-secret ground without a secrecy level")
	// The period errors are ErrBadSecrecy too.
	ErrPeriodTooLong    = fmt.Errorf("%w: beyond the legal maximum", ErrBadSecrecy)
	ErrPeriodBeforeDate = fmt.Errorf("%w: declassification date not after the document's date", ErrBadSecrecy)
	// ErrNormativePublic refuses a 规范性文件 that is not 主动公开.
	ErrNormativePublic = errors.New("a normative document must be public")
	// ErrUnknownDocType refuses a document type not in the settings' list.
	ErrUnknownDocType = errors.New("unknown document type")
	// ErrDisabled refuses an attribute the installation has not enabled.
	ErrDisabled = errors.New("attribute not enabled")
)

// ParseAttribute accepts an id, a Chinese name or an English name.
func ParseAttribute(s string) (Attribute, error) {
	s = strings.TrimSpace(s)
	for _, a := range attributes {
		if strings.EqualFold(s, a.ID) || s == a.Zh || strings.EqualFold(s, a.En) ||
			(a.ID == Public && s == "公开") || strings.EqualFold(s, strings.ReplaceAll(a.ID, "-", "")) {
			return a, nil
		}
	}
	return Attribute{}, msg.New(ErrUnknownAttribute,
		fmt.Sprintf("未知的公开属性“%s”（可选：主动公开、依申请公开、不予公开）", s),
		fmt.Sprintf("unknown attribute %q (public, on-request, withheld)", s))
}

// CheckEnabled refuses an extra attribute (删减后公开) that the settings do
// not enable; the standard three are always enabled.
func CheckEnabled(id string, extras []string) error {
	a, ok := Lookup(id)
	if !ok || !a.Extra || contains(extras, id) {
		return nil
	}
	return msg.New(ErrDisabled,
		fmt.Sprintf("“%s”未在设置中启用（本单位未采用该属性）：请选择主动公开、依申请公开或不予公开，或由管理员在设置中启用", a.Zh),
		fmt.Sprintf("%q is not enabled in the settings: choose public, on-request or withheld, or enable it (docattr settings set extras %s)", a.En, a.ID))
}

// Lookup returns the attribute with the given id.
func Lookup(id string) (Attribute, bool) {
	for _, a := range attributes {
		if a.ID == id {
			return a, true
		}
	}
	return Attribute{}, false
}

// Secrecy levels, highest first.
var levels = []string{"绝密", "机密", "秘密"}

// MaxPeriod is the legal maximum period per level (保守国家秘密法).
var MaxPeriod = map[string]string{"绝密": "30年", "机密": "20年", "秘密": "10年"}

// LevelRank orders secrecy levels: 0 none, 1 秘密, 2 机密, 3 绝密.
func LevelRank(level string) int {
	for i, l := range levels {
		if l == level {
			return len(levels) - i
		}
	}
	return 0
}

// ParseLevel accepts 秘密/机密/绝密, their pinyin or English names, or
// none/无/"" for no secrecy level.
func ParseLevel(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "none", "无", "非密", "no":
		return "", nil
	case "秘密", "mimi", "secret":
		return "秘密", nil
	case "机密", "jimi", "confidential":
		return "机密", nil
	case "绝密", "juemi", "top-secret", "topsecret":
		return "绝密", nil
	}
	return "", msg.New(ErrBadSecrecy, fmt.Sprintf("未知的密级 %q（可选：秘密、机密、绝密、none）", s),
		fmt.Sprintf("unknown secrecy level %q (秘密, 机密, 绝密, none)", s))
}

// SecrecyLine returns the printed mark, e.g. 秘密★1年; a bare 秘密★ means the
// legal maximum.
func SecrecyLine(level, period string) string {
	if level == "" {
		return ""
	}
	return level + "★" + period
}

// ParseSecrecyLine splits a mark such as 机密★5年 into level and period.
func ParseSecrecyLine(s string) (level, period string) {
	for _, l := range levels {
		if rest, ok := strings.CutPrefix(s, l); ok {
			rest = strings.TrimLeft(rest, "★☆*＊ ")
			return l, rest
		}
	}
	return "", ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
