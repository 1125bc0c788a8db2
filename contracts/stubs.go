package contracts

// This file holds the declared API of the contract core while it is being written. Each
// function moves to its own file when it is implemented, and this file disappears.

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
