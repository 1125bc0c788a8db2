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

// finderIndex has bit k of word len&(len(finderIndex)-1) set when kids[k].name has that length
// (lengths 32 apart share a word; the names are compared anyway).
type finderIndex [32]uint64

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
		idx[len(obj.kids[k].name)&(len(idx)-1)] |= 1 << k
	}
	return memberFinder{obj: obj, byLen: idx}
}

// present is obj.present(name): the last member named name, nil when there is none or it is null.
func (f memberFinder) present(name string) *jnode {
	if f.byLen == nil {
		return f.obj.present(name)
	}
	for m := f.byLen[len(name)&(len(f.byLen)-1)]; m != 0; {
		k := bits.Len64(m) - 1 // the last candidate first: the last duplicate wins
		if kid := &f.obj.kids[k]; kid.name == name {
			if kid.val.kind == jNull {
				return nil
			}
			return &kid.val
		}
		m &^= 1 << k
	}
	return nil
}
