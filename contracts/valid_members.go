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
	// (memberFinder.kid), 0 when it is absent or null.
	at [maxWalkedMembers]uint8
}

// maxWalkedMembers is the most members a structure may have for validateFound to record where
// it found them (finderIndex.at; the input structure has two dozen).
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
