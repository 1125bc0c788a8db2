package contracts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Apply returns the client (a UserPoolClientType JSON object) as the service holds it after a
// successful update of current with the request body at time now: full replace (R1), documented
// defaults for what was omitted, identity and secret kept.
//
// Every member the request sends is stored as sent, except RefreshTokenValidity 0 (stored as
// 30 days, R14), RefreshTokenRotation without RetryGracePeriodSeconds (0, R22/OB-32) and
// AnalyticsConfiguration with an ApplicationArn and no RoleArn (the service-linked role,
// R28/OB-34). Every member it omits takes the row of the defaults table (defaults.go).
// UserPoolId, ClientId, ClientSecret and CreationDate come from current; LastModifiedDate is
// now. Apply does not validate: call Validate and Predict first. It fails only on bodies that
// are not JSON objects or carry a token validity it cannot convert.
func (c *Contract) Apply(current json.RawMessage, body []byte, now time.Time) (json.RawMessage, error) {
	return c.ApplyParsed(current, c.Parse(body), now)
}

// applyPlan is what Apply needs from the model and the defaults table, worked out once per
// contract.
type applyPlan struct {
	client  *Shape         // UserPoolClientType
	slot    map[string]int // client member name -> its position in model order
	members []*Member      // the input members the client has, in input order
	// defaults are the table rows of top-level members; nested holds, per structure member,
	// the rows of its own members aligned with the target's Members (nil: no row).
	defaults  map[string]*memberDefault
	nested    map[string][]*memberDefault
	durations []*memberDefault
	units     *Shape // TokenValidityUnitsType, nil when the input lacks it
	// fromCurrent are the members read from the client before the update: those kept when
	// omitted, and the identity and secret.
	fromCurrent map[string]bool
	keepCurrent func(name string) bool
	currentAt   []int                     // positions in client member order of the fromCurrent members
	byPath      map[string]*memberDefault // every row of the table by member path
	// outHead and outTail go around the client in the output document (outputWrapper).
	outHead, outTail string

	// Positions worked out once, so that an update looks no member up by name.
	memberSlot []int            // the client slot of each of members
	memberRow  []*memberDefault // defaults[members[i].Name]
	memberText []string         // string(memberRow[i].Value), "" without a row or a Value
	inputAt    map[string]int   // an input member's name -> its index in members
	inputByLen [][]int          // the indexes in members of the names of each length (inputOf)
	keys       []string         // `"Name":` of each client member, as appendQuoted writes the name
	identityAt []int            // the client slot of each of identityMembers, -1 when absent
	modifiedAt int              // the client slot of LastModifiedDate, -1 when absent
	unitsIn    int              // the index of TokenValidityUnits in members, -1 when absent
	durationAt []int            // the client slot of each durations row's member, -1 when absent
	durationIn []int            // the index of each durations row's member in members, -1 when absent
	// durationDefault holds, per durations row and unit (by its place in unitNames), what an
	// omitted (or 0) validity is stored as (see applyDurations).
	durationDefault [][]storedDuration
	unitsAt         int // the client slot of TokenValidityUnits, -1 when absent
	// unitTexts is TokenValidityUnits' stored text for each choice of the durations' units
	// (indexed by the units' places in unitNames as the digits of a number in base
	// len(unitNames), the first duration's the lowest), made once from the model
	// (unitTextTable); nil when a member of units is no duration's unit, whose text would come
	// from the request.
	unitTexts []string
	// memberCompact tells that memberText[i] has no byte at or below ' ' (hasByteAtOrBelowSpace):
	// writeClient copies it as it is.
	memberCompact []bool
	// lateSlots are the client slots applyDocWith writes after the request's members (the
	// durations, their units, the identity, LastModifiedDate): the members' pass's bits for
	// them are cleared, and the late writes give their own.
	lateSlots uint64
}

// storedDuration is a token validity's default as stored: its text, the unit it is in,
// that unit's place in unitNames (-1: none) and whether the text is known compact (no byte at
// or below ' ').
type storedDuration struct {
	text, unit string
	unitAt     int
	compact    bool
}

// identityMembers come from the client before the update whatever the request says.
var identityMembers = []string{"UserPoolId", "ClientId", "ClientSecret", "CreationDate"}

var applyPlans sync.Map // *Contract -> *applyPlan

