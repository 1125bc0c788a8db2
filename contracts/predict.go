package contracts

import "net/http"

// Predict returns the answer the service is predicted to give to a raw request body in a
// state, in the service's precedence:
//
//  1. a body that does not deserialise (malformed JSON, wrong JSON types): 400
//     SerializationException, text not asserted;
//  2. model constraints: 400 InvalidParameterException with the full validation message
//     ("N validation errors detected: …", every entry);
//  3. resource lookup (R3): 400 ResourceNotFoundException "User pool <id> does not exist."
//     (OB-14) or "User pool client <id> does not exist." (OB-13);
//  4. the semantic rules, in Rules() order: the first broken one gives the code; broken rules
//     with other codes become Alternatives, since the service's order among them is not
//     documented;
//  5. otherwise 200.
//
// Violations hold everything found in the stage that decided.
func (c *Contract) Predict(body []byte, st State) Prediction {
	return c.PredictParsed(c.Parse(body), st)
}

// predictRequest is the prediction's state-dependent part: the lookup (R3), then the rules.
func predictRequest(req *Request, st State) Prediction {
	if v := lookup(req, st); v != nil {
		return Prediction{Status: http.StatusBadRequest, Code: v.Code, Message: v.Message, Violations: []Violation{*v}}
	}
	return predictRules(req, st)
}

// lookup is R3 (S1 ResourceNotFoundException doc; texts OB-14, OB-13).
func lookup(req *Request, st State) *Violation {
	switch {
	case st.Pool == nil:
		return ruleViolation("R3", "UserPoolId", codeNotFound, "User pool "+req.UserPoolId+" does not exist.", "the user pool does not exist")
	case st.Client == nil:
		return ruleViolation("R3", "ClientId", codeNotFound, "User pool client "+req.ClientId+" does not exist.", "the app client does not exist in the pool")
	}
	return nil
}

// predictRules evaluates the request-side rules in Rules() order. It reads each rule in
// place (a Rule is nine strings and a func: copying each of the 33 per request cost more
// than most checks) and calls only those with a check, as Evaluate would.
func predictRules(req *Request, st State) Prediction {
	var broken []Violation
	for i := range rules {
		if v := rules[i].eval(req, st); v != nil {
			broken = append(broken, *v)
		}
	}
	if len(broken) == 0 {
		return Prediction{Status: http.StatusOK}
	}
	first := broken[0]
	p := Prediction{Status: http.StatusBadRequest, Code: first.Code, Message: first.Message, Violations: broken}
	for _, v := range broken[1:] {
		switch {
		case v.Code != first.Code && !contains(p.Alternatives, v.Code):
			p.Alternatives = append(p.Alternatives, v.Code)
		case v.Code == first.Code && v.Message != first.Message:
			// Another broken rule answers with the same code but another text; which one the
			// service reports first is not documented, so the text is not asserted.
			p.Message = ""
		}
	}
	return p
}
