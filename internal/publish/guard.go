package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/docattr/docattr/internal/imported"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/settings"
)

// Sentinel kinds of the errors this package returns.
var (
	// ErrSameFile refuses an output that is an input of the same run.
	ErrSameFile = errors.New("output would overwrite an input")
	// ErrOutputPath refuses an output path that is empty, a folder, in a
	// missing folder, or names the audit log or docattr's data.
	ErrOutputPath = errors.New("bad output path")
	// ErrInputChanged refuses an input that changed while it was read.
	ErrInputChanged = errors.New("input changed while it was read")
	// ErrInUse refuses an output whose existing file cannot be replaced
	// (on Windows: open in Word or WPS).
	ErrInUse = errors.New("output file in use")
	// ErrNotPublished means the output could not be moved into place after
	// its event committed; a compensating event records the failure.
	ErrNotPublished = errors.New("output not published")
)

// Guard knows what no output of one run may overwrite: the inputs of the
// run, the audit log and its store of imported logs, and everything in
// this installation's data folder (keys, settings, keyring, logs). It also
// hands out distinct output names (Claim). A Guard is for one run and one
// goroutine.
type Guard struct {
	inputs  []string
	logPath string
	dataDir string
	dataSt  os.FileInfo   // nil when the data folder does not exist
	data    []os.FileInfo // files in the data folder, read when first needed
	read    bool
	claimed map[string]bool
	// the inputs by claimKey and their identities on disk, read when first
	// needed: every output is compared with every input, and a batch has
	// thousands
	inKeys  map[string]int
	inStats []os.FileInfo
}

// NewGuard returns the guard of a run that reads inputs and records in the
// audit log at logPath ("" for none).
func NewGuard(logPath string, inputs ...string) *Guard {
	g := &Guard{inputs: inputs, logPath: logPath, claimed: map[string]bool{}}
	if d, err := settings.DataDir(); err == nil {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			g.dataDir, g.dataSt = d, st
		}
	}
	return g
}

// Target decides where the output of input, wanted at want, is written:
// want itself, or a distinct name from Claim when want is taken. It
// refuses (before anything is written) an output that is input itself,
// and every place Check refuses.
func (g *Guard) Target(input, want string, overwrite bool) (string, error) {
	if err := g.checkPlace(want); err != nil {
		return "", err
	}
	if sameFile(input, want) {
		return "", sameInput(input, true)
	}
	out := g.Claim(want, overwrite)
	return out, g.Check(input, out)
}

// Check refuses output if writing it could destroy something: an input of
// the run or input (by any spelling, link or hard link), the audit log, a
// file in or a path into the data folder, a folder; or if its folder does
// not exist. input may be "" for an output derived from no file (an export
// of the log).
func (g *Guard) Check(input, output string) error {
	if err := g.checkPlace(output); err != nil {
		return err
	}
	if input != "" && sameFile(input, output) {
		return sameInput(input, true)
	}
	if in, ok := g.inputAt(output); ok {
		return sameInput(in, false)
	}
	return nil
}

// inputAt returns the input of the run that p names, by cleaned absolute
// name or by identity on disk (links and hard links included), as sameFile
// tells.
func (g *Guard) inputAt(p string) (string, bool) {
	if g.inKeys == nil {
		g.inKeys = make(map[string]int, len(g.inputs))
		g.inStats = make([]os.FileInfo, len(g.inputs))
		for i, in := range g.inputs {
			if _, dup := g.inKeys[claimKey(in)]; !dup {
				g.inKeys[claimKey(in)] = i
			}
			g.inStats[i], _ = os.Stat(in)
		}
	}
	if i, ok := g.inKeys[claimKey(p)]; ok {
		return g.inputs[i], true
	}
	st, err := os.Stat(p)
	if err != nil {
		return "", false
	}
	for i, in := range g.inStats {
		if in != nil && os.SameFile(in, st) {
			return g.inputs[i], true
		}
	}
	return "", false
}

// sameInput refuses an output that is the input itself, or (own false)
// another input of the run.
func sameInput(in string, own bool) error {
	if own {
		return msg.New(ErrSameFile, "输出文件不能覆盖原文件，请另选保存位置", "the output must not overwrite the input file")
	}
	return msg.New(ErrSameFile, fmt.Sprintf("输出文件不能覆盖本次的另一个输入文件 %s，请另选保存位置", in),
		fmt.Sprintf("the output must not overwrite %s, another input of this run", in))
}

