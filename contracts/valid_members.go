package contracts

import "math/bits"

// memberFinder looks up the members of one JSON object by name, as jnode.present does (the
// last of duplicate names wins; JSON null is absent), for a walk that asks for every member of
// a model structure: present scans all of the object's members for each of the structure's
// (23 × 20 string comparisons for a full UpdateUserPoolClient request), an indexed finder sorts
// the object's members once by name length and compares a name only with those of its length.
// A finder without an index (memberFinder{obj: obj}: a small structure, or an object with more
// than maxFinderKids members) asks obj.present.
type memberFinder struct {
	obj   *jnode
	byLen *finderIndex // obj's members by name length; nil: not indexed
}

// finderIndex is the index of an indexed memberFinder: its object's members by name length and,
// for the top level of a body that validateFound walked, where it found each member of the
// input structure, so that requestFound reads the Request's members from there instead of
// looking each name up again.
type finderIndex struct {
	// byLen has bit k of word len&(len(byLen)-1) set when kids[k].name has that length
	// (lengths 32 apart share a word; the names are compared anyway).
	byLen [32]uint64
	// walked is the structure whose members at records (validateFound's input); nil: none.
	walked *Shape
	// at[i] is 1 + the index in the object's kids of the member walked.Members[i] was found at
	// (fillAt), 0 when it is absent or null.
	at [maxWalkedMembers]uint8
}

// maxWalkedMembers is the most members a structure may have for its names to be indexed
// (Shape.names) and validateFound to record where it found them (finderIndex.at; the input
// structure has two dozen).
const maxWalkedMembers = 32

// maxFinderKids is the most members an object may have for an indexed memberFinder (one bit each).
const maxFinderKids = 64

// indexMembers returns a finder over obj's members, indexed in idx (zero on entry, and kept by
// the caller as long as the finder); an object with more than maxFinderKids members is not
// indexed.
func indexMembers(obj *jnode, idx *finderIndex) memberFinder {
	if len(obj.kids) > maxFinderKids {
		return memberFinder{obj: obj}
	}
	for k := range obj.kids {
		idx.byLen[len(obj.kids[k].name)&(len(idx.byLen)-1)] |= 1 << k
	}
	return memberFinder{obj: obj, byLen: idx}
}

// present is obj.present(name): the last member named name, nil when there is none or it is null.
func (f memberFinder) present(name string) *jnode {
	if f.byLen == nil {
		return f.obj.present(name)
	}
	if k := f.kid(name); k >= 0 {
		return &f.obj.kids[k].val
	}
	return nil
}

// kid is where present finds name in an indexed finder: the index in obj.kids of the last
// member named name, -1 when there is none or its value is null.
func (f memberFinder) kid(name string) int {
	words := &f.byLen.byLen
	for m := words[len(name)&(len(words)-1)]; m != 0; {
		k := bits.Len64(m) - 1 // the last candidate first: the last duplicate wins
		if kid := &f.obj.kids[k]; kid.name == name {
			if kid.val.kind == jNull {
				return -1
			}
			return k
		}
		m &^= 1 << k
	}
	return -1
}

// nameIndex indexes a structure's member names by length, so that a walk can look each member
// of a JSON object up among the structure's (fillAt: the few members a body sends) instead of
// each of the structure's among the object's: bit j of word len&(len(nameIndex)-1) is set
// when Members[j].Name has that length. A loaded model's structures of at most
// maxWalkedMembers members have one (Shape.names, made once in LoadModel), which
// Shape.MemberIndex looks names up through.
type nameIndex [32]uint32

// indexNames is the index of s's member names, nil when s has more than maxWalkedMembers.
func indexNames(s *Shape) *nameIndex {
	if len(s.Members) > maxWalkedMembers {
		return nil
	}
	ix := new(nameIndex)
	for j, m := range s.Members {
		ix[len(m.Name)&(len(ix)-1)] |= 1 << j
	}
	return ix
}

// find is the position in s.Members (indexed in ix) of the member named name, -1 when none is.
func (ix *nameIndex) find(s *Shape, name string) int {
	for m := ix[len(name)&(len(ix)-1)]; m != 0; m &= m - 1 {
		if j := bits.TrailingZeros32(m); s.Members[j].Name == name {
			return j
		}
	}
	return -1
}

// fillAt records in at where each member of s (whose names are indexed) is found among obj's
// members, as the walk over s's members records it (structureAt; finderIndex.at): 1 + the index
// of the last member of that name, 0 when it is absent or null. obj has at most maxFinderKids
// members.
func fillAt(s *Shape, obj *jnode, at *[maxWalkedMembers]uint8) {
	clear(at[:len(s.Members)])
	for k := range obj.kids {
		kid := &obj.kids[k]
		if j := s.names.find(s, kid.name); j >= 0 {
			at[j] = uint8(k + 1)
			if kid.val.kind == jNull {
				at[j] = 0 // the last one is null: absent, as jnode.present answers
			}
		}
	}
}
