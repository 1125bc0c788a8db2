package contracts

// This file holds the declared API of the contract core while it is being written. Each
// function moves to its own file when it is implemented, and this file disappears.

// Validate checks a raw UpdateUserPoolClient request body against the model (JSON types,
// required members, lengths in characters, ranges, patterns, enums, list lengths and list
// members, nested structures) and returns every violation with the service's message entry.
func (c *Contract) Validate(body []byte) []Violation { panic("contracts: Validate not implemented yet") }

// Predict returns the answer the service is predicted to give to a raw request body in a
// state: constraint validation first, then resource lookup (R3), then the semantic rules.
func (c *Contract) Predict(body []byte, st State) Prediction {
	panic("contracts: Predict not implemented yet")
}

// CheckResponse checks one exchange against the contract: protocol, status, error code or the
// 200 body's shape, echo, reset-to-default and invariants.
func (c *Contract) CheckResponse(ex Exchange) []Finding {
	panic("contracts: CheckResponse not implemented yet")
}

// CheckOutcome compares an exchange with a prediction: status, error code and, when the
// prediction asserts one, the message.
func (c *Contract) CheckOutcome(p Prediction, ex Exchange) []Finding {
	panic("contracts: CheckOutcome not implemented yet")
}

// SameMessage reports whether two service messages say the same thing: equal text, or
// validation messages with the same entries in any order and enum value sets in any order.
func SameMessage(want, got string) bool { panic("contracts: SameMessage not implemented yet") }
