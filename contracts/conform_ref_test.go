package contracts

// The map[string]any checks of a 200 that the tree checks replaced (decodeAny, then walks over
// maps): the reference of TestCheckSuccessIsReference and FuzzCheckSuccess.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// refCheckSuccess checks a 200: the body against the output shape, then against the request and
// the client before the update. A request parsed already (req, nil when not) is read from its
// tree instead of being decoded again.
func (c *Contract) refCheckSuccess(ex Exchange, req *ParsedRequest) []Finding {
	body, err := decodeAny(ex.Body)
	if err != nil {
		return []Finding{{Check: CheckShape, Rule: "type", Expected: "a JSON object body", Actual: showBody(ex.Body),
			Source: "S5; model: " + c.Operation.Output.Name}}
	}
	w := &refShapeWalk{}
	w.value(c.Operation.Output, c.Operation.Output.Constraints, body, "")
	fs := w.findings
	if len(bytes.TrimSpace(ex.Request)) == 0 {
		return fs
	}
	obj, _ := body.(map[string]any)
	got, _ := obj["UserPoolClient"].(map[string]any)
	if got == nil {
		return append(fs, Finding{Check: CheckEcho, Member: "UserPoolClient", Expected: "the updated client",
			Actual: "absent", Source: "S1 UpdateUserPoolClientResponse doc: \"The updated details of your app client.\""})
	}
	reqObj, err := refRequestObject(ex.Request, req)
	if err != nil || reqObj == nil {
		return append(fs, Finding{Check: CheckEcho, Expected: "a request body that is a JSON object",
			Actual: showBody(ex.Request), Source: "Exchange.Request"})
	}
	before := refReadBefore(ex.Before)
	fs = append(fs, c.refCheckAgainstRequest(reqObj, got, before)...)
	return append(fs, c.refCheckInvariants(got, before)...)
}

// refClientBefore is the client before the update, of which the checks read a few top-level
// members (identity, secret, dates, kept ClientName). It is parsed shallow: the whole document
// is checked, nested values keep their text and are decoded only when read.
type refClientBefore struct {
	doc jnode          // the shallow parse (an object), when m is nil
	m   map[string]any // decodeAny's object, for a document the one-pass parser refuses
}

// refReadBefore reads Exchange.Before as decodeAny reads it: nil when blank, not JSON or not an
// object. A document the one-pass parser refuses (invalid UTF-8, ...) goes through decodeAny.
func refReadBefore(b []byte) *refClientBefore {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	if doc, err := parseShallow(b); err == nil {
		if doc.kind != jObject {
			return nil
		}
		return &refClientBefore{doc: doc}
	}
	v, _ := decodeAny(b)
	if m, ok := v.(map[string]any); ok {
		return &refClientBefore{m: m}
	}
	return nil
}

// get is a member as decodeAny's map holds it (nil when absent; the last of duplicates wins).
func (cb *refClientBefore) get(name string) any {
	if cb.m != nil {
		return cb.m[name]
	}
	n := cb.doc.get(name)
	switch {
	case n == nil:
		return nil
	case n.kind == jArray || n.kind == jObject:
		v, _ := decodeAny([]byte(n.raw)) // checked by the parse: decodes
		return v
	}
	return n.toAny()
}

// refRequestObject is the request body as encoding/json decodes it (UseNumber), nil when it is not
// an object. A parse that succeeded is read from its tree: the one-pass parser accepts only what
// encoding/json decodes to the same value (the agreement tests of jsondoc_test.go), and Parse
// reads the bytes decodeAny reads once refCheckSuccess has set blank requests aside; a parse that
// failed (invalid UTF-8, which encoding/json reads as U+FFFD, ...) leaves it to decodeAny.
func refRequestObject(body []byte, p *ParsedRequest) (map[string]any, error) {
	if p != nil && p.err == nil {
		obj, _ := p.doc.toAny().(map[string]any)
		return obj, nil
	}
	v, err := decodeAny(body)
	obj, _ := v.(map[string]any)
	return obj, err
}

func refSortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// refCheckAgainstRequest compares the returned client with the request (R1 full replace): what was
// sent comes back (echo), what was omitted comes back absent or as its documented default
// (reset-to-default, the defaults table), token validities as durations (R13, R14).
func (c *Contract) refCheckAgainstRequest(req, got map[string]any, before *refClientBefore) []Finding {
	var fs []Finding
	client := c.clientShape()
	for _, mem := range c.Operation.Input.Members {
		if _, ok := client.MemberNamed(mem.Name); !ok {
			continue
		}
		if d, ok := c.defaultFor(mem.Name); ok && (d.Kind == defaultDuration || mem.Name == "TokenValidityUnits") {
			continue // refCheckDurations
		}
		sent, isSent := req[mem.Name]
		if isSent && sent != nil {
			fs = append(fs, c.refCheckEcho(mem, sent, got[mem.Name])...)
			continue
		}
		fs = append(fs, c.refCheckReset(mem.Name, got[mem.Name], before)...)
	}
	return append(fs, c.refCheckDurations(req, got)...)
}

// refCheckEcho checks that a sent member came back.
func (c *Contract) refCheckEcho(mem *Member, sent, got any) []Finding {
	if mem.Target.Type == "structure" {
		return c.refCheckEchoStructure(mem, sent, got)
	}
	if refSameValue(mem.Target, sent, got) {
		return nil
	}
	sensitive := mem.Target.Sensitive
	return []Finding{{Check: CheckEcho, Member: mem.Name, Expected: showValue(sent, sensitive) + " (as sent)",
		Actual: showMaybe(got, sensitive), Source: "R1: S1 UpdateUserPoolClient doc"}}
}

// refCheckEchoStructure compares a sent structure member by member: sent members echo, omitted
// ones take their nested default (R22 RetryGracePeriodSeconds 0; S1 UserDataShared false; R28
// the service-linked RoleArn) or come back absent.
func (c *Contract) refCheckEchoStructure(mem *Member, sent, got any) []Finding {
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
			if !refSameValue(sub.Target, s, g) {
				fs = append(fs, Finding{Check: CheckEcho, Member: path, Expected: showValue(s, sub.Target.Sensitive) + " (as sent)",
					Actual: showMaybe(g, sub.Target.Sensitive), Source: "R1: S1 UpdateUserPoolClient doc"})
			}
		case path == "AnalyticsConfiguration.RoleArn" && sentObj["ApplicationArn"] != nil:
			fs = append(fs, refCheckServiceLinkedRole(sentObj, g)...)
		case path == "RefreshTokenRotation.RetryGracePeriodSeconds":
			// R22 (observed only, OB-32): omitted comes back as 0, not absent.
			d, _ := c.defaultFor(path)
			if !refSameValue(sub.Target, refDecodeRaw(d.Value), g) {
				fs = append(fs, Finding{Check: CheckRule, Rule: "R22", Member: path, Expected: string(d.Value) + " (omitted)",
					Actual: showMaybe(g, false), Source: d.Source})
			}
		default:
			fs = append(fs, c.refCheckReset(path, g, nil)...)
		}
	}
	return fs
}

// refCheckServiceLinkedRole checks R28/OB-34: an ApplicationArn sent without a RoleArn comes back
// with the Cognito service-linked role of the ApplicationArn's account.
func refCheckServiceLinkedRole(sent map[string]any, got any) []Finding {
	arn, _ := sent["ApplicationArn"].(string)
	want := serviceLinkedRoleFor(arn)
	if want == "" || refSameValue(nil, refDecodeRaw(json.RawMessage(want)), got) {
		return nil
	}
	return []Finding{{Check: CheckRule, Rule: "R28", Member: "AnalyticsConfiguration.RoleArn",
		Expected: "the service-linked role " + showValue(refDecodeRaw(json.RawMessage(want)), false), Actual: showMaybe(got, false),
		Source: "R28: S1 AnalyticsConfiguration docs; OB-34"}}
}