// CheckLogOutput is Check for files made from the log itself (exports,
// checkpoints, statistics): they may be new files in the data folder, but
// never replace a file there, the log, or a folder.
func (g *Guard) CheckLogOutput(output string) error {
	return g.place(output, true)
}

func (g *Guard) checkPlace(output string) error { return g.place(output, false) }

func (g *Guard) place(output string, newInData bool) error {
	if output == "" {
		return msg.New(ErrOutputPath, "未指定输出文件", "no output file given")
	}
	if g.logPath != "" {
		for _, p := range []string{g.logPath, imported.PathFor(g.logPath)} {
			if sameFile(p, output) {
				return msg.New(ErrOutputPath, fmt.Sprintf("输出文件不能覆盖审计日志 %s", p),
					fmt.Sprintf("the output must not overwrite the audit log %s", p))
			}
		}
	}
	if g.inDataDir(output, newInData) {
		return msg.New(ErrOutputPath,
			fmt.Sprintf("输出文件不能保存到 docattr 的数据文件夹 %s（其中有本机密钥、设置和审计日志），请另选保存位置", g.dataDir),
			fmt.Sprintf("outputs must not go into docattr's data folder %s (installation key, settings, audit log): choose another place", g.dataDir))
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

// inDataDir reports whether output lies in the data folder, following its
// parent folders up by identity (so case, ./, .. and symlinked folders do
// not hide it), or is an existing file that is one of the data files (a
// symlink or hard link to installation.key counts).
func (g *Guard) inDataDir(output string, onlyExisting bool) bool {
	if g.dataSt == nil {
		return false
	}
	if onlyExisting {
		return g.isDataFile(output)
	}
	abs, err := filepath.Abs(output)
	if err != nil {
		return true // cannot tell: refuse
	}
	parents := []string{filepath.Dir(abs)}
	if real, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		parents = append(parents, real)
	}
	for _, p := range parents {
		for {
			if st, err := os.Stat(p); err == nil && os.SameFile(st, g.dataSt) {
				return true
			}
			up := filepath.Dir(p)
			if up == p {
				break
			}
			p = up
		}
	}
	return g.isDataFile(output)
}

// isDataFile reports whether output is an existing file of the data folder
// (through any link).
func (g *Guard) isDataFile(output string) bool {
	st, err := os.Stat(output)
	if err != nil {
		return false
	}
	for _, d := range g.dataFiles() {
		if os.SameFile(st, d) {
			return true
		}
	}
	return false
}

// dataFiles lists the files in the data folder and its subfolders (bounded:
// the folder holds a handful).
func (g *Guard) dataFiles() []os.FileInfo {
	if g.read {
		return g.data
	}
	g.read = true
	n := 0
	filepath.WalkDir(g.dataDir, func(p string, e os.DirEntry, err error) error {
		if n++; n > 10000 {
			return filepath.SkipAll
		}
		if err == nil && !e.IsDir() {
			if st, err := os.Stat(p); err == nil {
				g.data = append(g.data, st)
			}
		}
		return nil
	})
	return g.data
}

// Claim returns where an output wanted at want really goes: want itself
// when no earlier output of the run claimed it, it is no input of the run,
// and it does not exist (or overwrite is set); otherwise the first free
// name stem(2).ext, stem(3).ext, … in the same folder. Outputs of one run
// never overwrite each other, whatever overwrite says.
func (g *Guard) Claim(want string, overwrite bool) string {
	dir, base := filepath.Split(want)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	out := want
	for i := 2; g.taken(out, overwrite) && i < 10000; i++ {
		out = filepath.Join(dir, fmt.Sprintf("%s(%d)%s", stem, i, ext))
	}
	g.claimed[claimKey(out)] = true
	return out
}

func (g *Guard) taken(p string, overwrite bool) bool {
	if g.claimed[claimKey(p)] {
		return true
	}
	if _, ok := g.inputAt(p); ok {
		return true
	}
	_, err := os.Lstat(p)
	return err == nil && !overwrite
}

// claimKey names a path for Claim's bookkeeping: absolute, and case-folded
// where file names are case-insensitive.
func claimKey(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		p = a
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		p = strings.ToLower(p)
	}
	return p
}

// sameFile reports whether two paths name the same file, by cleaned absolute
// name or by identity on disk (links and hard links included).
func sameFile(a, b string) bool {
	if claimKey(a) == claimKey(b) {
		return true
	}
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
