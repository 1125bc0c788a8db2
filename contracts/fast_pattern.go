package contracts

import (
	"regexp/syntax"
	"unicode/utf8"
)

// seqPattern matches the patterns that are a sequence of one-character pieces anchored at
// both ends, each a literal, a class or "." taken once, optionally (?), one or more times (+)
// or any number of times (*): UserPoolIdType's ^[\w-]+_[0-9a-zA-Z]+$ among this model's (R2).
// It reads the pieces from the pattern as regexp.Compile parses it and runs them as a set of
// positions (a bit per piece boundary), so it matches exactly the strings the compiled regexp
// matches, backtracking included ([\w-]+ gives back the "_" the next piece needs), in one
// pass without the regexp machine.
type seqPattern struct {
	pieces []seqPiece
	// skip has bit j set when piece j may match nothing: the closure adds j+1 to a set with j.
	skip uint64
	// adv and stay are, per ASCII character, the positions it moves on from (bit j: piece j
	// takes it, j -> j+1) and the positions it keeps (bit j: piece j-1 repeats and takes it).
	adv, stay [utf8.RuneSelf]uint64
}

type seqPiece struct {
	class *runeClass
	rep   bool // + or *: the piece may go on matching
}

// maxSeqPieces keeps the positions 0..len(pieces) in one word.
const maxSeqPieces = 63

// compileSeq returns the matcher of a pattern of that form, nil for any other (those keep
// the regexp or the rune class).
func compileSeq(pattern string) *seqPattern {
	re, err := syntax.Parse(pattern, syntax.Perl) // regexp.Compile's flags
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) < 3 {
		return nil
	}
	subs := re.Sub
	if subs[0].Op != syntax.OpBeginText || subs[len(subs)-1].Op != syntax.OpEndText {
		return nil
	}
	sp := &seqPattern{}
	for _, sub := range subs[1 : len(subs)-1] {
		if !sp.add(sub) || len(sp.pieces) > maxSeqPieces {
			return nil
		}
	}
	for c := rune(0); c < utf8.RuneSelf; c++ {
		sp.adv[c], sp.stay[c] = sp.masks(c)
	}
	return sp
}

// masks are the positions r moves on from and the positions it keeps (adv and stay).
func (sp *seqPattern) masks(r rune) (adv, stay uint64) {
	for j, pc := range sp.pieces {
		if pc.class.has(r) {
			adv |= 1 << j
			if pc.rep {
				stay |= 1 << (j + 1)
			}
		}
	}
	return adv, stay
}

// add appends the pieces of one term; false when the term is not of the form.
func (sp *seqPattern) add(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return false
		}
		for _, r := range re.Rune {
			sp.pieces = append(sp.pieces, seqPiece{class: newRuneClass([]rune{r, r})})
		}
		return true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		sp.pieces = append(sp.pieces, seqPiece{class: oneClass(re)})
		return true
	case syntax.OpPlus, syntax.OpStar, syntax.OpQuest:
		class := oneClass(re.Sub[0])
		if class == nil {
			return false
		}
		if re.Op != syntax.OpPlus {
			sp.skip |= 1 << len(sp.pieces)
		}
		sp.pieces = append(sp.pieces, seqPiece{class: class, rep: re.Op != syntax.OpQuest})
		return true
	}
	return false
}

// oneClass is the class of a term that matches one character, nil for another term.
func oneClass(re *syntax.Regexp) *runeClass {
	switch {
	case re.Op == syntax.OpCharClass:
		return newRuneClass(re.Rune)
	case re.Op == syntax.OpAnyChar:
		return newRuneClass([]rune{0, utf8.MaxRune})
	case re.Op == syntax.OpAnyCharNotNL:
		return newRuneClass([]rune{0, '\n' - 1, '\n' + 1, utf8.MaxRune})
	case re.Op == syntax.OpLiteral && len(re.Rune) == 1 && re.Flags&syntax.FoldCase == 0:
		return newRuneClass([]rune{re.Rune[0], re.Rune[0]})
	}
	return nil
}

// closure adds to a set of positions those reached by skipping pieces that may match nothing.
func (sp *seqPattern) closure(set uint64) uint64 {
	for j := range sp.pieces {
		if set&(1<<j) != 0 && sp.skip&(1<<j) != 0 {
			set |= 1 << (j + 1)
		}
	}
	return set
}

// match reports whether the whole of s matches. Position j in the set means pieces 0..j-1
// matched the text so far (piece j-1 may take more when it repeats). A byte that is not UTF-8
// reads as U+FFFD, as in the regexp package.
func (sp *seqPattern) match(s string) bool {
	set := sp.closure(1)
	for i := 0; i < len(s) && set != 0; {
		var adv, stay uint64
		if c := s[i]; c < utf8.RuneSelf {
			adv, stay = sp.adv[c], sp.stay[c]
			i++
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			adv, stay = sp.masks(r)
			i += n
		}
		set = (set&adv)<<1 | set&stay
		if sp.skip != 0 {
			set = sp.closure(set)
		}
	}
	return set&(1<<len(sp.pieces)) != 0
}
