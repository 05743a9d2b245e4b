package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/docattr/docattr/internal/msg"
)

// Sentinel errors of CheckTarget; the flows that write derived files
// (marking, cleaning, review steps, lifecycle notices) re-export them.
var (
	ErrSameFile   = errors.New("output would overwrite the input")
	ErrOutputPath = errors.New("bad output path")
)

// CheckTarget refuses an output path that would destroy something: the
// input itself (by name or, through links, by file), any of the protected
// files (such as the audit log), a folder, or a path whose folder does not
// exist. Every docattr output goes through it before anything is written.
func CheckTarget(input, output string, protected ...string) error {
	if output == "" {
		return msg.New(ErrOutputPath, "未指定输出文件", "no output file given")
	}
	if sameFile(input, output) {
		return msg.New(ErrSameFile, "输出文件不能覆盖原文件，请另选保存位置", "the output must not overwrite the input file")
	}
	for _, p := range protected {
		if p != "" && sameFile(p, output) {
			return msg.New(ErrOutputPath, fmt.Sprintf("输出文件不能覆盖 docattr 的数据文件 %s", p),
				fmt.Sprintf("the output must not overwrite docattr's data file %s", p))
		}
	}
	if st, err := os.Stat(output); err == nil && st.IsDir() {
		return msg.New(ErrOutputPath, fmt.Sprintf("输出路径 %s 是文件夹", output), fmt.Sprintf("output %s is a folder", output))
	}
	dir := filepath.Dir(output)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return msg.New(ErrOutputPath, fmt.Sprintf("输出文件夹 %s 不存在", dir), fmt.Sprintf("output folder %s does not exist", dir))
	}
	return nil
}

// sameFile reports whether two paths name the same file, by cleaned absolute
// name or by identity on disk.
func sameFile(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	ab, err2 := filepath.Abs(b)
	if err1 == nil && err2 == nil && aa == ab {
		return true
	}
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
