package contracts

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// checkAgainstRequest compares the returned client with the request (R1 full replace): what was
// sent comes back (echo), what was omitted comes back absent or as its documented default
// (reset-to-default, the defaults table), token validities as durations (R13, R14). sent are
// the request's members at their indexes in the input shape, back the returned client's at
// theirs in the client shape (memberSlots); pl is c's echoPlan.
func (c *Contract) checkAgainstRequest(pl *echoPlan, sent, back []*jnode, before *clientBefore) []Finding {
	var fs []Finding
	for i := range pl.members {
		m := &pl.members[i]
		if s := sent[m.in]; !isNull(s) {
			fs = append(fs, c.checkEcho(m, s, back[m.out])...)
			continue
		}
		fs = append(fs, checkReset(&m.reset, back[m.out], before)...)
	}
	return append(fs, checkDurations(pl, sent, back)...)
}

// checkEcho checks that a sent member came back.
func (c *Contract) checkEcho(m *echoMember, sent, got *jnode) []Finding {
	mem := m.mem
	if mem.Target.Type == "structure" {
		return c.checkEchoStructure(m, sent, got)
	}
	if sameValue(mem.Target, sent, got) {
		return nil
	}
	sensitive := mem.Target.Sensitive
	return []Finding{{Check: CheckEcho, Member: mem.Name, Expected: showValue(sent.toAny(), sensitive) + " (as sent)",
		Actual: showMaybe(nodeAny(got), sensitive), Source: "R1: S1 UpdateUserPoolClient doc"}}
}

// member is an object's member that is there and not null; nil when n is not an object.
func member(n *jnode, name string) *jnode {
	if n == nil || n.kind != jObject {
		return nil
	}
	return n.present(name)
}

// checkEchoStructure compares a sent structure member by member: sent members echo, omitted
// ones take their nested default (R22 RetryGracePeriodSeconds 0; S1 UserDataShared false; R28
// the service-linked RoleArn) or come back absent.
func (c *Contract) checkEchoStructure(m *echoMember, sent, got *jnode) []Finding {
	mem := m.mem
	if got == nil || got.kind != jObject {
		return []Finding{{Check: CheckEcho, Member: mem.Name, Expected: showValue(sent.toAny(), false) + " (as sent)",
			Actual: showMaybe(nodeAny(got), false), Source: "R1: S1 UpdateUserPoolClient doc"}}
	}
	var fs []Finding
	for j, sub := range mem.Target.Members {
		path := m.subPath[j]
		s, g := member(sent, sub.Name), got.get(sub.Name)
		switch {
		case s != nil:
			if !sameValue(sub.Target, s, g) {
				fs = append(fs, Finding{Check: CheckEcho, Member: path, Expected: showValue(s.toAny(), sub.Target.Sensitive) + " (as sent)",
					Actual: showMaybe(nodeAny(g), sub.Target.Sensitive), Source: "R1: S1 UpdateUserPoolClient doc"})
			}
		case path == "AnalyticsConfiguration.RoleArn" && member(sent, "ApplicationArn") != nil:
			fs = append(fs, checkServiceLinkedRole(sent, g)...)
		case path == "RefreshTokenRotation.RetryGracePeriodSeconds":
			// R22 (observed only, OB-32): omitted comes back as 0, not absent.
			d := m.subs[j].d
			if !sameValue(sub.Target, m.subs[j].value, g) {
				fs = append(fs, Finding{Check: CheckRule, Rule: "R22", Member: path, Expected: string(d.Value) + " (omitted)",
					Actual: showMaybe(nodeAny(g), false), Source: d.Source})
			}
		default:
			fs = append(fs, checkReset(&m.subs[j], g, nil)...)
		}
	}
	return fs
}

// checkServiceLinkedRole checks R28/OB-34: an ApplicationArn sent without a RoleArn comes back
// with the Cognito service-linked role of the ApplicationArn's account.
func checkServiceLinkedRole(sent, got *jnode) []Finding {
	want := serviceLinkedRoleFor(stringOf(member(sent, "ApplicationArn")))
	if want == "" {
		return nil
	}
	role := decodeRaw(json.RawMessage(want))
	if sameValue(nil, role, got) {
		return nil
	}
	return []Finding{{Check: CheckRule, Rule: "R28", Member: "AnalyticsConfiguration.RoleArn",
		Expected: "the service-linked role " + showValue(nodeAny(role), false), Actual: showMaybe(nodeAny(got), false),
		Source: "R28: S1 AnalyticsConfiguration docs; OB-34"}}
}

