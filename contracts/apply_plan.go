package contracts

import (
	"math"
	"slices"
	"strconv"
)

// locate works out the plan's positions (see applyPlan): what applyDoc would otherwise look up
// by name on every update.
func (pl *applyPlan) locate() {
	slot := func(name string) int {
		if i, ok := pl.slot[name]; ok {
			return i
		}
		return -1
	}
	pl.inputAt = make(map[string]int, len(pl.members))
	for k, m := range pl.members {
		pl.memberSlot = append(pl.memberSlot, pl.slot[m.Name])
		pl.memberRow = append(pl.memberRow, pl.defaults[m.Name])
		text := ""
		if d := pl.defaults[m.Name]; d != nil {
			text = string(d.Value)
		}
		pl.memberText = append(pl.memberText, text)
		pl.memberCompact = append(pl.memberCompact, !hasByteAtOrBelowSpace(text))
		pl.inputAt[m.Name] = k
		if n := len(m.Name); n >= len(pl.inputByLen) {
			pl.inputByLen = append(pl.inputByLen, make([][]int, n+1-len(pl.inputByLen))...)
		}
		pl.inputByLen[len(m.Name)] = append(pl.inputByLen[len(m.Name)], k)
	}
	for _, m := range pl.client.Members {
		pl.keys = append(pl.keys, string(appendQuoted(nil, m.Name))+":")
	}
	for _, name := range identityMembers {
		pl.identityAt = append(pl.identityAt, slot(name))
	}
	pl.modifiedAt = slot("LastModifiedDate")
	pl.unitsIn = pl.inputIndex("TokenValidityUnits")
	for _, d := range pl.durations {
		pl.durationAt = append(pl.durationAt, slot(d.Member))
		pl.durationIn = append(pl.durationIn, pl.inputIndex(d.Member))
		pl.durationDefault = append(pl.durationDefault, durationDefaults(d))
	}
	pl.unitsAt = slot("TokenValidityUnits")
	pl.unitTexts = pl.unitTextTable()
	for _, i := range append(append([]int{pl.modifiedAt, pl.unitsAt}, pl.identityAt...), pl.durationAt...) {
		if i >= 0 && i < compactSlots {
			pl.lateSlots |= 1 << i
		}
	}
}

// inputIndex is the index of an input member in members, -1 when the client lacks it.
func (pl *applyPlan) inputIndex(name string) int {
	if k, ok := pl.inputAt[name]; ok {
		return k
	}
	return -1
}

// durationDefaults is, per time unit (in unitNames order), what an omitted (or 0) token
// validity is stored as: the documented default (R13, R14) expressed in that unit when it
// divides evenly, else in the default unit.
func durationDefaults(d *memberDefault) []storedDuration {
	def, _ := strconv.ParseFloat(string(d.Value), 64)
	secs, _ := validityDuration(def, "", d.DefaultUnit)
	byUnit := make([]storedDuration, len(unitNames))
	for at, unit := range unitNames {
		if n := secs / unitSeconds[unit]; n == math.Trunc(n) {
			byUnit[at] = storedDuration{text: strconv.FormatFloat(n, 'f', -1, 64), unit: unit, unitAt: at}
		} else {
			byUnit[at] = storedDuration{text: string(d.Value), unit: d.DefaultUnit, unitAt: slices.Index(unitNames, d.DefaultUnit)}
		}
		byUnit[at].compact = !hasByteAtOrBelowSpace(byUnit[at].text)
	}
	return byUnit
}

// inputOf is inputAt[name] without hashing the name: it is compared with the members' names of
// its length only (a few in this model; TestInputOfIsInputAt holds it to the map).
func (pl *applyPlan) inputOf(name string) (int, bool) {
	if len(name) < len(pl.inputByLen) {
		for _, k := range pl.inputByLen[len(name)] {
			if pl.members[k].Name == name {
				return k, true
			}
		}
	}
	return 0, false
}

// sentMembers is, for each of members, the member the request sends and is not JSON null
// (req.present of its name: the last of duplicates), in one pass over the request's members;
// nil for the others. It appends to buf.
func (pl *applyPlan) sentMembers(req *jnode, buf []*jnode) []*jnode {
	sent := append(buf[:0], make([]*jnode, len(pl.members))...)
	for k := range req.kids {
		if i, ok := pl.inputOf(req.kids[k].name); ok {
			sent[i] = &req.kids[k].val // a later duplicate replaces it, as get reads the last
		}
	}
	for i, v := range sent {
		if v != nil && v.kind == jNull {
			sent[i] = nil
		}
	}
	return sent
}

// setAt stores a member's JSON text at a client slot (-1: the client shape lacks the member).
func (pl *applyPlan) setAt(out []string, slot int, raw string) {
	if slot >= 0 {
		out[slot] = raw
	}
}
