package fuzz

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// want says what value a draw is asked for.
type want int

const (
	valid      want = iota // inside every constraint, preferring the edges
	tooShort               // length or value one below the minimum
	tooLong                // length or value one above the maximum
	badPattern             // right length, one rune the pattern rejects
	nearMiss               // an enum value that is almost a member of the set
)

// unboundedLength caps drawn strings and lists whose model length has no maximum.
const unboundedLength = 24

// stringDraw draws a string for one string shape from its Length and Pattern constraints.
type stringDraw struct {
	c     contracts.Constraints
	alpha alphabet
	// example is a valid value; it is needed for structured patterns (UserPoolIdType), whose
	// values cannot be drawn rune by rune.
	example string
	// stretch makes the values of a structured pattern from example (NewGenerator's, per member).
	stretch *stretcher
	want    want
	// discard: the value is replaced by the caller, so make draws it but returns "" (the
	// randomness drawn is the same, the text is not made).
	discard bool
	out     string
	ok      bool // false: the constraint cannot be broken that way (no minimum above 0, ...)
}

func (d *stringDraw) bounds() (lo, hi int) {
	lo, hi = 0, unboundedLength
	if v, ok := d.c.Length.MinInt(); ok {
		lo = int(v)
	}
	if v, ok := d.c.Length.MaxInt(); ok {
		hi = int(v)
	}
	if d.c.Pattern != "" && lo == 0 {
		lo = 1 // every model pattern here ends in '+': the empty string never matches
	}
	return lo, hi
}

func (d *stringDraw) fill(r rnd) {
	lo, hi := d.bounds()
	_, hasMin := d.c.Length.MinInt()
	_, hasMax := d.c.Length.MaxInt()
	d.ok = true
	switch d.want {
	case valid:
		if !d.alpha.free() {
			lo = max(lo, utf8.RuneCountInString(d.example))
		}
		d.out = d.make(r, edge(r, lo, hi))
	case tooShort:
		d.ok = hasMin && lo > 0
		if d.ok {
			d.out = d.make(r, lo-1)
		}
	case tooLong:
		d.ok = hasMax
		if d.ok {
			d.out = d.make(r, hi+1)
		}
	case badPattern:
		d.out, d.ok = d.breakPattern(r, lo, hi)
	}
}

// edge draws a length or value in [lo, hi], half the time on an edge.
func edge(r rnd, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	switch r.Intn(6) {
	case 0:
		return lo
	case 1:
		return hi
	case 2:
		return lo + 1
	case 3:
		return hi - 1
	default:
		return lo + r.Intn(hi-lo+1)
	}
}

// make builds a string of n runes that the pattern accepts (any runes when n is outside the
// bounds: only the length is then wrong): appendMake's value. The block is drawn into a scratch
// buffer; a value that repeats it is written once, at its exact size, from there (repeatText),
// and recorded with its period in the draw's texts (drawnTexts.addPeriodic), which render its
// JSON text from the block's.
func (d *stringDraw) make(r rnd, n int) string {
	if n <= 0 {
		return ""
	}
	if !d.alpha.free() {
		if d.discard { // stretch draws nothing
			return ""
		}
		return d.stretch.stretch(n) // a string already: no copy through the buffer
	}
	buf := getRenderBuf()
	defer putRenderBuf(buf)
	block, rest := d.block(r, n, (*buf)[:0])
	*buf = block
	if d.discard {
		return ""
	}
	if n <= repeatBlock { // the block is the value
		return string(block)
	}
	v := repeatText(block, n/repeatedRunes(n), rest)
	r.texts.addPeriodic(v, len(block))
	return v
}

// repeatText returns block repeated reps times, then its first rest bytes: appendRepeated's
// text, written once into memory made at its size (strings.Builder: not zeroed, no copy into a
// string).
func repeatText(block []byte, reps, rest int) string {
	var sb strings.Builder
	sb.Grow(len(block)*reps + rest)
	sb.Write(block)
	writeRepeats(&sb, 0, reps)
	sb.Write(block[:rest])
	return sb.String()
}

// repeatChunk bounds the bytes a repeat copies at a time (writeRepeats, appendRepeated) and
// the repeats a body is joined from (drawnTexts.join, hugeParts): the copies are read from
// what is already written, and a chunk this size stays in the first-level cache
// (strings.Repeat's chunkLimit).
const repeatChunk = 8 << 10

// chunkUnits is how many whole units of unit bytes (unit > 0) make a chunk: as many as fit in
// repeatChunk bytes, but one.
func chunkUnits(unit int) int { return max(repeatChunk/unit, 1) }

// repeatCopy is the bytes the next copy of a repeat writes when done bytes of whole units of
// unit bytes are written and left bytes are still to write: the copies double what is
// written, in chunks (chunkUnits), read from what is written (strings.Repeat's way).
func repeatCopy(done, left, unit int) int { return min(done, left, chunkUnits(unit)*unit) }

