package app

// The window is Chinese first. English is a second language for the tab
// titles and the main buttons only: the engine's messages are shown in
// Chinese because that is what the rules and the printed marks are in.
var english = map[string]string{
	"公文公开属性助手": "Document Disclosure Assistant",
	"标注":       "Mark",
	"批量":       "Batch",
	"日志":       "Audit log",
	"审查":       "Review",
	"设置":       "Settings",
	"打开草稿…":    "Open draft…",
	"标注并保存":    "Mark and save",
	"采用建议":     "Use suggestion",
	"校验":       "Verify",
	"导出…":      "Export…",
	"检查点…":     "Checkpoint…",
	"查询":       "Search",
	"选择文件夹…":   "Choose folder…",
	"开始批量标注":   "Mark all",
	"取消":       "Cancel",
	"保存设置":     "Save settings",
	"打开所在文件夹":  "Open folder",
	"打开文档":     "Open document",
	"最近打开":     "Recent",
	"清理隐藏信息…":  "Remove hidden data…",
	"出错了":      "Error",
	"完成":       "Done",
	"拖入 .docx 文件或点“打开草稿…”": "Drop a .docx file here or click “Open draft…”",
	"送审":     "Submit",
	"通过":     "Approve",
	"退回":     "Return",
	"签发":     "Sign",
	"刷新":     "Refresh",
	"密钥与同事…": "Keys and colleagues…",
	"全部通过":   "All OK",
}

// lang is the interface language, "zh" or "en"; set once at start from the
// settings (a change applies after a restart).
var lang = "zh"

// tr translates a Chinese interface string when the language is English.
func tr(s string) string {
	if lang == "en" {
		if e, ok := english[s]; ok {
			return e
		}
	}
	return s
}
