package cli

import (
	"fmt"
	"strings"

	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/review"
)

func runReviewKey(e *env) int {
	dir, k, _, err := e.installation()
	if err != nil {
		return e.fail("本机密钥 / installation key", err)
	}
	fmt.Fprintf(e.stdout, "本机公钥 / public key: %s\n", keys.EncodePublic(k.Public()))
	fmt.Fprintf(e.stdout, "指纹 / fingerprint: %s\n", k.Fingerprint())
	fmt.Fprintf(e.stdout, "公钥文件 / key file: %s/%s\n", dir, keys.PublicFile)
	fmt.Fprintln(e.stdout, "请把公钥交给同事，由其执行 / give it to colleagues, who run: docattr review keyring add 姓名 公钥")
	return ExitOK
}

func runReviewKeyring(e *env, args []string) int {
	if len(args) == 0 || (args[0] != "add" && args[0] != "list") {
		return e.usageErr("用法：review keyring add NAME PUBKEY|FILE 或 review keyring list", "review keyring add NAME PUBKEY|FILE, or review keyring list")
	}
	dir, _, kr, err := e.installation()
	if err != nil {
		return e.fail("密钥环 / keyring", err)
	}
	if args[0] == "list" {
		list := kr.List()
		if len(list) == 0 {
			fmt.Fprintln(e.stdout, "密钥环为空 / the keyring is empty")
		}
		for _, en := range list {
			fmt.Fprintf(e.stdout, "%s  %s  %s\n", term(en.Name), en.Fingerprint, en.PublicKey)
		}
		return ExitOK
	}
	if len(args) != 3 {
		return e.usageErr("用法：review keyring add NAME PUBKEY|FILE", "review keyring add NAME PUBKEY|FILE")
	}
	pub, err := review.ReadPublicKey(args[2])
	if err != nil {
		return e.fail("", err)
	}
	if err := kr.Add(args[1], pub); err != nil {
		return e.fail("", err)
	}
	if err := kr.Save(dir); err != nil {
		return e.fail("", err)
	}
	fmt.Fprintf(e.stdout, "已加入密钥环 / added to the keyring: %s（指纹 / fingerprint %s）\n", strings.TrimSpace(args[1]), keys.Fingerprint(pub))
	fmt.Fprintln(e.stdout, "请与本人当面或电话核对指纹 / confirm the fingerprint with the person")
	return ExitOK
}