// writeRepeats makes what sb holds from start on, a unit, repeated reps times (repeatCopy).
func writeRepeats(sb *strings.Builder, start, reps int) {
	unit := sb.Len() - start
	if unit == 0 {
		return
	}
	for end := start + unit*reps; sb.Len() < end; {
		sb.WriteString(sb.String()[start : start+repeatCopy(sb.Len()-start, end-sb.Len(), unit)])
	}
}

// appendMake appends the value make would build to dst: the block is drawn into dst itself,
// then repeated from there. hi is the maximum length of d's values (bounds'), which the caller
// finds once for the many values it appends (urlList).
func (d *stringDraw) appendMake(dst []byte, r rnd, n, hi int) []byte {
	if n <= 0 {
		return dst
	}
	if !d.alpha.free() {
		return append(dst, d.stretch.stretch(n)...)
	}
	start := len(dst)
	dst, rest := drawBlock(dst, r, n, d.alpha.utf8, hi)
	if n <= repeatBlock { // the block is the value
		return dst
	}
	return appendRepeated(dst, start, n/repeatedRunes(n), rest)
}

// appendRepeated makes dst[start:], a block (not empty), repeated reps times and followed by
// its first rest bytes, in room made once (the copies: repeatCopy).
func appendRepeated(dst []byte, start, reps, rest int) []byte {
	unit := len(dst) - start
	end := start + unit*reps
	dst = slices.Grow(dst, end+rest-len(dst))
	for len(dst) < end {
		dst = append(dst, dst[start:start+repeatCopy(len(dst)-start, end-len(dst), unit)]...)
	}
	return append(dst, dst[start:start+rest]...)
}

// breakPattern returns a value inside the length bounds that the pattern rejects.
func (d *stringDraw) breakPattern(r rnd, lo, hi int) (string, bool) {
	re := d.c.Regexp()
	if re == nil || len(d.alpha.denied) == 0 {
		return "", false
	}
	n := lo
	if hi > lo {
		n = lo + r.Intn(min(hi, lo+16)-lo+1)
	}
	for try := 0; try < 8; try++ {
		base := []rune(d.make(r, max(n, 1)))
		if !d.alpha.free() {
			base = []rune(d.example)
		}
		bad := d.alpha.denied[r.Intn(len(d.alpha.denied))]
		if bad > 0xFFFF && len(base)+1 >= hi {
			continue
		}
		pos := r.Intn(len(base))
		base[pos] = bad // replace, so the length stays inside the bounds
		if s := string(base); !re.MatchString(s) && utf8.RuneCountInString(s) >= lo {
			return s, true
		}
	}
	return "", false
}

// intDraw draws an integer from a Range constraint, or from [lo, hi] when the caller narrows
// it (token validities at the edges of R13).
type intDraw struct {
	lo, hi int64
	want   want
	out    int64
	ok     bool
}

// newIntDraw returns the draw of c's range (a value: it stays on the drawing stack).
func newIntDraw(c contracts.Constraints, w want) intDraw {
	d := intDraw{lo: 0, hi: 1 << 31, want: w}
	if v, ok := c.Range.MinInt(); ok {
		d.lo = v
	}
	if v, ok := c.Range.MaxInt(); ok {
		d.hi = v
	}
	return d
}

func (d *intDraw) fill(r rnd) {
	d.ok = true
	switch d.want {
	case tooShort:
		d.out = d.lo - 1
	case tooLong:
		d.out = d.hi + 1
	default:
		span := d.hi - d.lo
		switch r.Intn(5) {
		case 0:
			d.out = d.lo
		case 1:
			d.out = d.hi
		case 2:
			d.out = min(d.lo+1, d.hi)
		case 3:
			d.out = max(d.hi-1, d.lo)
		default:
			d.out = d.lo + r.Int63()%(span+1)
		}
	}
}

// enumDraw draws an enum value, or a near miss: a value the set almost holds.
type enumDraw struct {
	values []string
	// boxes are values boxed once (Generator.enums; nil: none), in the same order: a value
	// drawn from the set is then boxed as well (box), without a box of its own per draw.
	boxes []any
	want  want
	out   string
	box   any // out boxed, from boxes (nil: not drawn from them)
	ok    bool
}

func (d *enumDraw) fill(r rnd) {
	d.ok = len(d.values) > 0
	if !d.ok {
		return
	}
	k := r.Intn(len(d.values))
	v := d.values[k]
	if d.want != nearMiss {
		d.out = v
		if k < len(d.boxes) {
			d.box = d.boxes[k]
		}
		return
	}
	misses := []string{
		swapCase(v),  // case-sensitive values (R27)
		v + " ",      // trailing space
		v[:len(v)-1], // one character short
		strings.ReplaceAll(v, "_", "-"),
		"",
	}
	for i := 0; i < len(misses); i++ {
		m := misses[(r.Intn(len(misses))+i)%len(misses)]
		if !contains(d.values, m) {
			d.out = m
			return
		}
	}
	d.ok = false
}

func swapCase(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return unicode.ToLower(r)
		}
		return unicode.ToUpper(r)
	}, s)
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
