package docx

// Markup compatibility (mc:AlternateContent) offers a reader several
// branches: one or more mc:Choice elements, each for readers that know some
// extension, and an mc:Fallback for the others. Word shows the first Choice
// it understands; WPS, LibreOffice and older readers may show the Fallback.
// The check must see what any of them shows, so every branch is read, but
// text that merely repeats an earlier branch (the usual case: a DrawingML
// text box in the Choice, the same text as VML in the Fallback) is not
// reported twice:
//
//   - paragraphs that start inside a later branch and repeat a paragraph of
//     an earlier branch of the same mc:AlternateContent are dropped; the
//     rest are kept with AltContent set;
//   - text of a branch that stands inside a paragraph started before it
//     (run-level alternate content) would glue both branches into one line,
//     so Choice text goes to Paragraph.Text and Fallback text only to
//     Paragraph.Fallback, the line as a Fallback reader sees it.

// altFrame is one open mc:AlternateContent.
type altFrame struct {
	depth       int  // scanner depth of the mc:AlternateContent element
	first       int  // len(paras) at its start: paragraphs from here on began inside it
	branchFirst int  // len(paras) at the start of the current branch
	branches    int  // branches begun so far
	in          bool // inside a branch now
	fallback    bool // the current branch is mc:Fallback
}

// altStack tracks the open mc:AlternateContent elements of a story.
type altStack struct {
	frames []altFrame
	later  int // open branches that are not the first of their element
	// keepAll keeps the repeats too (reading with sources: the repeated
	// text is in the file twice, and both must be found to be edited).
	keepAll bool
}

func (a *altStack) top() *altFrame {
	if len(a.frames) == 0 {
		return nil
	}
	return &a.frames[len(a.frames)-1]
}

// start handles the start tag of an mc element at scanner depth depth
// (the element included); n is len(paras). A Choice or Fallback counts only
// as a child of the innermost mc:AlternateContent.
func (a *altStack) start(local string, depth, n int) {
	switch local {
	case "AlternateContent":
		a.frames = append(a.frames, altFrame{depth: depth, first: n})
	case "Choice", "Fallback":
		f := a.top()
		if f == nil || f.in || depth != f.depth+1 {
			return
		}
		f.in, f.fallback, f.branchFirst = true, local == "Fallback", n
		f.branches++
		if f.branches > 1 {
			a.later++
		}
	}
}

// end handles the end tag of an mc element; depth is the scanner depth
// after it. At the end of a later branch the paragraphs it started that
// repeat an earlier branch are dropped and the rest renumbered; paras is
// returned shortened.
func (a *altStack) end(local string, depth int, paras []Paragraph) []Paragraph {
	f := a.top()
	if f == nil {
		return paras
	}
	switch local {
	case "AlternateContent":
		if depth == f.depth-1 {
			a.frames = a.frames[:len(a.frames)-1]
		}
	case "Choice", "Fallback":
		if !f.in || depth != f.depth {
			return paras
		}
		f.in = false
		if f.branches > 1 {
			a.later--
			if !a.keepAll {
				paras = dropRepeats(paras, f.first, f.branchFirst)
			}
		}
	}
	return paras
}

// side tells where text emitted into the paragraph with index para goes:
// into the Choice view (Text), the Fallback view (Fallback), or both. Only
// alternate content begun after the paragraph itself counts; a paragraph
// wholly inside a branch is that branch's own paragraph.
func (a *altStack) side(para int) altSide {
	s := bothViews
	for i := range a.frames {
		f := &a.frames[i]
		if f.first <= para || !f.in {
			continue
		}
		if f.fallback {
			return fallbackView
		}
		s = choiceView
	}
	return s
}

type altSide uint8

const (
	bothViews altSide = iota
	choiceView
	fallbackView
)

// dropRepeats keeps the paragraphs of paras[branchFirst:] whose text is not
// already in paras[first:branchFirst] (or earlier in the branch) and that
// are not empty, renumbering them.
func dropRepeats(paras []Paragraph, first, branchFirst int) []Paragraph {
	if branchFirst >= len(paras) {
		return paras
	}
	seen := map[string]bool{}
	for _, p := range paras[first:branchFirst] {
		seen[altKey(p)] = true
	}
	kept := paras[:branchFirst]
	for _, p := range paras[branchFirst:] {
		k := altKey(p)
		if k == "\x00\x00" || seen[k] {
			continue
		}
		seen[k] = true
		p.Index = len(kept)
		kept = append(kept, p)
	}
	return kept
}

func altKey(p Paragraph) string {
	return Compact(p.Text) + "\x00" + Compact(p.Deleted) + "\x00" + Compact(p.Fallback)
}