// refCheckReset checks an omitted member against its row of the defaults table. A member with no
// row has no documented default and must come back absent.
func (c *Contract) refCheckReset(path string, got any, before *refClientBefore) []Finding {
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
		if b := before.get(path); b != nil && refSameValue(nil, b, got) {
			return nil
		}
	}
	want := "absent"
	for _, a := range accepted {
		if a == nil {
			continue
		}
		if refSameValue(nil, refDecodeRaw(a), got) {
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

// refCheckDurations compares the three token validities as durations, value × unit, so 1 hours
// equals 60 minutes (R13). Sent 0 for RefreshTokenValidity means 30 days (R14).
func (c *Contract) refCheckDurations(req, got map[string]any) []Finding {
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
		sent, isSent := refNumberOf(req[d.Member])
		switch {
		case isSent && (sent != 0 || !c.zeroMeansDefault(d.Member)):
			wantVal, wantUnit = sent, refStringOf(reqUnits[d.Unit])
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
		if n, has := refNumberOf(got[d.Member]); has {
			gotVal, gotUnit = n, refStringOf(gotUnits[d.Unit])
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

// refCheckInvariants compares the returned client with the one before the update: identity and
// secret unchanged, LastModifiedDate not going back (and not before CreationDate).
func (c *Contract) refCheckInvariants(got map[string]any, before *refClientBefore) []Finding {
	var fs []Finding
	if created, ok := refNumberOf(got["CreationDate"]); ok {
		if modified, ok := refNumberOf(got["LastModifiedDate"]); ok && modified < created {
			fs = append(fs, Finding{Check: CheckInvariant, Member: "LastModifiedDate", Expected: "not earlier than CreationDate",
				Actual: fmt.Sprintf("%v < %v", got["LastModifiedDate"], got["CreationDate"]), Source: "S1 UserPoolClientType dates"})
		}
	}
	if before == nil {
		return fs
	}
	for _, name := range []string{"UserPoolId", "ClientId", "CreationDate", "ClientSecret"} {
		was := before.get(name)
		if refSameValue(nil, was, got[name]) {
			continue
		}
		sensitive := name == "ClientSecret" || name == "ClientId"
		fs = append(fs, Finding{Check: CheckInvariant, Member: name, Expected: "unchanged: " + showMaybe(was, sensitive),
			Actual: showMaybe(got[name], sensitive), Source: "R32 (no member changes the secret); identity of the client"})
	}
	lastBefore := before.get("LastModifiedDate")
	was, ok1 := refNumberOf(lastBefore)
	now, ok2 := refNumberOf(got["LastModifiedDate"])
	if ok1 && (!ok2 || now < was) {
		fs = append(fs, Finding{Check: CheckInvariant, Member: "LastModifiedDate", Expected: fmt.Sprintf("not earlier than %v", lastBefore),
			Actual: showMaybe(got["LastModifiedDate"], false), Source: "S1 UserPoolClientType.LastModifiedDate"})
	}
	return fs
}

func refNumberOf(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

func refStringOf(v any) string {
	s, _ := v.(string)
	return s
}

func refDecodeRaw(b json.RawMessage) any {
	if b == nil {
		return nil
	}
	v, _ := decodeAny(b)
	return v
}

// refSameValue compares two decoded JSON values (numbers as json.Number) the way the contract
// means them. Numbers compare by value (1 equals 1.0). Lists compare as sets: the service
// documents no order for any list of this operation, prints lists back in its own order
// (enum sets in OB-03 and OB-05, validation entries in aws-sdk-java-v2#5528), and the
// members are sets by meaning (flows, scopes, URLs, attribute names), so a reordering or a
// dropped duplicate is not a departure. s may be nil when the shape is unknown: lists then
// still compare as sets.
func refSameValue(s *Shape, a, b any) bool {
	switch av := a.(type) {
	case nil:
		return b == nil
	case json.Number:
		bv, ok := b.(json.Number)
		if !ok {
			return false
		}
		if av == bv {
			return true
		}
		x, err1 := av.Float64()
		y, err2 := bv.Float64()
		return err1 == nil && err2 == nil && x == y
	case []any:
		bv, ok := b.([]any)
		if !ok {
			return false
		}
		var elem *Shape
		if s != nil && s.Member != nil {
			elem = s.Member.Target
		}
		return refSameSet(elem, av, bv)
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for k, x := range av {
			var sub *Shape
			if s != nil {
				if m, ok := s.MemberNamed(k); ok {
					sub = m.Target
				}
			}
			y, ok := bv[k]
			if !ok || !refSameValue(sub, x, y) {
				return false
			}
		}
		return true
	default: // string, bool
		return a == b
	}
}

// refSameSet reports whether a and b hold the same elements (refSubset both ways). The same list in
// the same order (what an echo usually is) is seen in one pass, lists of strings (URLs, scopes,
// flows: up to 100 entries) through a set; anything else pairwise.
func refSameSet(elem *Shape, a, b []any) bool {
	if len(a) == len(b) {
		inOrder := true
		for i := range a {
			if !refSameValue(elem, a[i], b[i]) {
				inOrder = false
				break
			}
		}
		if inOrder {
			return true
		}
	}
	if set, ok := refStringSet(a); ok {
		if other, ok := refStringSet(b); ok {
			if len(set) != len(other) {
				return false
			}
			for k := range set {
				if _, ok := other[k]; !ok {
					return false
				}
			}
			return true
		}
	}
	return refSubset(elem, a, b) && refSubset(elem, b, a)
}

// refStringSet is the set of a list's entries when every entry is a string.
func refStringSet(a []any) (map[string]struct{}, bool) {
	set := make(map[string]struct{}, len(a))
	for _, x := range a {
		s, ok := x.(string)
		if !ok {
			return nil, false
		}
		set[s] = struct{}{}
	}
	return set, true
}

// refSubset reports whether every element of a is in b.
func refSubset(elem *Shape, a, b []any) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			if refSameValue(elem, x, y) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// refShapeWalk checks a decoded JSON value against a model shape, generically: JSON types,
// @length (characters of a string, R31; entries of a list), @range, @pattern, enum values,
// required and unknown members, timestamps as epoch-second numbers (S5), nested structures.
// It collects every finding, never only the first.
type refShapeWalk struct {
	findings []Finding
	slab     []refWpath // the walked paths, allocated in growing blocks (16, 48, 112, 240, 256...), not one each
}

// at returns the path of a member (name) or list entry (idx, entry) under parent.
func (w *refShapeWalk) at(parent *refWpath, name string, idx int, entry bool) *refWpath {
	if len(w.slab) == cap(w.slab) { // earlier blocks stay where they are: parents keep pointing to them
		w.slab = make([]refWpath, 0, min(2*cap(w.slab)+16, 256))
	}
	w.slab = append(w.slab, refWpath{parent: parent, name: name, idx: idx, entry: entry})
	return &w.slab[len(w.slab)-1]
}

func (w *refShapeWalk) add(kind, path, expected, actual, source string) {
	w.findings = append(w.findings, Finding{Check: CheckShape, Rule: kind, Member: path,
		Expected: expected, Actual: actual, Source: source})
}

// value checks v (decoded with UseNumber) against shape s under the constraints c; path is
// the model path of v ("" for the top).
func (w *refShapeWalk) value(s *Shape, c Constraints, v any, path string) {
	w.walk(s, c, v, &refWpath{name: path})
}

// refWpath is the model path of a walked value, turned into text only when a finding is added:
// "UserPoolClient.CallbackURLs[2]".
type refWpath struct {
	parent *refWpath
	name   string // a member name (or the whole prefix at the root)
	idx    int    // a list entry's index, when entry
	entry  bool
}

func (p *refWpath) String() string {
	switch {
	case p == nil:
		return ""
	case p.entry:
		return p.parent.String() + "[" + strconv.Itoa(p.idx) + "]"
	}
	return join(p.parent.String(), p.name)
}

// refSrc is the source of a shape's findings.
func refSrc(s *Shape) string { return "model: " + s.Name }

func (w *refShapeWalk) walk(s *Shape, c Constraints, v any, p *refWpath) {
	switch s.Type {
	case "structure", "union":
		obj, ok := v.(map[string]any)
		if !ok {
			w.add("type", p.String(), "a JSON object", refTypeActual(s, v), refSrc(s))
			return
		}
		w.structure(s, obj, p)
	case "list", "set":
		arr, ok := v.([]any)
		if !ok {
			w.add("type", p.String(), "a JSON array", refTypeActual(s, v), refSrc(s))
			return
		}
		w.bounds("length", p, c.Length, float64(len(arr)), "entries", s)
		if s.Member != nil {
			mc := s.Member.Effective()
			for i, e := range arr {
				w.walk(s.Member.Target, mc, e, w.at(p, "", i, true))
			}
		}
	case "map":
		if _, ok := v.(map[string]any); !ok {
			w.add("type", p.String(), "a JSON object", refTypeActual(s, v), refSrc(s))
		}
	case "string", "enum":
		str, ok := v.(string)
		if !ok {
			w.add("type", p.String(), "a JSON string", refTypeActual(s, v), refSrc(s))
			return
		}
		w.str(s, c, str, p)
	case "timestamp":
		// awsJson default timestamp format: epoch seconds as a JSON number, fractions allowed (S5).
		if _, ok := v.(json.Number); !ok {
			w.add("type", p.String(), "epoch seconds as a JSON number", refTypeActual(s, v), refSrc(s))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			w.add("type", p.String(), "a JSON boolean", refTypeActual(s, v), refSrc(s))
		}
	case "byte", "short", "integer", "long", "intEnum":
		n, ok := v.(json.Number)
		if _, err := strconv.ParseInt(string(n), 10, 64); !ok || err != nil {
			w.add("type", p.String(), "a JSON integer", refTypeActual(s, v), refSrc(s))
			return
		}
		f, _ := n.Float64()
		w.bounds("range", p, c.Range, f, "", s)
	case "float", "double", "bigDecimal", "bigInteger":
		n, ok := v.(json.Number)
		if !ok {
			w.add("type", p.String(), "a JSON number", refTypeActual(s, v), refSrc(s))
			return
		}
		f, _ := n.Float64()
		w.bounds("range", p, c.Range, f, "", s)
	}
}

func (w *refShapeWalk) structure(s *Shape, obj map[string]any, p *refWpath) {
	for _, mem := range s.Members {
		v, ok := obj[mem.Name]
		mc := mem.Effective()
		if !ok || v == nil {
			if mc.Required {
				w.add("required", join(p.String(), mem.Name), "a value (@required)", "absent", "model: "+s.Name)
			}
			continue
		}
		w.walk(mem.Target, mc, v, w.at(p, mem.Name, 0, false))
	}
	unknown := false
	for name := range obj {
		if _, ok := s.MemberNamed(name); !ok {
			unknown = true
			break
		}
	}
	if !unknown {
		return
	}
	for _, name := range refSortedKeys(obj) { // reported in name order
		if _, ok := s.MemberNamed(name); !ok {
			w.add("unknown-member", join(p.String(), name), "only members of "+s.Name, "unknown member "+strconv.Quote(name), "model: "+s.Name)
		}
	}
}

func (w *refShapeWalk) str(s *Shape, c Constraints, v string, p *refWpath) {
	sensitive := s.Sensitive
	if s.Type == "enum" && !contains(s.EnumValues, v) {
		w.add("enum", p.String(), "one of ["+strings.Join(s.EnumValues, ", ")+"]", showValue(v, sensitive), refSrc(s))
		return
	}
	w.bounds("length", p, c.Length, float64(runeCount(v)), "characters", s)
	if !c.matchPattern(v) {
		w.add("pattern", p.String(), "a value matching "+c.Pattern, showValue(v, sensitive), refSrc(s))
	}
}

// bounds checks an inclusive @length or @range.
func (w *refShapeWalk) bounds(kind string, p *refWpath, b *Bounds, n float64, unit string, s *Shape) {
	if b == nil {
		return
	}
	lo, hasLo := b.MinInt()
	hi, hasHi := b.MaxInt()
	if (hasLo && n < float64(lo)) || (hasHi && n > float64(hi)) {
		want := "at least " + strconv.FormatInt(lo, 10)
		switch {
		case hasLo && hasHi:
			want = fmt.Sprintf("%d..%d", lo, hi)
		case hasHi:
			want = "at most " + strconv.FormatInt(hi, 10)
		}
		if unit != "" {
			want += " " + unit
		}
		got := strconv.FormatFloat(n, 'f', -1, 64)
		if unit != "" {
			got += " " + unit
		}
		w.add(kind, p.String(), kind+" "+want, got, refSrc(s))
	}
}

// refTypeActual renders a value of the wrong JSON type: its kind, then the value unless the shape
// is @sensitive or the value is a container.
func refTypeActual(s *Shape, v any) string {
	switch v.(type) {
	case map[string]any, []any, nil:
		return refJsonKindOf(v)
	}
	return refJsonKindOf(v) + " " + showValue(v, s.Sensitive)
}

func refJsonKindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
