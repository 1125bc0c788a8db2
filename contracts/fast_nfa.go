package contracts

import (
	"math/bits"
	"regexp/syntax"
	"unicode/utf8"
)

// nfaPattern matches an anchored pattern (^...$) of at most 64 instructions, compiled by
// regexp/syntax as regexp.Compile compiles it, by running all of its threads at once as a bit
// set: one step per character, a table lookup per ASCII byte, no backtracking and no regexp
// machine. It covers the patterns rune classes and sequences do not, ArnType's
// ^arn:[\w+=/,.@-]+:...(:[\w+=/,.@-]+)?$ among them (AnalyticsConfiguration.RoleArn and
// ApplicationArn), where the regexp package's NFA takes tens of nanoseconds a byte on the
// 200 KB values the fuzzer draws. Its differential and fuzz tests against regexp are in
// fast_nfa_test.go.
type nfaPattern struct {
	start   uint64       // the threads at the beginning of the text
	ascii   [128]uint64  // per ASCII byte: the instructions that take it
	classes []*runeClass // per instruction: what a consuming one takes (nil for the others)
	next    []uint64     // per consuming instruction: the threads after it took a character
	final   uint64       // threads that match at the end of the text
	empty   bool         // whether the empty text matches
}

// maxNFA keeps a thread set in one word.
const maxNFA = 64

// compileNFA returns the matcher of a pattern anchored at both ends (a concatenation that
// begins with ^ and ends with $), nil for other patterns or programs beyond its reach (more
// than 64 instructions, case folding, other empty-width assertions).
func compileNFA(pattern string) *nfaPattern {
	re, err := syntax.Parse(pattern, syntax.Perl) // regexp.Compile's flags
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) < 2 ||
		re.Sub[0].Op != syntax.OpBeginText || re.Sub[len(re.Sub)-1].Op != syntax.OpEndText {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil || len(prog.Inst) > maxNFA {
		return nil
	}
	np := &nfaPattern{classes: make([]*runeClass, len(prog.Inst)), next: make([]uint64, len(prog.Inst))}
	for pc, inst := range prog.Inst {
		switch inst.Op {
		case syntax.InstRune:
			if syntax.Flags(inst.Arg)&syntax.FoldCase != 0 {
				return nil
			}
			if len(inst.Rune) == 1 {
				np.classes[pc] = newRuneClass([]rune{inst.Rune[0], inst.Rune[0]})
			} else {
				np.classes[pc] = newRuneClass(inst.Rune)
			}
		case syntax.InstRune1:
			np.classes[pc] = newRuneClass([]rune{inst.Rune[0], inst.Rune[0]})
		case syntax.InstRuneAny:
			np.classes[pc] = newRuneClass([]rune{0, utf8.MaxRune})
		case syntax.InstRuneAnyNotNL:
			np.classes[pc] = newRuneClass([]rune{0, '\n' - 1, '\n' + 1, utf8.MaxRune})
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(inst.Arg)&^(syntax.EmptyBeginText|syntax.EmptyEndText) != 0 {
				return nil
			}
		}
	}
	c := closer{prog: prog}
	for pc, inst := range prog.Inst {
		if np.classes[pc] != nil {
			np.next[pc] = c.closure(inst.Out, false, false)
			for b := 0; b < utf8.RuneSelf; b++ {
				if np.classes[pc].ascii[b] {
					np.ascii[b] |= 1 << pc
				}
			}
		}
		if inst.Op == syntax.InstMatch ||
			inst.Op == syntax.InstEmptyWidth && c.closure(uint32(pc), false, true)&c.matches() != 0 {
			np.final |= 1 << pc
		}
	}
	np.start = c.closure(uint32(prog.Start), true, false)
	np.empty = c.closure(uint32(prog.Start), true, true)&c.matches() != 0
	return np
}

// closer follows a program's empty transitions.
type closer struct {
	prog *syntax.Prog
}

// matches is the set of the program's InstMatch instructions.
func (c closer) matches() uint64 {
	var m uint64
	for pc, inst := range c.prog.Inst {
		if inst.Op == syntax.InstMatch {
			m |= 1 << pc
		}
	}
	return m
}

