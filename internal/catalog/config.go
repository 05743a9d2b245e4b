// Package catalog builds the 政府信息公开目录 (条例第十二条) from the audit
// events: each issued 主动公开 (or 删减后公开) document with its 索引号, 文号,
// 标题, 成文日期, 发布机构, 主题分类, 公开方式 and 有效性, in the form a
// website's 目录 imports (CSV or XLSX).
//
// # 索引号
//
// The index number comes from a pattern (Config.Pattern, default
// {机构代码}/{年}-{序号:5}). The 序号 is allocated per unit and year from
// the log: documents are numbered in the order of their first event, so a
// document keeps its number as the log grows, and two documents never share
// one. The year is that of the 成文日期.
package catalog

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/lazyre"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/settings"
)

// ConfigFile is the catalog settings' name in the data folder.
const ConfigFile = "catalog.json"

// DefaultPattern is the 索引号 pattern when none is set.
const DefaultPattern = "{机构代码}/{年}-{序号:5}"

// Sentinels.
var (
	ErrConfig  = errors.New("catalog: bad settings")
	ErrTopic   = errors.New("catalog: unknown topic")
	ErrPattern = errors.New("catalog: bad index pattern")
)

// Config holds the catalog settings.
type Config struct {
	OrgCode string   `json:"org_code"` // 机构代码, e.g. 11110000000000000X or a short code
	Pattern string   `json:"pattern"`  // 索引号 pattern
	Topics  []string `json:"topics"`   // 主题分类; empty accepts any
	Vias    []string `json:"vias"`     // 公开方式 offered; empty accepts any
	Via     string   `json:"via"`      // default 公开方式
}

// DefaultConfig returns the settings used when there is no file.
func DefaultConfig() Config {
	return Config{Pattern: DefaultPattern, Vias: []string{"网站", "公报", "政务新媒体", "公开查阅点"}, Via: "网站",
		Topics: []string{"综合政务", "国民经济管理", "财政金融", "城乡建设", "农业农村", "教育", "卫生健康", "社会保障", "自然资源", "生态环境", "交通运输", "公共安全", "其他"}}
}

// LoadConfig reads catalog.json from the data folder; a missing file gives
// DefaultConfig.
func LoadConfig() (Config, error) {
	d, err := settings.DataDir()
	if err != nil {
		return Config{}, err
	}
	return ReadConfig(filepath.Join(d, ConfigFile))
}

// ReadConfig reads the settings at path; a missing file gives DefaultConfig.
func ReadConfig(path string) (Config, error) {
	c := DefaultConfig()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, msg.Newf(ErrConfig, err, "目录设置 "+path+" 格式错误", "catalog settings "+path+" are not valid JSON")
	}
	if c.Pattern == "" {
		c.Pattern = DefaultPattern
	}
	if _, err := parsePattern(c.Pattern); err != nil {
		return c, err
	}
	return c, nil
}

// CheckTopic refuses a topic outside a non-empty list.
func (c Config) CheckTopic(topic string) error {
	if topic == "" || len(c.Topics) == 0 || slices.Contains(c.Topics, topic) {
		return nil
	}
	return msg.New(ErrTopic, fmt.Sprintf("未知的主题分类 %q（可选：%s）", topic, strings.Join(c.Topics, "、")),
		fmt.Sprintf("unknown topic %q (choose: %s)", topic, strings.Join(c.Topics, ", ")))
}

var rePlaceholder = lazyre.New(`\{([^{}:]+)(?::(\d))?\}`)

// parsePattern checks a pattern: placeholders {机构代码}, {年}, {序号} or
// {序号:N} (zero-padded to N digits), and the 序号 must be there (without
// it two documents would share a number).
func parsePattern(p string) ([][]string, error) {
	ms := rePlaceholder.FindAllStringSubmatch(p, -1)
	seq := false
	for _, m := range ms {
		switch m[1] {
		case "机构代码", "年":
		case "序号":
			seq = true
		default:
			return nil, msg.New(ErrPattern, fmt.Sprintf("索引号格式中的 {%s} 无法识别（可用 {机构代码}、{年}、{序号:5}）", m[1]),
				fmt.Sprintf("index pattern: unknown {%s} (use {机构代码}, {年}, {序号:5})", m[1]))
		}
	}
	if !seq || len(p) > 200 {
		return nil, msg.New(ErrPattern, "索引号格式须包含 {序号}", "the index pattern must contain {序号}")
	}
	return ms, nil
}

// IndexNumber fills the pattern for one document.
func (c Config) IndexNumber(year, seq int) string {
	return rePlaceholder.ReplaceAllStringFunc(c.Pattern, func(s string) string {
		m := rePlaceholder.FindStringSubmatch(s)
		switch m[1] {
		case "机构代码":
			return c.OrgCode
		case "年":
			return strconv.Itoa(year)
		case "序号":
			w, _ := strconv.Atoi(m[2])
			return fmt.Sprintf("%0*d", w, seq)
		}
		return s
	})
}
