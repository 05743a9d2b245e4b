package marker

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/docattr/docattr/internal/msg"
)

// OutputSuffix is added to the file name of a marked copy written beside
// its input.
const OutputSuffix = "-已标注"

// DefaultOutput returns where the marked copy of input goes: in outDir when
// given, else beside the input with OutputSuffix. The extension is kept, since
// Word refuses a macro-enabled package (.docm) under another extension.
func DefaultOutput(input, outDir string) string {
	base := filepath.Base(input)
	if outDir != "" {
		return filepath.Join(outDir, base)
	}
	ext := filepath.Ext(base)
	return filepath.Join(filepath.Dir(input), strings.TrimSuffix(base, ext)+OutputSuffix+ext)
}

// checkOutput refuses an output that is the input itself or a folder.
func checkOutput(job Job) error {
	if job.Output == "" {
		return msg.New(ErrOutputPath, "未指定输出文件", "no output file given")
	}
	ai, _ := filepath.Abs(job.Input)
	ao, _ := filepath.Abs(job.Output)
	same := ai == ao
	if fi, err := os.Stat(job.Input); err == nil {
		if fo, err := os.Stat(job.Output); err == nil {
			same = same || os.SameFile(fi, fo)
			if fo.IsDir() {
				return msg.New(ErrOutputPath, fmt.Sprintf("输出路径 %s 是文件夹", job.Output), fmt.Sprintf("output %s is a folder", job.Output))
			}
		}
	}
	if same {
		return msg.New(ErrSameFile, "输出文件不能覆盖原文件，请另选保存位置", "the output must not overwrite the input file")
	}
	if st, err := os.Stat(filepath.Dir(ao)); err != nil || !st.IsDir() {
		return msg.New(ErrOutputPath, fmt.Sprintf("输出文件夹 %s 不存在", filepath.Dir(job.Output)),
			fmt.Sprintf("output folder %s does not exist", filepath.Dir(job.Output)))
	}
	return nil
}
