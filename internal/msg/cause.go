package msg

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// causeZh says a Go error in Chinese: the errors the standard library
// returns for files and zips are what a user meets when a path is wrong or
// a file is damaged, and "open …: no such file or directory" means nothing
// to them. An error of ours (*Error) gives its own Chinese; an error this
// table does not know is kept as 系统提示 so that nothing is hidden.
func causeZh(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return Zh(e)
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var parts []string
		for _, c := range j.Unwrap() {
			parts = append(parts, causeZh(c))
		}
		return strings.Join(parts, "；")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return opZh(pe.Op) + "“" + pe.Path + "”：" + reasonZh(pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return "无法把“" + le.Old + "”移到“" + le.New + "”：" + reasonZh(le.Err)
	}
	return reasonZh(err)
}

func opZh(op string) string {
	switch op {
	case "open":
		return "无法打开"
	case "read":
		return "无法读取"
	case "write":
		return "无法写入"
	case "stat", "lstat":
		return "无法访问"
	case "remove", "unlinkat":
		return "无法删除"
	case "mkdir", "mkdirall":
		return "无法创建文件夹"
	case "rename":
		return "无法移动"
	}
	return "无法处理"
}

// reasonZh names the cause of a failed file or zip operation.
func reasonZh(err error) string {
	var se *xml.SyntaxError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限（文件可能只读、被占用或属于他人）"
	case errors.Is(err, fs.ErrExist):
		return "同名文件已存在"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间不足"
	case errors.Is(err, syscall.EISDIR):
		return "这是一个文件夹，不是文件"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一项不是文件夹"
	case errors.Is(err, syscall.EROFS):
		return "磁盘只读"
	case errors.Is(err, zip.ErrFormat):
		return "不是有效的 .docx 文件（文件内部的压缩包格式不对，可能已损坏或不是 Word 文件）"
	case errors.Is(err, zip.ErrChecksum):
		return "文件已损坏（压缩包校验不符）"
	case errors.Is(err, zip.ErrAlgorithm):
		return "文件使用了不支持的压缩方式"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "文件不完整（可能被截断）"
	case errors.Is(err, os.ErrDeadlineExceeded):
		return "等待超时"
	case errors.As(err, &se):
		return fmt.Sprintf("文件内容格式错误（第 %d 行）", se.Line)
	}
	return "系统提示：" + err.Error()
}
