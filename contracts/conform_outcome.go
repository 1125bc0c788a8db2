package contracts

import (
	"fmt"
	"strconv"
)

// CheckOutcome compares an exchange with a prediction: status, error code and, when the
// prediction asserts one, the message.
//
// A predicted success needs a 200. A predicted error needs p.Status and a code p.Accepts; a
// wrong code is reported as CheckRule with the rule id when the prediction comes from a semantic
// rule, else as CheckErrorCode. The message is compared with SameMessage only when p.Message is
// set: where the service's text was never observed the prediction leaves it empty and nothing
// about the text is asserted.
func (c *Contract) CheckOutcome(p Prediction, ex Exchange) []Finding {
	code, msg := "", ""
	if ex.Status != 200 {
		code, msg = ErrorCode(ex.Header, ex.Body)
	}
	return c.checkOutcome(p, ex, code, msg)
}

// Check is CheckOutcome followed by CheckResponse, their findings in that order, with an error
// body read once for both.
func (c *Contract) Check(p Prediction, ex Exchange) []Finding { return c.check(p, ex, nil, nil) }

// CheckParsed is Check for an exchange whose request body was parsed already: req is
// Parse(ex.Request), the parse PredictParsed read, and the checks of a 200 read the request from
// it instead of decoding ex.Request again. The findings are Check's, finding for finding.
func (c *Contract) CheckParsed(p Prediction, ex Exchange, req *ParsedRequest) []Finding {
	return c.check(p, ex, req, nil)
}

// check is Check with the request parsed already (req; nil: not) and the kept clients of
// CheckKept (kp; nil: none).
func (c *Contract) check(p Prediction, ex Exchange, req *ParsedRequest, kp *keptPair) []Finding {
	if ex.Status == 200 {
		return append(c.checkOutcome(p, ex, "", ""), c.checkResponse(ex, "", false, req, kp)...)
	}
	reads := func(code string) bool { return outcomeReadsMessage(p, ex.Status, code) }
	var eb [maxEchoes]echoed // the request's long strings the message may quote
	echoes := echoedStrings(req, p.Message, eb[:0])
	code, msg, object := errorCodeEchoed(ex.Header, ex.Body, p.Message, p.messageKnownValid(), echoes, reads)
	return append(c.checkOutcome(p, ex, code, msg), c.checkResponse(ex, code, object, req, kp)...)
}

// outcomeReadsMessage reports whether checkOutcome reads the message of an error answer with
// this status and code: to compare it with the predicted one, or to show it in a finding (a
// success predicted, or a status or code other than predicted).
func outcomeReadsMessage(p Prediction, status int, code string) bool {
	return p.Message != "" || p.OK() || status != p.Status || !p.Accepts(code)
}

// checkOutcome is CheckOutcome with the error code and message already read.
func (c *Contract) checkOutcome(p Prediction, ex Exchange, code, msg string) []Finding {
	if p.OK() {
		if ex.Status == 200 {
			return nil
		}
		return []Finding{{Check: CheckStatus, Expected: "200 (success predicted)", Actual: outcomeText(ex.Status, code, msg),
			Source: "prediction"}}
	}
	check, rule, member, source := CheckErrorCode, "", "", "prediction"
	if v, ok := p.cause(); ok {
		member, source = v.Member, v.Source
		if v.Check == CheckRule {
			check, rule = CheckRule, v.Rule
		}
	}
	var fs []Finding
	if ex.Status != p.Status {
		fs = append(fs, Finding{Check: CheckStatus, Rule: rule, Member: member, Expected: fmt.Sprintf("%d %s", p.Status, p.Code),
			Actual: outcomeText(ex.Status, code, msg), Source: source})
	}
	if ex.Status == 200 {
		return fs
	}
	if !p.Accepts(code) {
		fs = append(fs, Finding{Check: check, Rule: rule, Member: member, Expected: predictedCodes(p),
			Actual: outcomeText(ex.Status, code, msg), Source: source})
		return fs
	}
	if p.Message != "" && !SameMessage(p.Message, msg) {
		fs = append(fs, Finding{Check: check, Rule: rule, Member: member, Expected: "message " + strconv.Quote(p.Message),
			Actual: "message " + strconv.Quote(msg), Source: source})
	}
	return fs
}

// cause is the violation the predicted code comes from: the first one with that code.
func (p Prediction) cause() (Violation, bool) {
	for _, v := range p.Violations {
		if v.Code == p.Code {
			return v, true
		}
	}
	return Violation{}, false
}

func predictedCodes(p Prediction) string {
	s := p.Code
	for _, a := range p.Alternatives {
		s += " or " + a
	}
	return s
}

func outcomeText(status int, code, msg string) string {
	s := strconv.Itoa(status)
	if code != "" {
		s += " " + code
	}
	if msg != "" {
		if len(msg) > 160 {
			msg = msg[:160] + "..."
		}
		s += ": " + strconv.Quote(msg)
	}
	return s
}
