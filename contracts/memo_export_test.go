package contracts

// WithoutMemo is c remembering no parsed body: every Parse parses, every PredictParsed
// validates (the reference the memo is checked against).
func WithoutMemo(c *Contract) *Contract {
	d := *c
	d.memo = nil
	return &d
}
