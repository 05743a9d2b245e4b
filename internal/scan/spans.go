package scan

// Span is a personal number found in a text by PersonalNumbers: its kind
// (KindIDCard, KindMobile, KindBankCard), the byte range [Start, End) in the
// text as given (invisible characters inside it included), and Masked, the
// number as findings show it (1101**********0043).
type Span struct {
	Kind       string
	Start, End int
	Masked     string
}

// PersonalNumbers returns the personal numbers of text with the same
// detectors Check uses, in order and without overlaps, so that an editor
// (internal/redact) can mask exactly what the check would report.
func PersonalNumbers(text string) []Span {
	ms := findNumbers(text)
	if len(ms) == 0 {
		return nil
	}
	out := make([]Span, len(ms))
	for i, m := range ms {
		out[i] = Span{Kind: m.kind, Start: m.start, End: m.end, Masked: maskNumber(m.kind, m.digits)}
	}
	return out
}

// KeepDigits is how many digits of a number of kind stay readable at its
// start and at its end when it is masked (ID 4+4, bank card 4+4, mobile 3+4).
func KeepDigits(kind string) (head, tail int) {
	if kind == KindMobile {
		return 3, 4
	}
	return 4, 4
}

func maskNumber(kind, digits string) string {
	switch kind {
	case KindIDCard:
		return maskID(digits)
	case KindBankCard:
		return maskBankCard(digits)
	}
	return maskMobile(digits)
}
