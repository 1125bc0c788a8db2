package contracts

import "math/bits"

// memberFinder looks up the members of one JSON object by name, as jnode.present does (the
// last of duplicate names wins; JSON null is absent), for a walk that asks for every member of
// a model structure: present scans all of the object's members for each of the structure's
// (23 × 20 string comparisons for a full UpdateUserPoolClient request), the finder sorts the
// object's members once by name length and compares a name only with those of its length.
type memberFinder struct {
	obj *jnode
	// byLen has bit k of word len&(len(byLen)-1) set when kids[k].name has that length
	// (lengths 32 apart share a word; the names are compared anyway).
	byLen [32]uint64
}

// maxFinderKids is the most members an object may have for a memberFinder (one bit each).
const maxFinderKids = 64

// newMemberFinder indexes obj's members; ok is false for an object with more than
// maxFinderKids members, which keeps to present.
func newMemberFinder(obj *jnode, f *memberFinder) (ok bool) {
	if len(obj.kids) > maxFinderKids {
		return false
	}
	f.obj = obj
	for k := range obj.kids {
		f.byLen[len(obj.kids[k].name)&(len(f.byLen)-1)] |= 1 << k
	}
	return true
}

// present is obj.present(name): the last member named name, nil when there is none or it is null.
func (f *memberFinder) present(name string) *jnode {
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