// checkReset checks an omitted member against its row of the defaults table.
func checkReset(r *resetRow, got *jnode, before *clientBefore) []Finding {
	d := &r.d
	if isNull(got) || d.Kind == defaultUnasserted {
		return nil // absence is always a reset; R26 EnableTokenRevocation is never asserted
	}
	if got.kind == jArray && len(got.kids) == 0 && d.Kind == defaultAbsent {
		return nil // an empty list stores nothing, same as absent
	}
	if d.Kind == defaultKeep {
		if before == nil {
			return nil // the value before the update is unknown
		}
		if b := before.get(d.Member); !isNull(b) && sameValue(nil, b, got) {
			return nil
		}
	}
	for _, a := range r.nodes {
		if sameValue(nil, a, got) {
			return nil
		}
	}
	want := "absent"
	for _, a := range r.accepted {
		want += " or " + string(a)
	}
	if d.Kind == defaultKeep {
		want += " or the value before the update"
	}
	return []Finding{{Check: CheckResetToDefault, Member: d.Member, Expected: want + " (omitted)",
		Actual: showValue(got.toAny(), false), Source: d.Source}}
}

// checkDurations compares the three token validities as durations, value × unit, so 1 hours
// equals 60 minutes (R13). Sent 0 for RefreshTokenValidity means 30 days (R14). sent and got
// are the request's and the client's members at their model indexes (memberSlots).
func checkDurations(pl *echoPlan, sent, got []*jnode) []Finding {
	reqUnits, gotUnits := at(sent, pl.unitsIn), at(got, pl.unitsOut)
	var fs []Finding
	for i := range pl.durations {
		dr := &pl.durations[i]
		d := &dr.d
		check, rule, how := CheckEcho, "", "as sent"
		wantVal, wantUnit := dr.def, d.DefaultUnit
		sentVal, isSent := numberOf(at(sent, dr.in))
		switch {
		case isSent && (sentVal != 0 || !dr.zeroDflt):
			wantVal, wantUnit = sentVal, stringOf(member(reqUnits, d.Unit))
		case isSent:
			check, rule, how = CheckRule, "R14", "sent 0, the default applies"
		default:
			check, how = CheckResetToDefault, "omitted, the default applies"
		}
		gotVal, gotUnit := dr.def, d.DefaultUnit
		if n, has := numberOf(at(got, dr.out)); has {
			gotVal, gotUnit = n, stringOf(member(gotUnits, d.Unit))
		}
		if sameDuration(wantVal, wantUnit, gotVal, gotUnit, d.DefaultUnit) {
			continue // validityDuration's same answer for both: no finding, whatever it is
		}
		want, err := validityDuration(wantVal, wantUnit, d.DefaultUnit)
		if err != nil {
			continue // a unit outside TimeUnitsType is a request fault, reported by Validate (enum)
		}
		have, err := validityDuration(gotVal, gotUnit, d.DefaultUnit)
		if err != nil || have != want { // a unit the answer invents is a mismatch, never 0 s
			fs = append(fs, Finding{Check: check, Rule: rule, Member: d.Member,
				Expected: fmt.Sprintf("%s (%s)", showDuration(want), how),
				Actual:   fmt.Sprintf("%s %s (%s)", strconv.FormatFloat(gotVal, 'f', -1, 64), unitOrDefault(gotUnit, d.DefaultUnit), showDuration(have)),
				Source:   d.Source})
		}
	}
	return fs
}

// sameDuration reports whether validityDuration is given the same value and unit for the
// expected and the returned validity (a unit "" read as defaultUnit, as validityDuration reads
// it), which it answers alike: the same duration, or the same error (a unit it does not know,
// for which checkDurations reports nothing). A number of the answer that is not the sent one
// (or units that differ: 1 hours against 60 minutes) goes to validityDuration.
func sameDuration(wantVal float64, wantUnit string, gotVal float64, gotUnit, defaultUnit string) bool {
	return wantVal == gotVal && unitOrDefault(wantUnit, defaultUnit) == unitOrDefault(gotUnit, defaultUnit)
}

// invariantMembers are the client's identity and secret, unchanged by an update.
var invariantMembers = [...]string{"UserPoolId", "ClientId", "CreationDate", "ClientSecret"}

