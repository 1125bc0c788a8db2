package contracts

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// checkAgainstRequest compares the returned client with the request (R1 full replace): what was
// sent comes back (echo), what was omitted comes back absent or as its documented default
// (reset-to-default, the defaults table), token validities as durations (R13, R14).
func (c *Contract) checkAgainstRequest(req, got map[string]any, before *clientBefore) []Finding {
	var fs []Finding
	client := c.clientShape()
	for _, mem := range c.Operation.Input.Members {
		if _, ok := client.MemberNamed(mem.Name); !ok {
			continue
		}
		if d, ok := c.defaultFor(mem.Name); ok && (d.Kind == defaultDuration || mem.Name == "TokenValidityUnits") {
			continue // checkDurations
		}
		sent, isSent := req[mem.Name]
		if isSent && sent != nil {
			fs = append(fs, c.checkEcho(mem, sent, got[mem.Name])...)
			continue
		}
		fs = append(fs, c.checkReset(mem.Name, got[mem.Name], before)...)
	}
	return append(fs, c.checkDurations(req, got)...)
}

// checkEcho checks that a sent member came back.
func (c *Contract) checkEcho(mem *Member, sent, got any) []Finding {
	if mem.Target.Type == "structure" {
		return c.checkEchoStructure(mem, sent, got)
	}
	if sameValue(mem.Target, sent, got) {
		return nil
	}
	sensitive := mem.Target.Sensitive
	return []Finding{{Check: CheckEcho, Member: mem.Name, Expected: showValue(sent, sensitive) + " (as sent)",
		Actual: showMaybe(got, sensitive), Source: "R1: S1 UpdateUserPoolClient doc"}}
}

// checkEchoStructure compares a sent structure member by member: sent members echo, omitted
// ones take their nested default (R22 RetryGracePeriodSeconds 0; S1 UserDataShared false; R28
// the service-linked RoleArn) or come back absent.
func (c *Contract) checkEchoStructure(mem *Member, sent, got any) []Finding {
	sentObj, _ := sent.(map[string]any)
	gotObj, ok := got.(map[string]any)
	if !ok {
		return []Finding{{Check: CheckEcho, Member: mem.Name, Expected: showValue(sent, false) + " (as sent)",
			Actual: showMaybe(got, false), Source: "R1: S1 UpdateUserPoolClient doc"}}
	}
	var fs []Finding
	for _, sub := range mem.Target.Members {
		path := mem.Name + "." + sub.Name
		s, g := sentObj[sub.Name], gotObj[sub.Name]
		switch {
		case s != nil:
			if !sameValue(sub.Target, s, g) {
				fs = append(fs, Finding{Check: CheckEcho, Member: path, Expected: showValue(s, sub.Target.Sensitive) + " (as sent)",
					Actual: showMaybe(g, sub.Target.Sensitive), Source: "R1: S1 UpdateUserPoolClient doc"})
			}
		case path == "AnalyticsConfiguration.RoleArn" && sentObj["ApplicationArn"] != nil:
			fs = append(fs, checkServiceLinkedRole(sentObj, g)...)
		case path == "RefreshTokenRotation.RetryGracePeriodSeconds":
			// R22 (observed only, OB-32): omitted comes back as 0, not absent.
			d, _ := c.defaultFor(path)
			if !sameValue(sub.Target, decodeRaw(d.Value), g) {
				fs = append(fs, Finding{Check: CheckRule, Rule: "R22", Member: path, Expected: string(d.Value) + " (omitted)",
					Actual: showMaybe(g, false), Source: d.Source})
			}
		default:
			fs = append(fs, c.checkReset(path, g, nil)...)
		}
	}
	return fs
}

// checkServiceLinkedRole checks R28/OB-34: an ApplicationArn sent without a RoleArn comes back
// with the Cognito service-linked role of the ApplicationArn's account.
func checkServiceLinkedRole(sent map[string]any, got any) []Finding {
	arn, _ := sent["ApplicationArn"].(string)
	want := serviceLinkedRoleFor(arn)
	if want == "" || sameValue(nil, decodeRaw(json.RawMessage(want)), got) {
		return nil
	}
	return []Finding{{Check: CheckRule, Rule: "R28", Member: "AnalyticsConfiguration.RoleArn",
		Expected: "the service-linked role " + showValue(decodeRaw(json.RawMessage(want)), false), Actual: showMaybe(got, false),
		Source: "R28: S1 AnalyticsConfiguration docs; OB-34"}}
}