func (c *Contract) applyPlan() *applyPlan {
	if p, ok := applyPlans.Load(c); ok {
		return p.(*applyPlan)
	}
	client := c.clientShape()
	pl := &applyPlan{client: client, slot: map[string]int{}, defaults: map[string]*memberDefault{},
		nested: map[string][]*memberDefault{}, units: c.shapeOf("TokenValidityUnits")}
	for i, m := range client.Members {
		pl.slot[m.Name] = i
	}
	table := c.defaults()
	row := func(path string) *memberDefault {
		for i := range table {
			if table[i].Member == path {
				return &table[i]
			}
		}
		return nil
	}
	for _, m := range c.Operation.Input.Members {
		if _, ok := pl.slot[m.Name]; !ok {
			continue
		}
		pl.members = append(pl.members, m)
		if d := row(m.Name); d != nil {
			pl.defaults[m.Name] = d
		}
		if m.Target.Type == "structure" {
			rows := make([]*memberDefault, len(m.Target.Members))
			for i, sub := range m.Target.Members {
				rows[i] = row(m.Name + "." + sub.Name)
			}
			pl.nested[m.Name] = rows
		}
	}
	pl.byPath = make(map[string]*memberDefault, len(table))
	for i := range table {
		if _, dup := pl.byPath[table[i].Member]; !dup { // the first row of a path, as defaultFor reads
			pl.byPath[table[i].Member] = &table[i]
		}
	}
	pl.fromCurrent = map[string]bool{}
	for i := range table {
		switch table[i].Kind {
		case defaultDuration:
			pl.durations = append(pl.durations, &table[i])
		case defaultKeep:
			pl.fromCurrent[table[i].Member] = true
		}
	}
	for _, name := range identityMembers {
		pl.fromCurrent[name] = true
	}
	pl.keepCurrent = func(name string) bool { return pl.fromCurrent[name] }
	for i, m := range client.Members {
		if pl.fromCurrent[m.Name] {
			pl.currentAt = append(pl.currentAt, i)
		}
	}
	pl.outHead, pl.outTail = c.outputWrapper()
	pl.locate()
	p, _ := applyPlans.LoadOrStore(c, pl)
	return p.(*applyPlan)
}

// readCurrent reads the client before the update: only the members Apply takes from it. A
// blank document is no client (nil).
func (c *Contract) readCurrent(current json.RawMessage) (*jnode, error) {
	if len(bytes.TrimSpace(current)) == 0 {
		return nil, nil
	}
	d, err := parseMembers(current, c.applyPlan().keepCurrent)
	if err != nil {
		return nil, fmt.Errorf("current client: want a JSON object: %w", err)
	}
	if d.kind != jObject {
		return nil, fmt.Errorf("current client: want a JSON object, got %s", d.kindName())
	}
	return &d, nil
}

// applyDoc is Apply on a decoded body and a read client. It works on the texts of the body
// (raw values, compacted once when the result is written), without a generic re-encoding
// pass. out holds the stored members' texts in client member order.
func (c *Contract) applyDoc(cur, req *jnode, now time.Time) (doc json.RawMessage, out []string, err error) {
	pl := c.applyPlan()
	out = make([]string, len(pl.client.Members))
	doc, err = c.applyDocWith(pl, "", 0, out, cur, req, now)
	return doc, out, err
}

// applyDocWith is applyDoc with the contract's plan, which the caller loaded (an update loads
// it once), writing the document after head, into a buffer with room for tail more bytes (buf
// is head and the document), and the stored members' texts into out (one per client member,
// all "" on entry). LastModifiedDate's is the one left out: it is written from now as the
// document is (its slot stays "").
func (c *Contract) applyDocWith(pl *applyPlan, head string, tail int, out []string, cur, req *jnode, now time.Time) (buf []byte, err error) {
	if req.kind != jObject {
		return nil, fmt.Errorf("request body: want a JSON object, got %s", req.kindName())
	}
	var small [64]*jnode
	sent := pl.sentMembers(req, small[:0])
	var compact uint64 // the slots whose text is known compact (see writeClient)
	for k, mem := range pl.members {
		if k == pl.unitsIn && pl.units != nil {
			continue // applyDurations writes TokenValidityUnits' slot whatever is sent
		}
		i := pl.memberSlot[k]
		if v := sent[k]; v != nil {
			var known bool
			out[i], known = c.applySent(pl, mem, v)
			if known && i < compactSlots {
				compact |= 1 << i
			}
			continue
		}
		if d := pl.memberRow[k]; d != nil {
			switch {
			case d.Kind == defaultKeep:
				if v := cur.presentIn(mem.Name); v != nil {
					out[i] = v.raw
					compact |= compactBit(i, compactNode(v, 0))
				}
			case d.Kind == defaultValue || d.Kind == defaultUnasserted:
				out[i] = pl.memberText[k] // string(d.Value), made once
				compact |= compactBit(i, pl.memberCompact[k])
			}
		}
	}
	// The late slots' texts replace what the members' pass wrote there: their bits are made
	// anew (late), the members' cleared below.
	late, err := pl.applyDurations(req, sent, out)
	if err != nil {
		return nil, err
	}
	for k, name := range identityMembers {
		if v := cur.presentIn(name); v != nil {
			pl.setAt(out, pl.identityAt[k], v.raw)
			late |= compactBit(pl.identityAt[k], compactNode(v, 0))
		}
	}
	// LastModifiedDate's text goes from a buffer of this frame into the document, not into a
	// string of its own (nothing reads it back).
	var stamp [epochRoom]byte
	modified := appendEpochSeconds(stamp[:0], now)
	size := len(head) + 2 + tail // the exact size before compaction: {"Name":text,...}
	if pl.modifiedAt >= 0 {
		out[pl.modifiedAt] = ""
		size += len(pl.keys[pl.modifiedAt]) + 1 + len(modified)
	}
	for i, key := range pl.keys {
		if out[i] != "" {
			size += len(key) + 1 + len(out[i])
		}
	}
	buf = append(make([]byte, 0, size), head...)
	return pl.writeClient(buf, out, compact&^pl.lateSlots|late, modified), nil
}