// checkInvariants compares the returned client with the one before the update: identity and
// secret unchanged, LastModifiedDate not going back (and not before CreationDate). back are
// got's members at their indexes in the client shape (memberSlots); pl is the contract's
// echoPlan.
func checkInvariants(pl *echoPlan, got *jnode, back []*jnode, before *clientBefore) []Finding {
	var fs []Finding
	lastModified, creation := pl.lastModified.of(got, back), pl.creation.of(got, back)
	if created, ok := numberOf(creation); ok {
		if modified, ok := numberOf(lastModified); ok && modified < created {
			fs = append(fs, Finding{Check: CheckInvariant, Member: "LastModifiedDate", Expected: "not earlier than CreationDate",
				Actual: fmt.Sprintf("%v < %v", nodeAny(lastModified), nodeAny(creation)), Source: "S1 UserPoolClientType dates"})
		}
	}
	if before == nil {
		return fs
	}
	for i, name := range invariantMembers {
		was, now := before.get(name), pl.invariants[i].of(got, back)
		if sameValue(nil, was, now) {
			continue
		}
		sensitive := name == "ClientSecret" || name == "ClientId"
		fs = append(fs, Finding{Check: CheckInvariant, Member: name, Expected: "unchanged: " + showMaybe(nodeAny(was), sensitive),
			Actual: showMaybe(nodeAny(now), sensitive), Source: "R32 (no member changes the secret); identity of the client"})
	}
	lastBefore := before.get("LastModifiedDate")
	was, ok1 := numberOf(lastBefore)
	now, ok2 := numberOf(lastModified)
	if ok1 && (!ok2 || now < was) {
		fs = append(fs, Finding{Check: CheckInvariant, Member: "LastModifiedDate", Expected: fmt.Sprintf("not earlier than %v", nodeAny(lastBefore)),
			Actual: showMaybe(nodeAny(lastModified), false), Source: "S1 UserPoolClientType.LastModifiedDate"})
	}
	return fs
}

// nodeAny is a node as encoding/json decodes it (UseNumber), nil when absent.
func nodeAny(n *jnode) any {
	if n == nil {
		return nil
	}
	return n.toAny()
}

func showMaybe(v any, sensitive bool) string {
	if v == nil {
		return "absent"
	}
	return showValue(v, sensitive)
}

func showDuration(secs float64) string {
	for _, name := range []string{"days", "hours", "minutes"} { // the largest unit that divides evenly
		n := unitSeconds[name] // R13: the one unit→seconds table (defaults.go)
		if secs >= n && secs/n == float64(int64(secs/n)) {
			return fmt.Sprintf("%v %s", secs/n, name)
		}
	}
	return fmt.Sprintf("%v seconds", secs)
}

func unitOrDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// numberOf is a JSON number's value (false for anything else, or a text out of float64's range).
// A number of up to maxExactDigits digits without an exponent (validities, epoch seconds with
// milliseconds) is read digit by digit (smallNumber), strconv.ParseFloat otherwise.
func numberOf(n *jnode) (float64, bool) {
	if n == nil || n.kind != jNumber {
		return 0, false
	}
	if f, ok := smallNumber(n.str()); ok {
		return f, true
	}
	f, err := strconv.ParseFloat(n.str(), 64)
	return f, err == nil
}

// stringOf is a JSON string's value, "" for anything else.
func stringOf(n *jnode) string {
	if n == nil || n.kind != jString {
		return ""
	}
	return n.str()
}

// decodeRaw decodes a JSON text of the defaults table or the model, nil when it is absent or
// does not decode.
func decodeRaw(b json.RawMessage) *jnode {
	if b == nil {
		return nil
	}
	n, err := decodeTree(b)
	if err != nil {
		return nil
	}
	return &n
}

// zeroMeansDefault reports whether 0 is a value the model admits for a validity member, which R14
// says the service replaces by the default: RefreshTokenValidity (range 0..315360000). Access and
// ID token validities start at 1 in the model, so a 0 there is a rejected request, never R14.
func (c *Contract) zeroMeansDefault(member string) bool {
	m, ok := c.Operation.Input.MemberNamed(member)
	if !ok {
		return false
	}
	lo, bounded := m.Effective().Range.MinInt()
	return bounded && lo == 0
}
