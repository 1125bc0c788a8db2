package contracts

import (
	"math"
	"slices"
)

// Runs of '[': the parser opens the arrays of a run at once (openRun), and a body nested past
// encoding/json's limit costs a count of its brackets. Runs of string entries: an array whose
// first entry is a string has its strings in a row read one after another (stringEntries).

// openRun opens, when the '[' at p.i (whose array's record is the last slot) is followed at
// once by more, every array of that run but the last (which begin reads on: it may be empty),
// one frame each, each next array's record in a slot after its own, and leaves p.i at the
// last, whose slot is then the last. Each '[' of a run opens an array one level deeper than
// the one before, with nothing read in between, so a run is too deep exactly when its length
// passes the depth left: it then fails at the '[' that makes the depth maxDepth+1, as begin
// fails one '[' at a time (the frames below it are never pushed). A body nested past
// encoding/json's limit so costs a count of its brackets, eight at a time (bracketRun), not a
// frame each.
func (p *jparser) openRun() bool {
	n := bracketRun(p.src, p.i)
	if room := maxDepth - len(p.frames); n > room {
		p.failed = failure{kind: failDepth, end: p.i + room}
		return false
	}
	at, base := len(p.frames), len(p.pend)
	p.frames = slices.Grow(p.frames, n-1)[:at+n-1]
	p.pend = slices.Grow(p.pend, n-1)[:base+n-1]
	for k := range n - 1 {
		p.frames[at+k] = jframe{base: base + k}
		p.pend[base+k] = pend{kind: jArray, tok: token{start: p.i + k + 1, ref: -1}}
	}
	p.i += n - 1
	return true
}

// bracketRun is the number of '[' at src[i:] before any other byte (or the end), eight at a
// time (a comparison with a constant of eight bytes is one load).
func bracketRun(src string, i int) int {
	j := i
	for j+8 <= len(src) && src[j:j+8] == "[[[[[[[[" {
		j += 8
	}
	for j < len(src) && src[j] == '[' {
		j++
	}
	return j - i
}

// stringEntries reads the entries of the innermost array from its first, a string, for as
// long as they are strings each right after a comma: each into a slot of its own, as slot and
// begin read one (a zero record, then token), without begin's switch and read's loop between
// them. It stops after a string (the last slot then holds it, complete) at any other byte,
// whitespace included, which read's loop takes on as after any value, and fails where begin
// fails on the same string (token). Not in shallow mode, whose entries below the top level
// read drops one by one.
func (p *jparser) stringEntries() bool {
	for {
		p.pend = append(p.pend, pend{})
		v := &p.pend[len(p.pend)-1]
		tok, chars, ok := p.token(token{})
		if !ok {
			return false
		}
		v.kind, v.tok = jString, tok
		if uint64(chars) <= math.MaxUint32 {
			v.counted, v.chars = true, uint32(chars)
		}
		if p.i+1 >= len(p.src) || p.src[p.i] != ',' || p.src[p.i+1] != '"' {
			return true
		}
		p.i++
	}
}
