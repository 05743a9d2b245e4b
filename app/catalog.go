package app

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/catalog"
	"github.com/docattr/docattr/internal/publish"
	"github.com/docattr/docattr/internal/settings"
	"github.com/docattr/docattr/internal/stats"
)

// catalogScreen is the 目录 tab: the year's 政府信息公开目录 from the local
// log, as docattr catalog export writes it.
type catalogScreen struct {
	u       *ui
	content fyne.CanvasObject

	year     *widget.Entry
	format   *widget.Select
	unsigned *widget.Check
	wide     *widget.Check // 全单位: nil without an office database
	table    *widget.Table
	status   *widget.Label
	entries  []catalog.Entry
}

func newCatalogScreen(u *ui) *catalogScreen {
	c := &catalogScreen{u: u, status: widget.NewLabel("")}
	c.year = widget.NewEntry()
	c.year.SetText(strconv.Itoa(time.Now().Year()))
	c.format = newSelect([]string{"XLSX", "CSV"}, nil)
	c.format.SetSelected("XLSX")
	c.unsigned = widget.NewCheck(tr("包括未签发的文件"), func(bool) { c.reload() })
	c.table = widget.NewTable(
		func() (int, int) { return len(c.entries) + 1, len(catalog.Header) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			text := catalog.Header[id.Col]
			if id.Row > 0 {
				text = c.entries[id.Row-1].Cells()[id.Col]
			}
			o.(*widget.Label).SetText(text)
		})
	for i, w := range []float32{190, 160, 360, 100, 140, 100, 80, 70, 240, 280} {
		c.table.SetColumnWidth(i, w)
	}
	bar := container.NewHBox(widget.NewLabel(tr("年度（成文日期）")), c.year, widget.NewButton(tr("刷新"), c.reload),
		c.unsigned, c.format, widget.NewButton(tr("导出目录…"), c.export))
	if c.wide = officeWideCheck(u, c.reload); c.wide != nil {
		bar.Add(c.wide)
	}
	c.content = container.NewBorder(bar, c.status, nil, nil, c.table)
	return c
}

func (c *catalogScreen) options() (catalog.Options, error) {
	y, err := strconv.Atoi(strings.TrimSpace(c.year.Text))
	if err != nil || y < 1949 || y > 2999 {
		return catalog.Options{}, errors.New("年度应为四位年份，如 2026")
	}
	return catalog.Options{Year: y, IncludeUnsigned: c.unsigned.Checked}, nil
}

// build reads the log (every desk's in the office database when wide) and
// the catalog settings into the entries of opt.
func (c *catalogScreen) build(opt catalog.Options, wide bool) ([]catalog.Entry, error) {
	cfg, err := catalog.LoadConfig()
	if err != nil {
		return nil, err
	}
	b := catalog.NewBuilder()
	if err := feedView(c.u, wide, b.AddLog, b.Add); err != nil {
		return nil, err
	}
	return b.Entries(cfg, opt), nil
}

func (c *catalogScreen) reload() {
	opt, err := c.options()
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	var entries []catalog.Entry
	wide := checked(c.wide)
	c.u.background(func() { entries, err = c.build(opt, wide) }, func() {
		if err != nil {
			c.status.SetText("读取失败")
			c.u.showErr(err)
			return
		}
		c.entries = entries
		c.table.Refresh()
		c.status.SetText(fmt.Sprintf("%d 年度公开目录：%d 条", opt.Year, len(entries)))
	})
}

func (c *catalogScreen) export() {
	opt, err := c.options()
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	format := strings.ToLower(c.format.Selected)
	c.u.askSavePath(tr("导出目录…"), fmt.Sprintf("公开目录-%d.%s", opt.Year, format), func(p string) { c.exportTo(p, format) })
}

// exportTo writes the catalog the table shows to path, through the same
// guard as the log exports (never into the data folder).
func (c *catalogScreen) exportTo(path, format string) {
	opt, err := c.options()
	if err != nil {
		c.status.SetText(err.Error())
		return
	}
	var n int
	wide := checked(c.wide)
	c.u.background(func() {
		var entries []catalog.Entry
		if entries, err = c.build(opt, wide); err != nil {
			return
		}
		n = len(entries)
		var buf bytes.Buffer
		if format == catalog.FormatCSV {
			err = catalog.WriteCSV(&buf, entries)
		} else {
			err = catalog.WriteXLSX(&buf, entries)
		}
		if err == nil {
			err = publish.NewGuard(logPathOf(c.u)).CheckLogOutput(path)
		}
		if err == nil {
			err = atomicfile.WriteFile(path, buf.Bytes(), 0o600)
		}
	}, func() {
		if err != nil {
			c.status.SetText("导出失败")
			c.u.showErr(err)
			return
		}
		c.status.SetText(fmt.Sprintf("已导出 %d 条到 %s", n, path))
	})
}

// addLocalLog feeds the local log (none yet reads as empty) to add.
func addLocalLog(u *ui, add func(*audit.Log, string) error, source string) error {
	err := u.readLog(func(l *audit.Log) error {
		if l == nil {
			return nil
		}
		return add(l, source)
	})
	if errors.Is(err, audit.ErrNotFound) {
		return nil
	}
	return err
}

// logPathOf is the audit log's path, "" when unknown (the guard then
// checks the data folder only).
func logPathOf(u *ui) string {
	if u.dbPath != "" {
		return u.dbPath
	}
	p, _ := settings.DBPath("")
	return p
}

// localSource names this installation's documents (the 发布机构).
func localSource(u *ui) string {
	if s := strings.TrimSpace(u.set.Unit); s != "" {
		return s
	}
	return stats.LocalSource
}
