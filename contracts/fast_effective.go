package contracts

// effective is Effective() computed once per member: the validator reads a member's
// constraints on every request, and Constraints is too big a value to copy each time. A
// model is not changed after it is loaded, so the merge stays right.
func (mem *Member) effective() *Constraints {
	mem.effOnce.Do(func() {
		c := mem.Effective()
		mem.eff = &c
	})
	return mem.eff
}
