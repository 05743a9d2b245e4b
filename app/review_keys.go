package app

import (
	"crypto/ed25519"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/review"
)

// showKeys is the keyring section: this installation's public key to give
// to colleagues (copied to the clipboard), the colleagues' keys known here,
// and the import of a new one by name and key text or key file.
func (r *reviewScreen) showKeys() {
	in, err := loadInstallation()
	if err != nil {
		r.u.showErr(err)
		return
	}
	pub := keys.EncodePublic(in.key.Public())
	mine := widget.NewLabel(fmt.Sprintf("本机公钥：%s\n指纹：%s", pub, in.key.Fingerprint()))
	mine.Wrapping = fyne.TextWrapBreak
	copyBtn := widget.NewButton("复制公钥", func() { r.u.app.Clipboard().SetContent(pub) })
	list := widget.NewLabel(keyringText(in.kr))
	list.Wrapping = fyne.TextWrapWord
	name, key := widget.NewEntry(), widget.NewEntry()
	name.SetPlaceHolder("同事姓名（与其在设置中填写的姓名一致）")
	key.SetPlaceHolder("粘贴同事的公钥，或点“选择文件…”选其 installation.pub")
	file := widget.NewButton("选择文件…", func() {
		r.u.fileDialog("", nil, key.SetText)
	})
	add := widget.NewButton("加入密钥环", func() {
		fp, err := r.importKey(name.Text, key.Text)
		if err != nil {
			r.u.showErr(err)
			return
		}
		name.SetText("")
		key.SetText("")
		if in, err := loadInstallation(); err == nil {
			list.SetText(keyringText(in.kr))
		}
		r.u.showText(tr("完成"), "已加入密钥环，指纹 "+fp+"。\n请与本人当面或电话核对指纹。")
		r.reload()
	})
	add.Importance = widget.HighImportance
	body := container.NewVBox(mine, container.NewHBox(copyBtn), widget.NewSeparator(),
		widget.NewLabelWithStyle("已知同事的公钥", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), list,
		widget.NewSeparator(), widget.NewLabelWithStyle("加入同事的公钥", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		name, container.NewBorder(nil, nil, nil, file, key), container.NewHBox(add))
	d := dialog.NewCustom("密钥与同事", "关闭", container.NewVScroll(body), r.u.win)
	r.u.keyedInfo(d)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

// importKey adds name's key (base64 text or the path of a key file) to
// this installation's keyring and returns its fingerprint.
func (r *reviewScreen) importKey(name, keyOrFile string) (string, error) {
	in, err := loadInstallation()
	if err != nil {
		return "", err
	}
	var pub ed25519.PublicKey
	if pub, err = review.ReadPublicKey(strings.TrimSpace(keyOrFile)); err != nil {
		return "", err
	}
	if err := in.kr.Add(name, pub); err != nil {
		return "", err
	}
	if err := in.kr.Save(in.dir); err != nil {
		return "", err
	}
	return keys.Fingerprint(pub), nil
}

func keyringText(kr *review.Keyring) string {
	list := kr.List()
	if len(list) == 0 {
		return "（密钥环为空：同事的签名不会被采信，请先加入同事的公钥）"
	}
	var lines []string
	for _, e := range list {
		lines = append(lines, e.Name+"  指纹 "+e.Fingerprint)
	}
	return strings.Join(lines, "\n")
}