// compactBit is the bit of slot i in writeClient's compact mask when known (the text in it is
// known compact), 0 otherwise (and for a slot past the mask's or -1: none).
func compactBit(i int, known bool) uint64 {
	if !known || i < 0 || i >= compactSlots {
		return 0
	}
	return 1 << i
}

// readBack is what readCurrent would read from the document applyDoc wrote: the kept members'
// texts (uncompacted; they are compacted again when written, which changes nothing).
func (pl *applyPlan) readBack(out []string) jnode {
	var top jnode
	pl.readBackInto(out, nil, &top)
	return top
}

// readBackInto is readBack written into top, with the members written into buf when they fit
// (their slice is capped at their number), into memory of their own otherwise. top and buf hold
// nothing or what readBackInto wrote before (a stored client's, storedBox): its nodes set only
// their kind, raw and kids, so writing those three fields makes them readBack's. They are
// written field by field, not as composites: in the heap, a composite's store is a bulk write
// barrier over all of its pointer words while the collector runs, most of them the zero ones of
// the fields a read-back node leaves unset.
func (pl *applyPlan) readBackInto(out []string, buf []jmember, top *jnode) {
	kids := buf[:0]
	if len(pl.currentAt) > len(buf) {
		kids = make([]jmember, 0, len(pl.currentAt))
	}
	for _, i := range pl.currentAt {
		if out[i] != "" {
			kids = kids[:len(kids)+1]
			k := &kids[len(kids)-1]
			k.name = pl.client.Members[i].Name
			k.val.kind, k.val.raw = kindOfText(out[i]), out[i]
		}
	}
	top.kind, top.raw = jObject, "" // raw is not needed: Apply reads members only
	top.kids = kids[:len(kids):len(kids)]
}

// kindOfText is the kind of a JSON text from its first byte (enough for present and raw).
func kindOfText(t string) jkind {
	switch t[0] {
	case 'n':
		return jNull
	case 't', 'f':
		return jBool
	case '"':
		return jString
	case '[':
		return jArray
	case '{':
		return jObject
	}
	return jNumber
}

// set stores a member's JSON text when the client shape has the member.
func (pl *applyPlan) set(out []string, name, raw string) {
	if i, ok := pl.slot[name]; ok {
		out[i] = raw
	}
}

// presentIn is present on an optional object (nil: nothing is present).
func (n *jnode) presentIn(name string) *jnode {
	if n == nil {
		return nil
	}
	return n.present(name)
}

// compactSlots is how many client slots writeClient's compact mask covers; a text in a slot
// past it is compacted as any other.
const compactSlots = 64

// writeClient appends {"Name":value,...} in the client shape's member order, values
// compacted; an empty text is an absent member. A text whose slot's bit is set in compact is
// known compact (compactNode) and copied without looking for whitespace. modified, when not
// nil, is LastModifiedDate's text (appendEpochSeconds: compact), written in its slot whatever
// vals holds there.
func (pl *applyPlan) writeClient(buf []byte, vals []string, compact uint64, modified []byte) []byte {
	buf = append(buf, '{')
	first := true
	for i, key := range pl.keys {
		if i == pl.modifiedAt && modified != nil {
			if !first {
				buf = append(buf, ',')
			}
			first = false
			buf = append(append(buf, key...), modified...)
			continue
		}
		if vals[i] == "" {
			continue
		}
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = append(buf, key...)
		if i < compactSlots && compact&(1<<i) != 0 {
			buf = append(buf, vals[i]...)
		} else {
			buf = appendCompactText(buf, vals[i])
		}
	}
	return append(buf, '}')
}

