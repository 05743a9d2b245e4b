// Command benchgen prepares and times the side-by-side benchmark of
// scripts/bench.sh.
//
//	benchgen gen -big FILE [-pages 300] [-picture 15] -batch DIR [-n 20] [-corpus DIR]
//	    writes the big draft (picture size in MiB) and n small drafts: copies
//	    of the corpus's *-plain.docx files when the corpus is there, else
//	    generated 5-page drafts.
//	benchgen time [-n 5] [-warmup 1] -- COMMAND [ARG...]
//	    runs COMMAND warmup+n times ({i} in an argument becomes the run
//	    number) and prints "best_ms median_ms cpu_ms": wall times on the
//	    monotonic clock and the least user+system CPU time of a run (with
//	    the command's waited-for children);
//	    the command's output is shown only when it fails.
//	benchgen pad [-pages 300] IN OUT
//	    writes OUT: the real document IN with its body repeated to fill
//	    about that many pages (every other part copied raw).
//	benchgen partsize FILE PART
//	    prints the uncompressed size in bytes of one part of a zip package.
package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/benchgen"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = gen(os.Args[2:])
	case "time":
		err = timeCmd(os.Args[2:])
	case "partsize":
		err = partSize(os.Args[2:])
	case "pad":
		err = pad(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchgen:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: benchgen gen|time|pad|partsize ... (see go doc ./internal/benchgen/cmd/benchgen)")
	os.Exit(2)
}

func gen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	big := fs.String("big", "", "path of the big draft")
	pages := fs.Int("pages", 300, "pages of the big draft")
	picture := fs.Int("picture", 15, "picture size of the big draft in MiB")
	batch := fs.String("batch", "", "folder for the batch drafts")
	n := fs.Int("n", 20, "number of batch drafts")
	corpus := fs.String("corpus", "", "folder of corpus drafts (*-plain.docx) to copy into the batch")
	_ = fs.Parse(args)
	if *big != "" {
		if err := benchgen.WriteDraft(*big, *pages, *picture<<20); err != nil {
			return err
		}
	}
	if *batch == "" {
		return nil
	}
	if err := os.MkdirAll(*batch, 0o755); err != nil {
		return err
	}
	var src []string
	if *corpus != "" {
		src, _ = filepath.Glob(filepath.Join(*corpus, "*-plain.docx"))
		sort.Strings(src)
	}
	for i := range *n {
		dst := filepath.Join(*batch, fmt.Sprintf("draft-%02d.docx", i+1))
		if len(src) == 0 {
			if err := benchgen.WriteDraftOptions(dst, benchgen.Options{Pages: 5, Seed: int64(i + 1)}); err != nil {
				return err
			}
			continue
		}
		if err := copyFile(src[i%len(src)], dst); err != nil {
			return err
		}
	}
	what := "generated 5-page drafts"
	if len(src) > 0 {
		what = fmt.Sprintf("copies of %d corpus drafts", len(src))
	}
	fmt.Printf("%d batch drafts in %s: %s\n", *n, *batch, what)
	return nil
}

func pad(args []string) error {
	fs := flag.NewFlagSet("pad", flag.ExitOnError)
	pages := fs.Int("pages", 300, "pages of text to fill")
	_ = fs.Parse(args)
	if fs.NArg() != 2 {
		usage()
	}
	return benchgen.Pad(fs.Arg(0), fs.Arg(1), *pages)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// timeCmd runs each command warmup+n times and prints, one line per
// command, its best and median wall time and its least CPU time, in ms.
// Commands are separated by ":::" and run in turn (A B C A B C ...), so
// that a change in the machine's speed during the runs (other work on a
// shared host) falls on all of them alike and their ratios hold.
func timeCmd(args []string) error {
	fs := flag.NewFlagSet("time", flag.ExitOnError)
	n := fs.Int("n", 5, "measured runs")
	warmup := fs.Int("warmup", 1, "unmeasured runs first")
	_ = fs.Parse(args)
	var cmds [][]string
	for rest := fs.Args(); len(rest) > 0; {
		k := slices.Index(rest, ":::")
		if k < 0 {
			k = len(rest)
		}
		if k == 0 {
			return fmt.Errorf("time: empty command")
		}
		cmds = append(cmds, rest[:k])
		rest = rest[min(k+1, len(rest)):]
	}
	if len(cmds) == 0 {
		return fmt.Errorf("time: no command")
	}
	runs := make([][]time.Duration, len(cmds))
	cpu := make([][]time.Duration, len(cmds))
	for i := range *warmup + *n {
		for c, argv := range cmds {
			cmd := exec.Command(argv[0])
			for _, a := range argv[1:] {
				cmd.Args = append(cmd.Args, strings.ReplaceAll(a, "{i}", strconv.Itoa(i)))
			}
			var stderr bytes.Buffer // shown only when the command fails
			cmd.Stdout, cmd.Stderr = io.Discard, &stderr
			start := time.Now() // monotonic
			err := cmd.Run()
			d := time.Since(start)
			if err != nil {
				os.Stderr.Write(stderr.Bytes())
				return fmt.Errorf("%s: %w", strings.Join(cmd.Args, " "), err)
			}
			if i >= *warmup {
				runs[c] = append(runs[c], d)
				cpu[c] = append(cpu[c], cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
			}
		}
	}
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 2, 64) }
	for c := range cmds {
		slices.Sort(runs[c])
		slices.Sort(cpu[c])
		fmt.Println(ms(runs[c][0]), ms(runs[c][len(runs[c])/2]), ms(cpu[c][0]))
	}
	return nil
}

func partSize(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("partsize FILE PART")
	}
	z, err := zip.OpenReader(args[0])
	if err != nil {
		return err
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == args[1] {
			fmt.Println(f.UncompressedSize64)
			return nil
		}
	}
	return fmt.Errorf("%s has no part %s", args[0], args[1])
}
