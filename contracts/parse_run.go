package contracts

import "slices"

// Runs of '[': the parser opens the arrays of a run at once (openRun), and a body nested past
// encoding/json's limit costs a count of its brackets.

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