// clientShape is UserPoolClientType, the shape of the response's UserPoolClient member.
func (c *Contract) clientShape() *Shape {
	if m, ok := c.Operation.Output.MemberNamed("UserPoolClient"); ok {
		return m.Target
	}
	return c.Operation.Output
}

// applySent returns what the service stores for a member the request sent: the value as sent,
// and for a structure its omitted members' defaults (R22 RetryGracePeriodSeconds 0; S1
// UserDataShared false) and the service-linked RoleArn (R28). Members sent as null stay null,
// members the structure does not model are dropped. compact tells that the text is known
// compact: a structure's, written here, always; a value as sent, when compactNode says so.
func (c *Contract) applySent(pl *applyPlan, mem *Member, v *jnode) (text string, compact bool) {
	if mem.Target.Type != "structure" || v.kind != jObject {
		return v.raw, compactNode(v, maxCompactDepth)
	}
	subs := mem.Target.Members
	var small [8]string
	vals := small[:0]
	if len(subs) > len(small) {
		vals = make([]string, 0, len(subs))
	}
	vals = vals[:len(subs)]
	rows := pl.nested[mem.Name]
	for i, sub := range subs {
		n := v.get(sub.Name)
		if n != nil && n.kind != jNull {
			vals[i] = n.raw
			continue
		}
		if mem.Name == "AnalyticsConfiguration" && sub.Name == "RoleArn" {
			if role := serviceLinkedRole(v); role != "" {
				vals[i] = role
				continue
			}
		}
		if i < len(rows) && rows[i] != nil && rows[i].Kind == defaultValue && rows[i].Value != nil {
			vals[i] = string(rows[i].Value)
			continue
		}
		if n != nil {
			vals[i] = "null"
		}
	}
	return objectString(mem.Target, vals, len(v.raw)+16), true // names quoted, values compacted
}

// serviceLinkedRole is the RoleArn (JSON text) the service fills in when only an
// ApplicationArn is sent (R28, OB-34), in the ApplicationArn's partition and account; "" when
// not applicable.
func serviceLinkedRole(analytics *jnode) string {
	if analytics.present("RoleArn") != nil {
		return ""
	}
	arn := ""
	if a := analytics.get("ApplicationArn"); a != nil && a.kind == jString {
		arn = a.str()
	}
	return serviceLinkedRoleFor(arn)
}

// serviceLinkedRoleFor is the service-linked role for an ApplicationArn, as JSON text.
func serviceLinkedRoleFor(applicationArn string) string {
	parts := strings.Split(applicationArn, ":")
	if len(parts) < 6 || parts[0] != "arn" || parts[4] == "" {
		return ""
	}
	return string(appendQuoted(nil, "arn:"+parts[1]+":iam::"+parts[4]+
		":role/aws-service-role/cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdp"))
}

// applyDurations stores the three token validities and their units: as sent, or the documented
// default (R13, R14) expressed in the unit sent when it divides evenly, else in the default
// unit. Units not sent get their documented default so the stored client reads unambiguously.
// compact has the bits (writeClient's mask, compactBit) of the slots it wrote a text known
// compact into.
func (pl *applyPlan) applyDurations(req *jnode, sent []*jnode, out []string) (compact uint64, err error) {
	var units *jnode
	if pl.unitsIn >= 0 {
		units = sent[pl.unitsIn]
	} else {
		units = req.present("TokenValidityUnits")
	}
	if units != nil && units.kind != jObject {
		units = nil
	}
	var chosen [maxChosen]unitChoice
	nc := 0
	// key is the chosen units' index in unitTexts, from the places in unitNames looked up here
	// (keyed: all of them known).
	key, digit, keyed := 0, 1, true
	for k, d := range pl.durations {
		unit := ""
		if u := units.presentIn(d.Unit); u != nil && u.kind == jString {
			unit = u.str()
		}
		if unit == "" {
			unit = d.DefaultUnit
		}
		at := slices.Index(unitNames, unit) // unitSeconds' keys (TestUnitNamesAreUnitSeconds)
		if at < 0 {
			return 0, fmt.Errorf("request body: TokenValidityUnits.%s: unknown time unit %q", d.Unit, unit)
		}
		def := pl.durationDefault[k][at]
		var v *jnode
		if pl.durationIn[k] >= 0 {
			v = sent[pl.durationIn[k]]
		} else {
			v = req.present(d.Member)
		}
		if v != nil && v.raw != "0" {
			pl.setAt(out, pl.durationAt[k], v.raw)
			compact |= compactBit(pl.durationAt[k], compactNode(v, 0))
		} else {
			pl.setAt(out, pl.durationAt[k], def.text)
			compact |= compactBit(pl.durationAt[k], def.compact)
			unit, at = def.unit, def.unitAt
		}
		if nc < len(chosen) {
			chosen[nc] = unitChoice{d.Unit, unit}
			nc++
			key, digit, keyed = key+max(at, 0)*digit, digit*len(unitNames), keyed && at >= 0
		}
	}
	if pl.units == nil {
		return compact, nil
	}
	// Either text is objectString's, which writes no whitespace outside its strings.
	if keyed && pl.unitTexts != nil {
		pl.setAt(out, pl.unitsAt, pl.unitTexts[key])
	} else {
		pl.set(out, "TokenValidityUnits", pl.unitsText(units, chosen[:nc]))
	}
	return compact | compactBit(pl.unitsAt, true), nil
}