// closure is the set of threads reached from pc without taking a character: consuming
// instructions, matches, and the $ assertions not yet passable (kept for the end of the
// text). ^ passes only at the beginning (begin), $ only at the end (end).
func (c closer) closure(pc uint32, begin, end bool) uint64 {
	var set, seen uint64
	var walk func(pc uint32)
	walk = func(pc uint32) {
		if seen&(1<<pc) != 0 {
			return
		}
		seen |= 1 << pc
		inst := c.prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(inst.Out)
			walk(inst.Arg)
		case syntax.InstCapture, syntax.InstNop:
			walk(inst.Out)
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(inst.Arg)
			if op&syntax.EmptyBeginText != 0 && !begin {
				return
			}
			if op&syntax.EmptyEndText != 0 && !end {
				set |= 1 << pc // passable if the text ends here
				return
			}
			walk(inst.Out)
		case syntax.InstFail:
		default: // consuming instructions and InstMatch
			set |= 1 << pc
		}
	}
	walk(pc)
	return set
}

// match reports whether the whole of s matches. A byte that is not UTF-8 reads as U+FFFD,
// as in the regexp package.
func (np *nfaPattern) match(s string) bool {
	if s == "" {
		return np.empty
	}
	if len(s) <= minKeepRun { // no fixed-point run: no keep to clear
		return np.steps(s, nil)
	}
	return np.matchLong(s)
}

// matchLong is match for a text long enough for fixed-point runs, with the keep table they use.
func (np *nfaPattern) matchLong(s string) bool {
	var keep [256]uint8 // keep[c] == 1: byte c < 0x80 maps the fixed point to itself
	return np.steps(s, &keep)
}

// steps runs the threads over a non-empty s and reports whether they end in a match; keep is
// the table of fixed-point runs, nil for a text of at most minKeepRun bytes, which never
// builds one.
func (np *nfaPattern) steps(s string, keep *[256]uint8) bool {
	threads := np.start
	// The threads after a step are a function of the instructions that took the character:
	// the last such pair is kept, so a run of characters that the same instructions take (the
	// 200,000 'r's of a stretched ARN, any text inside one [\w+=/,.@-]+) costs a table
	// lookup and a comparison per byte instead of a walk over the set.
	var lastTook, lastNext uint64 // lastTook 0 leads to no thread: consistent from the start
	// When a step leaves the threads as they were (a fixed point: inside [\w+=/,.@-]+ of a
	// stretched ARN), every following ASCII byte that the same instructions take leaves them so
	// too: keep marks those bytes, and runs of them are passed eight at a time. keep is built
	// for one fixed point (keepFor, keepTook) at a time, at most maxKeepBuilds times per text,
	// and only with at least minKeepRun bytes left, so its cost stays bounded.
	var keepFor, keepTook uint64
	builds := 0
	for i := 0; i < len(s) && threads != 0; {
		prev := threads
		var took uint64
		if c := s[i]; c < utf8.RuneSelf {
			took = threads & np.ascii[c]
			i++
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			for t := threads; t != 0; t &= t - 1 {
				pc := bits.TrailingZeros64(t)
				if rc := np.classes[pc]; rc != nil && rc.has(r) {
					took |= 1 << pc
				}
			}
		}
		if took != lastTook {
			lastTook, lastNext = took, 0
			for ; took != 0; took &= took - 1 {
				lastNext |= np.next[bits.TrailingZeros64(took)]
			}
		}
		threads = lastNext
		if threads != prev || len(s)-i < minKeepRun {
			continue
		}
		if threads != keepFor || lastTook != keepTook {
			if builds == maxKeepBuilds {
				continue
			}
			builds++
			keepFor, keepTook = threads, lastTook
			for c := range np.ascii {
				keep[c] = 0
				if threads&np.ascii[c] == lastTook {
					keep[c] = 1
				}
			}
		}
		k := keep // not nil here (len(s)-i >= minKeepRun); its check made once, not per round
		_ = k[0]
		for i+8 <= len(s) && k[s[i]]&k[s[i+1]]&k[s[i+2]]&k[s[i+3]]&k[s[i+4]]&k[s[i+5]]&k[s[i+6]]&k[s[i+7]] == 1 {
			i += 8
		}
	}
	return threads&np.final != 0
}

// Bounds of nfaPattern.match's fixed-point runs: the fewest bytes left for building keep to
// pay, the most builds per text.
const (
	minKeepRun    = 64
	maxKeepBuilds = 4
)
