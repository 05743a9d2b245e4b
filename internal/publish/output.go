package publish

import (
	"errors"
	"fmt"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/msg"
)

// Output is a derived file being written. It is invisible at Path until
// Commit (or CommitAll) moves it there after its event committed; Abort
// throws it away. It is an io.Writer, and an io.ReaderAt over what was
// written so far (to read a result back before it is published).
type Output struct {
	Path string
	tmp  *atomicfile.File
	hash *hasher
	sum  string
}

// Create starts the output at path: a temporary file in path's folder
// (unnamed where the system allows, see atomicfile). Check the path with a
// Guard first.
func Create(path string) (*Output, error) {
	tmp, err := atomicfile.Create(path)
	if err != nil {
		return nil, msg.Newf(nil, err, "无法创建输出文件 "+path, "cannot create the output file "+path)
	}
	return &Output{Path: path, tmp: tmp, hash: newHasher()}, nil
}

// Write appends to the output; what the file accepted is hashed on the way.
func (o *Output) Write(p []byte) (int, error) {
	return o.hash.write(p, o.tmp.Write)
}

// ReadAt reads back what was written.
func (o *Output) ReadAt(p []byte, off int64) (int, error) { return o.tmp.ReadAt(p, off) }

// Size is the number of bytes written.
func (o *Output) Size() int64 { return o.tmp.Size() }

// Finish makes the written bytes durable and returns their SHA-256, which
// was computed as they were written (a hash of exactly what went to the
// file, not read back). Call it once, after the last Write.
func (o *Output) Finish() (string, error) {
	err := o.tmp.Sync()
	o.hash.stop()
	sum := <-o.hash.sum
	if err != nil {
		return "", o.Failed(err)
	}
	o.sum = sum
	return o.sum, nil
}

// Failed is the error for an output whose writing failed with err: err
// itself when it already speaks to people (a damaged part of the input,
// say), else "写入输出文件失败" naming the output. Nothing is published.
func (o *Output) Failed(err error) error {
	var m *msg.Error
	if errors.As(err, &m) {
		return err
	}
	return msg.Newf(nil, err, "写入输出文件失败，未生成输出文件："+o.Path, "writing the output failed, nothing written: "+o.Path)
}

// Abort throws the output away; safe to defer right after Create and to
// call after Commit.
func (o *Output) Abort() {
	o.hash.stop()
	o.tmp.Abort()
}

func inUse(path string, err error) error {
	return msg.Newf(ErrInUse, err,
		fmt.Sprintf("输出文件 %s 已被其他程序（如 Word、WPS）打开或不可替换，请关闭后重试；未生成输出文件", path),
		fmt.Sprintf("the output file %s is open in another program (Word, WPS?) or cannot be replaced: close it and try again; no output written", path))
}
