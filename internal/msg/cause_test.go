package msg

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestZhSaysGoErrorsInChinese: the errors a wrong path or a damaged file
// give reach people in Chinese, with the path kept and no English.
func TestZhSaysGoErrorsInChinese(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "草稿.docx")
	_, openErr := os.Open(missing)
	_, zipErr := zip.NewReader(bytes.NewReader([]byte("not a zip")), 9)
	cases := []struct {
		name string
		err  error
		want []string
	}{
		{"missing file", openErr, []string{"无法打开", missing, "不存在"}},
		{"wrapped missing file", Newf(nil, openErr, "文件无法读取", "file cannot be read"), []string{"文件无法读取（无法打开", "不存在）"}},
		{"not a zip", Newf(nil, zipErr, "无法读取文档", "cannot read"), []string{"不是有效的 .docx 文件"}},
		{"fmt-wrapped ours", fmt.Errorf("ctx: %w", New(nil, "中文", "English")), []string{"中文"}},
		{"joined", errors.Join(openErr, zip.ErrChecksum), []string{"不存在", "校验不符"}},
		{"unknown", errors.New("strange thing"), []string{"系统提示：strange thing"}},
	}
	for _, c := range cases {
		got := Zh(c.err)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: Zh = %q, want it to contain %q", c.name, got, w)
			}
		}
		if c.name != "unknown" && (strings.Contains(got, "no such file") || strings.Contains(got, "zip:") || strings.Contains(got, "open ")) {
			t.Errorf("%s: Zh = %q shows English", c.name, got)
		}
	}
}