// maxChosen is how many durations' units applyDurations records (three in this model).
const maxChosen = 4

// unitsText is the stored text of TokenValidityUnits: the unit chosen for each duration's
// member, a member of a newer model as sent (units, the request's object, may be nil).
func (pl *applyPlan) unitsText(units *jnode, chosen []unitChoice) string {
	var small [8]string
	vals := small[:0]
	if len(pl.units.Members) > len(small) {
		vals = make([]string, 0, len(pl.units.Members))
	}
	vals = vals[:len(pl.units.Members)]
	for i, m := range pl.units.Members {
		if u, ok := chooseUnit(chosen, m.Name); ok {
			vals[i] = quotedUnits[u]
		} else if n := units.getIn(m.Name); n != nil {
			vals[i] = n.raw // a member of a newer model, as sent
		}
	}
	return objectString(pl.units, vals, 80)
}

// unitTextTable is unitsText for every choice of units of the durations, by the index
// applyDurations makes of the units' places (unitTexts); nil when a member of units is no
// duration's unit (its text is the request's) or the durations are more than applyDurations
// records.
func (pl *applyPlan) unitTextTable() []string {
	if pl.units == nil || len(pl.durations) > maxChosen {
		return nil
	}
	for _, m := range pl.units.Members {
		if !slices.ContainsFunc(pl.durations, func(d *memberDefault) bool { return d.Unit == m.Name }) {
			return nil
		}
	}
	n := 1
	for range pl.durations {
		n *= len(unitNames)
	}
	table := make([]string, n)
	chosen := make([]unitChoice, len(pl.durations))
	for key := range table {
		rest := key
		for k, d := range pl.durations {
			chosen[k] = unitChoice{d.Unit, unitNames[rest%len(unitNames)]}
			rest /= len(unitNames)
		}
		table[key] = pl.unitsText(nil, chosen)
	}
	return table
}

// unitChoice is the unit chosen for one TokenValidityUnits member.
type unitChoice struct{ member, unit string }

func chooseUnit(cs []unitChoice, member string) (string, bool) {
	for _, c := range cs {
		if c.member == member {
			return c.unit, true
		}
	}
	return "", false
}

// quotedUnits are the TimeUnitsType values as JSON strings, for the stored client.
var quotedUnits = func() map[string]string {
	m := make(map[string]string, len(unitSeconds))
	for u := range unitSeconds {
		m[u] = string(appendQuoted(nil, u))
	}
	return m
}()

// objectString is writeObject into a string, sized by a hint.
func objectString(s *Shape, vals []string, hint int) string {
	var b strings.Builder
	b.Grow(hint)
	b.WriteByte('{')
	first := true
	for i, mem := range s.Members {
		if vals[i] == "" {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		if plainString(mem.Name) {
			b.WriteByte('"')
			b.WriteString(mem.Name)
			b.WriteByte('"')
		} else {
			b.Write(appendQuoted(nil, mem.Name))
		}
		b.WriteByte(':')
		if hasByteAtOrBelowSpace(vals[i]) {
			b.Write(appendCompactText(nil, vals[i]))
		} else {
			b.WriteString(vals[i]) // nothing to compact
		}
	}
	b.WriteByte('}')
	return b.String()
}

// getIn is get on an optional object.
func (n *jnode) getIn(name string) *jnode {
	if n == nil {
		return nil
	}
	return n.get(name)
}

// shapeOf returns the target of an input member.
func (c *Contract) shapeOf(name string) *Shape {
	if m, ok := c.Operation.Input.MemberNamed(name); ok {
		return m.Target
	}
	return nil
}
