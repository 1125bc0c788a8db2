package contracts

import (
	"net/http"
	"slices"
	"sync"
)

// memoSize is how many request bodies a contract remembers having parsed.
const memoSize = 4

// parseMemo remembers the last request bodies a contract parsed, keyed by their exact text.
// Parse is a pure function of the body's bytes, and so is the state-independent part of a
// prediction (the constraint violations, the whole answer to a body that breaks a constraint,
// the rules' typed Request): when the same bytes are parsed twice, as happens when the
// reference emulator runs in-process and the fuzz oracle then predicts the request it sent, the
// second Parse is a comparison of the bytes and the second PredictParsed only evaluates what
// depends on the state (lookup R3, the rules). A hit needs the bytes to be equal, all of them:
// a body changed by one byte on the way is parsed anew. At most memoSize bodies (each at most
// what a request can carry) stay referenced.
type parseMemo struct {
	mu   sync.Mutex
	ring [memoSize]*ParsedRequest
	next int
}

// find returns the remembered parse of body's exact text, nil if there is none.
func (m *parseMemo) find(body []byte) *ParsedRequest {
	m.mu.Lock()
	ring := m.ring
	m.mu.Unlock()
	for _, p := range ring {
		if p != nil && len(p.src) == len(body) && p.src == string(body) {
			return p
		}
	}
	return nil
}

// add remembers p, forgetting the oldest.
func (m *parseMemo) add(p *ParsedRequest) {
	m.mu.Lock()
	m.ring[m.next] = p
	m.next = (m.next + 1) % memoSize
	m.mu.Unlock()
}

// fixed is what a prediction of a decoded body owes to the body alone, worked out once per
// ParsedRequest by the contract that parsed it.
type fixed struct {
	once    sync.Once
	invalid *Prediction // the answer to a body that breaks a constraint (state plays no part)
	req     *Request    // else the typed request the rules read
	reqErr  error
}

// fixedOf returns p's state-independent prediction part for c.
func (c *Contract) fixedOf(p *ParsedRequest) *fixed {
	f := &p.fixed
	if p.by != c { // parsed by another contract: its model may differ, nothing is kept
		f = new(fixed)
	}
	f.once.Do(func() {
		if p.doc.kind != jObject {
			vs, _ := validateDocMessage(c.Operation.Input, &p.doc, false) // the type violation
			pred := invalidPrediction(vs, "")
			f.invalid = &pred
			return
		}
		// The top level's members are indexed once, for the validation and the Request.
		var idx finderIndex
		top := indexMembers(&p.doc, &idx)
		vs, msg := validateFound(c.Operation.Input, top, false)
		if len(vs) > 0 {
			pred := invalidPrediction(vs, msg)
			f.invalid = &pred
			return
		}
		f.req, f.reqErr = c.requestFound(&p.doc, top.byLen)
	})
	return f
}

// invalidPrediction is the answer to a body with constraint violations vs (Predict's stage 1
// for wrong JSON types, stage 2 for the rest); msg is ValidationMessage(vs) as
// validateDocMessage wrote it ("" with a type violation, where no message is predicted).
func invalidPrediction(vs []Violation, msg string) Prediction {
	var ser []Violation
	for _, v := range vs {
		if v.Rule == "type" {
			ser = append(ser, v)
		}
	}
	if len(ser) > 0 {
		return Prediction{Status: http.StatusBadRequest, Code: "SerializationException", Violations: ser}
	}
	return Prediction{Status: http.StatusBadRequest, Code: codeInvalidParameter, Message: msg, Violations: vs}
}

// clone is p with slices of its own, so that a caller may change what it was given.
func (p Prediction) clone() Prediction {
	p.Violations = slices.Clone(p.Violations)
	p.Alternatives = slices.Clone(p.Alternatives)
	return p
}

// WithoutParseMemo returns a copy of c that remembers no parsed body: every Parse parses and
// every PredictParsed validates. The memo's benchmarks and tests measure and check against it.
// Its parse leaves long unread values undecoded as c's does (Contract.unread).
func (c *Contract) WithoutParseMemo() *Contract {
	d := *c
	d.memo = nil
	return &d
}
