package fuzz

import (
	"slices"
	"unicode/utf8"
)

// The block of a drawn string: the runes drawn one by one (at most repeatBlock), which a long
// value repeats (appendRepeated).

// repeatedRunes is the size of the block a value of n runes repeats.
func repeatedRunes(n int) int { return min(n, repeatBlock) }

// block draws the runes of a value of n runes that are drawn one by one and appends their text
// to dst: long values repeat the block, then its first n%block runes (rest: their bytes), same
// alphabet for a fraction of the draws.
func (d *stringDraw) block(r rnd, n int, dst []byte) (head []byte, rest int) {
	_, hi := d.bounds()
	return drawBlock(dst, r, n, d.alpha.utf8, hi)
}

// drawBlock is block from the encoded alphabet enc, for a value whose maximum length is hi.
// Each rune's encoding is written whole (encodedRune), into room made once (growBlock); from a
// seeded Source the block is drawn by lagSource.appendBlock, which reads its random values in
// place.
func drawBlock(dst []byte, r rnd, n int, enc *alphabetUTF8, hi int) (head []byte, rest int) {
	if r.lag != nil {
		return r.lag.appendBlock(dst, n, enc, hi)
	}
	sets := enc.blockSets(n, hi, r.Intn(blockStyles))
	block, cut := blockRunes(n)
	buf := growBlock(dst, block)
	end, rest := sets.appendWith(r, buf, len(dst), block, cut)
	return buf[:end], rest
}

// blockStyles is the number of styles a block is drawn in (alphabetUTF8.styles).
const blockStyles = 4

// blockSets returns the sets of style (drawn: Intn(blockStyles)) for the block of a value of n
// runes whose maximum length is hi: astral runes count two in UTF-16, so they are drawn only
// where that cannot cross the maximum.
func (enc *alphabetUTF8) blockSets(n, hi, style int) *runeSets {
	astral := 0
	if 2*n <= hi {
		astral = 1
	}
	return &enc.styles[astral][style]
}

// blockRunes returns the runes of the block of a value of n runes (repeatedRunes) and cut,
// n%block, the rune that starts rest (0: the block is the value).
func blockRunes(n int) (block, cut int) {
	block = repeatedRunes(n)
	if n > block {
		cut = n % block
	}
	return block, cut
}

// growBlock returns dst with room for block runes and a last rune's four bytes (appendTo
// writes four), extended to its capacity: the runes are written at positions from len(dst).
func growBlock(dst []byte, block int) []byte {
	buf := slices.Grow(dst, (block+1)*utf8.UTFMax)
	return buf[:cap(buf)]
}

// appendWith draws block runes from the sets with r into buf from position p, with room for
// every rune and four bytes more; it returns the end and rest, where rune number cut starts.
// It is the reference the seeded Source's lagSource.appendRunes is tested against, and the
// loop for a Source from bytes.
func (s *runeSets) appendWith(r rnd, buf []byte, p, block, cut int) (end, rest int) {
	start := p
	for i := range block {
		rs := s.set
		if s.mixed && r.Intn(3) == 0 {
			rs = s.multi
		}
		if i == 0 && len(s.ascii) > 0 { // a leading combining mark or space reads badly in reports
			rs = s.ascii
		}
		if i == cut {
			rest = p - start
		}
		p = rs[r.Intn(len(rs))].appendTo(buf, p)
	}
	return p, rest
}

// repeatBlock is how many runes of a long value are drawn one by one.
const repeatBlock = 256
