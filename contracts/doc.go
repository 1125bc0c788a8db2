// Package contracts is cognito-contract's vocabulary for Amazon Cognito Identity Provider
// UpdateUserPoolClient: the official Smithy model as data, request validation that predicts
// the service's answer (error code and, where it was observed, its exact message), the
// semantic rules R1-R33 of the contract facts, response conformance, and gomega matchers.
//
// Nothing in this package does I/O on a network, draws random numbers or needs a *testing.T.
// No length, pattern, range or enum is written in Go: all of them are read from the embedded
// model (model/cognito-idp.smithy.json), or from a newer one loaded with LoadModelFile.
//
// A request body is decoded once: Predict and Apply take raw bodies, and a caller answering
// many requests (an emulator) can Parse a body once, then PredictParsed and ApplyParsed it,
// keeping each client as the StoredClient ApplyStored returns so that no update decodes the
// client before it either. Both paths give the same answers, byte for byte.
package contracts
