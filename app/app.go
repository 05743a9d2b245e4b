// Package app is docattr's desktop window (Fyne). It only calls the engine
// packages under internal/; no rule lives here.
package app

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

// AppID matches FyneApp.toml; without it preferences are not kept.
const AppID = "cn.gov.docattr"

// Run opens the main window; args may name a draft to open.
func Run(args []string) {
	a := fyneapp.NewWithID(AppID)
	w := a.NewWindow("公文公开属性助手")
	w.SetContent(widget.NewLabel("docattr"))
	w.Resize(fyne.NewSize(1000, 700))
	w.ShowAndRun()
}
