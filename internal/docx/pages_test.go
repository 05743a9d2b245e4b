package docx

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// knownLayout lists cases that fail for a reason outside placement, with
// the reason; the test reports them without failing.
var knownLayout = map[string]string{}

// knownTallFace lists originals that paginate differently when LibreOffice
// prints CJK with Noto Sans CJK, a face taller than Word's and Droid Sans
// Fallback: the stamper follows the narrow reading (see decision 010).
var knownTallFace = map[string]string{}

// tallFace reports whether the PDF prints CJK with Noto Sans CJK.
func tallFace(pdf string) bool {
	out, _ := exec.Command("pdffonts", pdf).Output()
	return strings.Contains(string(out), "NotoSansCJK")
}

// pdfWord is one word of pdftotext -bbox output.
type pdfWord struct {
	x0, y0, x1, y1 float64
	text           string
}

var rePdfWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

func pdfPages(t *testing.T, pdf string) [][]pdfWord {
	out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	var pages [][]pdfWord
	for _, chunk := range strings.Split(string(out), "<page ")[1:] {
		var ws []pdfWord
		for _, m := range rePdfWord.FindAllStringSubmatch(chunk, -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			ws = append(ws, pdfWord{f(m[1]), f(m[2]), f(m[3]), f(m[4]), m[5]})
		}
		pages = append(pages, ws)
	}
	return pages
}

func pageText(ws []pdfWord) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.text)
	}
	return Compact(b.String())
}

// lastPageWith is the last page whose text holds s, or -1.
func lastPageWith(pages [][]pdfWord, s string) int {
	for i := len(pages) - 1; i >= 0; i-- {
		if strings.Contains(pageText(pages[i]), Compact(s)) {
			return i
		}
	}
	return -1
}

// secrecyOverlap returns a word printed over the secrecy line, if any.
func secrecyOverlap(pages [][]pdfWord) string {
	for _, ws := range pages {
		var own []pdfWord
		for _, w := range ws {
			if strings.Contains(w.text, "★") {
				for _, v := range ws {
					if v.y0 > w.y0-2 && v.y0 < w.y0+2 && v.x0 < w.x1+40 {
						own = append(own, v)
					}
				}
				break
			}
		}
		if len(own) == 0 {
			continue
		}
		x0, y0, x1, y1 := own[0].x0, own[0].y0, own[0].x1, own[0].y1
		for _, w := range own {
			x0, y0, x1, y1 = min(x0, w.x0), min(y0, w.y0), max(x1, w.x1), max(y1, w.y1)
		}
	next:
		for _, w := range ws {
			for _, o := range own {
				if o == w {
					continue next
				}
			}
			if w.x0 < x1-1 && w.x1 > x0+1 && w.y0 < y1-1 && w.y1 > y0+1 {
				return w.text
			}
		}
		return ""
	}
	return ""
}

// TestPagesKeepTheirLayout renders drafts and their marked outputs with
// LibreOffice and checks the printed pages: the same page count, the note on
// the page of its 成文日期, the secrecy line over no other text. It covers
// the real and gongwen corpora and the generated edge cases, marked public
// and withheld with 秘密★1年.
func TestPagesKeepTheirLayout(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) not installed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	type job struct{ name, in, date string }
	var jobs []job
	add := func(name, src string) {
		d, err := Open(src)
		if err != nil {
			return // refusals are TestCorpus's business
		}
		defer d.Close()
		a := d.Analyze()
		date := ""
		if a.Date != nil {
			date = lastLine(a.Date.Text)
		}
		data, _ := os.ReadFile(src)
		in := filepath.Join(dir, name+"-in.docx")
		os.WriteFile(in, data, 0o644)
		stampTo(t, d, dir, name+"-public.docx", StampOptions{Record: Record{Attribute: "public"}, Note: "（此件公开发布）"})
		if !a.SecrecyInHeader { // docattr refuses to add a second level there
			sec, _ := stampTo(t, d, dir, name+"-secret.docx", StampOptions{Record: Record{Attribute: "withheld"}, SecrecyLine: ptr("秘密★1年"), Note: "（此件不予公开）"})
			// Declassified and published later: the marks change places
			// without moving the page.
			if d2, err := Open(sec); err == nil {
				stampTo(t, d2, dir, name+"-remarked.docx", StampOptions{Record: Record{Attribute: "public"}, SecrecyLine: ptr(""), Note: "（此件公开发布）"})
				d2.Close()
			}
		}
		jobs = append(jobs, job{name, in, date})
	}
	for _, sub := range []string{"real", "gongwen"} {
		m, _ := filepath.Glob(filepath.Join(corpusDir, sub, "*.docx"))
		for _, f := range m {
			add(sub+"_"+strings.TrimSuffix(filepath.Base(f), ".docx"), f)
		}
	}
	for name, parts := range edgeCases() {
		add(name, writeDocx(t, parts))
	}
	if len(jobs) == 0 {
		t.Skip("no corpus")
	}
	// Two LibreOffice processes (CI has two cores), each converting half
	// the files in one call: starting soffice costs more than a page.
	all, _ := filepath.Glob(filepath.Join(dir, "*.docx"))
	var wg sync.WaitGroup
	for k := range 2 {
		var half []string
		for i, f := range all {
			if i%2 == k {
				half = append(half, f)
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "lo"+strconv.Itoa(k)),
				"--convert-to", "pdf", "--outdir", dir}, half...)
			if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
				t.Errorf("soffice: %v\n%s", err, b)
			}
		}()
	}
	wg.Wait()
	for _, j := range jobs {
		pin := filepath.Join(dir, j.name+"-in.pdf")
		if _, err := os.Stat(pin); err != nil {
			continue // LibreOffice cannot render the original either
		}
		in := pdfPages(t, pin)
		for _, v := range []string{"public", "secret", "remarked"} {
			pdf := filepath.Join(dir, j.name+"-"+v+".pdf")
			if _, err := os.Stat(filepath.Join(dir, j.name+"-"+v+".docx")); err != nil {
				continue
			}
			var why []string
			out := []([]pdfWord)(nil)
			if _, err := os.Stat(pdf); err != nil {
				why = append(why, "output does not render")
			} else {
				out = pdfPages(t, pdf)
			}
			if out != nil && len(out) != len(in) {
				why = append(why, strconv.Itoa(len(in))+" pages became "+strconv.Itoa(len(out)))
			}
			note := map[string]string{"public": "（此件公开发布）", "secret": "（此件不予公开）", "remarked": "（此件公开发布）"}[v]
			if out != nil && j.date != "" {
				if p := lastPageWith(out, note); p < 0 {
					why = append(why, "note not printed")
				} else if !strings.Contains(pageText(out[p]), Compact(j.date)) {
					why = append(why, "note on page "+strconv.Itoa(p+1)+" without its 成文日期 "+j.date)
				}
			}
			if out != nil && v == "secret" {
				if w := secrecyOverlap(out); w != "" {
					why = append(why, "secrecy line overlaps "+w)
				}
			}
			if len(why) == 0 {
				continue
			}
			if reason, ok := knownTallFace[j.name]; ok && tallFace(pin) {
				t.Logf("%s/%s: known with Noto Sans CJK: %s (%s)", j.name, v, reason, strings.Join(why, "; "))
				continue
			}
			if reason, ok := knownLayout[j.name+"/"+v]; ok {
				t.Logf("%s/%s: known: %s (%s)", j.name, v, reason, strings.Join(why, "; "))
				continue
			}
			t.Errorf("%s/%s: %s", j.name, v, strings.Join(why, "; "))
		}
	}
}
