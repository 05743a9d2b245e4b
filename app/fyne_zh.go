package app

import (
	"encoding/json"

	"fyne.io/fyne/v2"
	fynelang "fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// fyneZh is Fyne's own words (dialog buttons, the file dialog, the edit
// menu) as this app says them: 确定/取消 where Fyne's Chinese has 是/不
// and 好.
var fyneZh = map[string]any{
	"(Parent)": "（上一级）", "Advanced": "高级", "Cancel": "取消", "Confirm": "确认", "Copy": "复制",
	"Create Folder": "新建文件夹", "Cut": "剪切", "Enter filename": "输入文件名", "Error": "错误",
	"Favourites": "收藏", "File": "文件", "Folder": "文件夹", "New Folder": "新文件夹", "No": "取消",
	"OK": "确定", "Open": "打开", "Paste": "粘贴", "Quit": "退出", "Redo": "重做", "Save": "保存",
	"Select all": "全选", "Show Hidden Files": "显示隐藏的文件", "Undo": "撤销", "Yes": "确定",
	"file.name": map[string]string{"other": "名称"}, "file.parent": map[string]string{"other": "上一级"},
	"monday": "星期一", "tuesday": "星期二", "wednesday": "星期三", "thursday": "星期四",
	"friday": "星期五", "saturday": "星期六", "sunday": "星期日",
	"monday.short": "周一", "tuesday.short": "周二", "wednesday.short": "周三", "thursday.short": "周四",
	"friday.short": "周五", "saturday.short": "周六", "sunday.short": "周日",
}

// fyneLocales are the locales Fyne ships translations for, and English,
// its fallback: whichever of them the system locale leads Fyne to, it
// finds our Chinese there.
var fyneLocales = []fyne.Locale{"en", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

// useChineseFyne makes Fyne's dialogs speak Chinese whatever the system
// locale (C.UTF-8 on a fresh Linux, an English Windows): Fyne picks its
// language from the system alone, so our Chinese words are registered
// under every locale it could pick. Called when the language setting is
// 中文.
func useChineseFyne() {
	data, err := json.Marshal(fyneZh)
	if err != nil {
		fyne.LogError("Chinese dialog words", err)
		return
	}
	for _, l := range fyneLocales {
		if err := fynelang.AddTranslationsForLocale(data, l); err != nil {
			fyne.LogError("Chinese dialog words", err)
		}
	}
}

// selectPlaceHolder replaces Fyne's "(Select one)", which it never
// translates.
const selectPlaceHolder = "（请选择）"

// newSelect is widget.NewSelect with a Chinese placeholder.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = selectPlaceHolder
	return s
}
