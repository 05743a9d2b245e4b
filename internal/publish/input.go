package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/prefault"
)

// Input is an input file held open for one derivation: the derivation reads
// it through Input (an io.ReaderAt), its SHA-256 is computed from the same
// open file (a small one: from the same bytes in memory) on a second core
// meanwhile, and Sum refuses the input if it changed on disk before the
// derivation ended. The hash an event records
// is therefore the hash of exactly the bytes that were read.
type Input struct {
	Path string
	f    *os.File
	st   os.FileInfo
	data []byte // the whole file, for a small one (memInput)
	sum  chan hashResult
	res  *hashResult
}

// memInput is the size up to which an input is read whole, once, when it
// is opened: the reader, the verifier, the raw copies and the hash then
// share those bytes instead of each reading the file (a small draft's
// parts took some sixty reads of their own), and what is hashed is what
// was parsed by construction.
const memInput = 4 << 20

type hashResult struct {
	sum string
	err error
}

// OpenInput opens path and starts hashing it. Errors wrap opc.ErrUnreadable,
// like docx.Open's.
func OpenInput(path string) (*Input, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", opc.ErrUnreadable, err)
	}
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		f.Close()
		if err == nil {
			err = fmt.Errorf("%s is a folder", path)
		}
		return nil, fmt.Errorf("%w: %w", opc.ErrUnreadable, err)
	}
	in := &Input{Path: path, f: f, st: st, sum: make(chan hashResult, 1)}
	if n := st.Size(); n <= memInput {
		data := make([]byte, n)
		stop := prefault.Behind(data)
		_, err := io.ReadFull(f, data)
		stop()
		if err == nil {
			in.data = data
			go func() {
				sum := sha256.Sum256(data)
				in.sum <- hashResult{hex.EncodeToString(sum[:]), nil}
			}()
			return in, nil
		}
		// Shorter than its size a moment ago: read it as a large one, and
		// Sum refuses it if it changed.
	}
	go func() {
		// A large buffer: io.Copy's 32 KiB would be a system call per
		// 32 KiB of a 15 MB picture.
		h, buf := sha256.New(), make([]byte, min(max(st.Size(), 4<<10), 512<<10))
		_, err := io.CopyBuffer(h, io.NewSectionReader(f, 0, st.Size()), buf)
		in.sum <- hashResult{hex.EncodeToString(h.Sum(nil)), err}
	}()
	return in, nil
}

// ReadAt reads the input as it was opened.
func (in *Input) ReadAt(p []byte, off int64) (int, error) {
	if in.data == nil {
		return in.f.ReadAt(p, off)
	}
	if off < 0 {
		return 0, errors.New("publish.Input.ReadAt: negative offset")
	}
	if off >= int64(len(in.data)) {
		return 0, io.EOF
	}
	n := copy(p, in.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// Bytes returns the whole input when it was read into memory (a small
// one), else nil (opc.InMemory): the package's parts are read there.
func (in *Input) Bytes() []byte { return in.data }

var _ opc.InMemory = (*Input)(nil)

// Size is the input's size when opened.
func (in *Input) Size() int64 { return in.st.Size() }

// Sum returns the input's SHA-256. Call it when everything derived from
// the input has been read: it refuses (ErrInputChanged) an input that was
// written to, truncated or replaced since OpenInput.
func (in *Input) Sum() (string, error) {
	if in.res == nil {
		r := <-in.sum
		in.res = &r
	}
	if in.res.err != nil {
		return "", fmt.Errorf("%w: hash %s: %w", opc.ErrUnreadable, in.Path, in.res.err)
	}
	now, err := in.f.Stat()
	named, err2 := os.Stat(in.Path)
	if err != nil || err2 != nil || !unchanged(in.st, now) || !os.SameFile(in.st, named) {
		return "", msg.New(ErrInputChanged,
			fmt.Sprintf("文件 %s 在处理过程中被修改或替换，未生成输出文件；请在文件保存完毕后重试", in.Path),
			fmt.Sprintf("%s was modified or replaced while it was processed; no output written: try again once it is saved", in.Path))
	}
	return in.res.sum, nil
}

// Close waits for the hash and releases the file. It is safe to defer
// right after OpenInput and to call more than once.
func (in *Input) Close() {
	if in.res == nil {
		r := <-in.sum
		in.res = &r
	}
	in.f.Close()
}