// checkReset checks an omitted member against its row of the defaults table. A member with no
// row has no documented default and must come back absent.
func (c *Contract) checkReset(path string, got any, before *clientBefore) []Finding {
	d, ok := c.defaultFor(path)
	if !ok {
		d = memberDefault{Member: path, Kind: defaultAbsent, Source: "R1: no documented default"}
	}
	if got == nil || d.Kind == defaultUnasserted {
		return nil // absence is always a reset; R26 EnableTokenRevocation is never asserted
	}
	if arr, isList := got.([]any); isList && len(arr) == 0 && d.Kind == defaultAbsent {
		return nil // an empty list stores nothing, same as absent
	}
	accepted := append([]json.RawMessage{}, d.Also...)
	if d.Kind == defaultValue {
		accepted = append(accepted, d.Value)
	}
	if d.Kind == defaultKeep {
		if before == nil {
			return nil // the value before the update is unknown
		}
		if b := before.get(path); b != nil && sameValue(nil, b, got) {
			return nil
		}
	}
	want := "absent"
	for _, a := range accepted {
		if a == nil {
			continue
		}
		if sameValue(nil, decodeRaw(a), got) {
			return nil
		}
		want += " or " + string(a)
	}
	if d.Kind == defaultKeep {
		want += " or the value before the update"
	}
	return []Finding{{Check: CheckResetToDefault, Member: path, Expected: want + " (omitted)",
		Actual: showValue(got, false), Source: d.Source}}
}

// checkDurations compares the three token validities as durations, value × unit, so 1 hours
// equals 60 minutes (R13). Sent 0 for RefreshTokenValidity means 30 days (R14).
func (c *Contract) checkDurations(req, got map[string]any) []Finding {
	reqUnits, _ := req["TokenValidityUnits"].(map[string]any)
	gotUnits, _ := got["TokenValidityUnits"].(map[string]any)
	var fs []Finding
	for _, d := range c.defaults() {
		if d.Kind != defaultDuration {
			continue
		}
		def, _ := strconv.ParseFloat(string(d.Value), 64)
		check, rule, how := CheckEcho, "", "as sent"
		wantVal, wantUnit := def, d.DefaultUnit
		sent, isSent := numberOf(req[d.Member])
		switch {
		case isSent && (sent != 0 || !c.zeroMeansDefault(d.Member)):
			wantVal, wantUnit = sent, stringOf(reqUnits[d.Unit])
		case isSent:
			check, rule, how = CheckRule, "R14", "sent 0, the default applies"
		default:
			check, how = CheckResetToDefault, "omitted, the default applies"
		}
		want, err := validityDuration(wantVal, wantUnit, d.DefaultUnit)
		if err != nil {
			continue // a unit outside TimeUnitsType is a request fault, reported by Validate (enum)
		}
		gotVal, gotUnit := def, d.DefaultUnit
		if n, has := numberOf(got[d.Member]); has {
			gotVal, gotUnit = n, stringOf(gotUnits[d.Unit])
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

// checkInvariants compares the returned client with the one before the update: identity and
// secret unchanged, LastModifiedDate not going back (and not before CreationDate).
func (c *Contract) checkInvariants(got map[string]any, before *clientBefore) []Finding {
	var fs []Finding
	if created, ok := numberOf(got["CreationDate"]); ok {
		if modified, ok := numberOf(got["LastModifiedDate"]); ok && modified < created {
			fs = append(fs, Finding{Check: CheckInvariant, Member: "LastModifiedDate", Expected: "not earlier than CreationDate",
				Actual: fmt.Sprintf("%v < %v", got["LastModifiedDate"], got["CreationDate"]), Source: "S1 UserPoolClientType dates"})
		}
	}
	if before == nil {
		return fs
	}
	for _, name := range []string{"UserPoolId", "ClientId", "CreationDate", "ClientSecret"} {
		was := before.get(name)
		if sameValue(nil, was, got[name]) {
			continue
		}
		sensitive := name == "ClientSecret" || name == "ClientId"
		fs = append(fs, Finding{Check: CheckInvariant, Member: name, Expected: "unchanged: " + showMaybe(was, sensitive),
			Actual: showMaybe(got[name], sensitive), Source: "R32 (no member changes the secret); identity of the client"})
	}
	lastBefore := before.get("LastModifiedDate")
	was, ok1 := numberOf(lastBefore)
	now, ok2 := numberOf(got["LastModifiedDate"])
	if ok1 && (!ok2 || now < was) {
		fs = append(fs, Finding{Check: CheckInvariant, Member: "LastModifiedDate", Expected: fmt.Sprintf("not earlier than %v", lastBefore),
			Actual: showMaybe(got["LastModifiedDate"], false), Source: "S1 UserPoolClientType.LastModifiedDate"})
	}
	return fs
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

func numberOf(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}

func decodeRaw(b json.RawMessage) any {
	if b == nil {
		return nil
	}
	v, _ := decodeAny(b)
	return v
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
