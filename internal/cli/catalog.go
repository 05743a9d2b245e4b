package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/catalog"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/publish"
	"github.com/docattr/docattr/internal/usertext"
)

func init() {
	register(command{name: "catalog", summary: "政府信息公开目录导出 / export the disclosure catalog (公开目录)", run: runCatalog})
}

const catalogUsage = `catalog export --year YYYY [--format csv|xlsx] -o FILE [--include-imported] [--include-unsigned]
列出成文日期在该年度、已签发的主动公开（删减后公开）文件：索引号、文号、标题、成文日期、发布机构、主题分类、公开方式、有效性 /
lists the year's signed public documents with their catalog fields; 索引号 by the pattern in catalog.json (data folder)`

func runCatalog(e *env, args []string) int {
	if len(args) == 0 || args[0] != "export" {
		return e.usageErr("用法 / usage: "+catalogUsage, "usage: "+catalogUsage)
	}
	fs := newFlags(e, "catalog export", catalogUsage)
	yearFlag := fs.String("year", "", "年度（按成文日期）/ year of the 成文日期")
	format := fs.String("format", "", "csv 或 xlsx（省略时按 -o 的扩展名）/ csv or xlsx (default: from -o)")
	out := fs.String("o", "", "输出文件 / output file")
	withImported := fs.Bool("include-imported", false, "包括已导入的其他单位日志 / include imported logs")
	unsigned := fs.Bool("include-unsigned", false, "包括未签发（只有标注）的文件 / include documents never signed")
	pos, code, ok := parseOrUsage(fs, args[1:])
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usageErr("多余的参数 "+strings.Join(pos, " "), "unexpected arguments "+strings.Join(pos, " "))
	}
	year, err := strconv.Atoi(*yearFlag)
	if err != nil || year < 1949 || year > 2999 {
		return e.usageErr("--year 应为四位年份，如 2026", "--year must be a year such as 2026")
	}
	if *out == "" {
		return e.usageErr("必须用 -o 给出输出文件", "-o FILE is required")
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	if *format != catalog.FormatCSV && *format != catalog.FormatXLSX {
		return e.usageErr("--format 应为 csv 或 xlsx", "--format must be csv or xlsx")
	}
	cfg, err := catalog.LoadConfig()
	if err != nil {
		return e.fail("", err)
	}
	b := catalog.NewBuilder()
	if err := e.feedView(*withImported, audit.Filter{}, b.AddLog, b.Add); err != nil {
		return e.fail("", err)
	}
	entries := b.Entries(cfg, catalog.Options{Year: year, IncludeUnsigned: *unsigned})
	var buf bytes.Buffer
	if *format == catalog.FormatCSV {
		err = catalog.WriteCSV(&buf, entries)
	} else {
		err = catalog.WriteXLSX(&buf, entries)
	}
	if err != nil {
		return e.fail("", msg.Newf(nil, err, "生成公开目录失败", "writing the catalog failed"))
	}
	if err := publish.NewGuard(e.dbFlagPath()).CheckLogOutput(*out); err != nil {
		return e.fail("", err)
	}
	if err := atomicfile.WriteFile(*out, buf.Bytes(), 0o600); err != nil {
		return e.fail("", msg.Newf(nil, err, "无法写入 "+*out, "cannot write "+*out))
	}
	fmt.Fprintf(e.stdout, "已写入 %d 年度公开目录 / catalog for %d written: %s（%d 条 / entries）\n", year, year, *out, len(entries))
	return ExitOK
}

// catalogFields checks the 公开目录 fields given to mark.
func (e *env) catalogFields(number, topic, via string) (marker.Catalog, error) {
	c := marker.Catalog{DocNumber: strings.TrimSpace(number), Topic: strings.TrimSpace(topic), Via: strings.TrimSpace(via)}
	for _, f := range []struct {
		field usertext.Field
		text  string
	}{
		{usertext.Field{Zh: "文号", En: "the document number", Max: 60}, c.DocNumber},
		{usertext.Field{Zh: "主题分类", En: "the topic", Max: 60}, c.Topic},
		{usertext.Field{Zh: "公开方式", En: "the publication channel", Max: 60}, c.Via},
	} {
		if err := usertext.Check(f.field, f.text); err != nil {
			return c, err
		}
	}
	if c.Topic != "" {
		cfg, err := catalog.LoadConfig()
		if err != nil {
			return c, err
		}
		if err := cfg.CheckTopic(c.Topic); err != nil {
			return c, err
		}
	}
	return c, nil
}
