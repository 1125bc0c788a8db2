package contracts

import (
	"encoding/json"
	"strconv"
	"sync"
)

// echoPlan is what the checks of a 200 against its request read from the model and the
// defaults table, once per contract: which members echo, their reset rows, the durations.
type echoPlan struct {
	client  *Shape       // UserPoolClientType
	members []echoMember // the input members the client has, in input order, but durations
	// durations are the token validities in table order (R13, R14); unitsIn and unitsOut the
	// TokenValidityUnits member in the input and the client (-1: none).
	durations         []durationRow
	unitsIn, unitsOut int
	// The client members checkInvariants reads, at their indexes in the client shape.
	invariants             [len(invariantMembers)]clientMember
	lastModified, creation clientMember
	// beforeReads are the members of the client before the update that the checks read
	// (clientBefore.get): checkInvariants' invariants and LastModifiedDate, and the members
	// whose omission keeps the value before (defaultKeep rows, checkReset). A Kept keeps these.
	beforeReads []clientMember
	// walkedIn are, for each member of the client shape, the index of the input member of that
	// name whose validated value stands for the walk's of the same value (walkedAsValidated),
	// -1 when there is none: the walk skips a member that is that value (knownSlots).
	walkedIn []int
	// infos are infoOf's answers for the output's structures and those they reach (every
	// structure the walk of a conforming 200 meets), for the walk (shapeWalk.infos).
	infos []shapeInfoAt
}

// clientMember is a member of the client shape by name and index (-1: not a member).
type clientMember struct {
	name  string
	index int
}

// of is the member of the returned client got as got.get(name) finds it, read from back, got's
// members at their indexes (memberSlots: the last of duplicate names, as get finds it).
func (m clientMember) of(got *jnode, back []*jnode) *jnode {
	if m.index < 0 {
		return got.get(m.name)
	}
	return back[m.index]
}

// echoMember is an input member the returned client has.
type echoMember struct {
	mem     *Member
	in, out int        // its index in the input's and the client's members
	reset   resetRow   // what it may come back as when omitted
	subs    []resetRow // a structure's members' rows, aligned with its Members
	subPath []string   // "Member.Sub", aligned with its Members
}

// resetRow is a member's row of the defaults table with its accepted values decoded.
type resetRow struct {
	d        memberDefault
	accepted []json.RawMessage // Also, then Value for defaultValue (nil entries dropped)
	nodes    []*jnode          // accepted, decoded
	value    *jnode            // d.Value decoded (R22)
}

// durationRow is a token validity's row with its members' positions.
type durationRow struct {
	d        memberDefault
	def      float64 // d.Value
	in, out  int
	zeroDflt bool // zeroMeansDefault (R14)
}

var echoPlans sync.Map // *Contract -> *echoPlan

func (c *Contract) echoPlan() *echoPlan {
	if p, ok := echoPlans.Load(c); ok {
		return p.(*echoPlan)
	}
	p, _ := echoPlans.LoadOrStore(c, c.buildEchoPlan())
	return p.(*echoPlan)
}

func (c *Contract) buildEchoPlan() *echoPlan {
	client, in := c.clientShape(), c.Operation.Input
	pl := &echoPlan{client: client, unitsIn: memberIndex(in, "TokenValidityUnits", -1),
		unitsOut: memberIndex(client, "TokenValidityUnits", -1)}
	named := func(name string) clientMember { return clientMember{name: name, index: memberIndex(client, name, -1)} }
	for i, name := range invariantMembers {
		pl.invariants[i] = named(name)
	}
	pl.lastModified, pl.creation = named("LastModifiedDate"), named("CreationDate")
	for i, mem := range in.Members {
		out := memberIndex(client, mem.Name, -1)
		if out < 0 {
			continue
		}
		if d, ok := c.defaultFor(mem.Name); ok && (d.Kind == defaultDuration || mem.Name == "TokenValidityUnits") {
			continue // checkDurations
		}
		m := echoMember{mem: mem, in: i, out: out, reset: c.resetRow(mem.Name)}
		if mem.Target.Type == "structure" {
			for _, sub := range mem.Target.Members {
				path := mem.Name + "." + sub.Name
				m.subs, m.subPath = append(m.subs, c.resetRow(path)), append(m.subPath, path)
			}
		}
		pl.members = append(pl.members, m)
		if m.reset.d.Kind == defaultKeep {
			pl.beforeReads = append(pl.beforeReads, named(m.reset.d.Member))
		}
	}
	pl.beforeReads = append(append(pl.beforeReads, pl.invariants[:]...), pl.lastModified)
	pl.infos = structureInfos(c.Operation.Output, nil)
	pl.walkedIn = make([]int, len(client.Members))
	for i, out := range client.Members {
		pl.walkedIn[i] = -1
		if j := memberIndex(in, out.Name, -1); j >= 0 && walkedAsValidated(in.Members[j], out) {
			pl.walkedIn[i] = j
		}
	}
	for _, d := range c.defaults() {
		if d.Kind == defaultDuration {
			def, _ := strconv.ParseFloat(string(d.Value), 64)
			pl.durations = append(pl.durations, durationRow{d: d, def: def, in: memberIndex(in, d.Member, -1),
				out: memberIndex(client, d.Member, -1), zeroDflt: c.zeroMeansDefault(d.Member)})
		}
	}
	return pl
}

// structureInfos appends to infos infoOf's answer for s, when it is a structure (or union)
// infos does not hold, and for the structures its members and list entries reach.
func structureInfos(s *Shape, infos []shapeInfoAt) []shapeInfoAt {
	if s == nil {
		return infos
	}
	switch s.Type {
	case "structure", "union":
		for _, in := range infos {
			if in.shape == s {
				return infos
			}
		}
		infos = append(infos, shapeInfoAt{shape: s, info: infoOf(s)})
		for _, m := range s.Members {
			infos = structureInfos(m.Target, infos)
		}
	case "list", "set":
		if s.Member != nil {
			infos = structureInfos(s.Member.Target, infos)
		}
	}
	return infos
}

// shapeInfoAt is infoOf's answer for one structure shape, held where a walk finds it without
// a sync.Map lookup (echoPlan.infos, shapeWalk.infos).
type shapeInfoAt struct {
	shape *Shape
	info  *shapeInfo
}

// info is infoOf(s): from the walk's infos when they hold s (the output's structures, for the
// walk of a 200), else infoOf's.
func (w *shapeWalk) info(s *Shape) *shapeInfo {
	for i := range w.infos {
		if w.infos[i].shape == s {
			return w.infos[i].info
		}
	}
	return infoOf(s)
}

// resetRow is the row of a member path; a member with no row has no documented default and
// must come back absent.
func (c *Contract) resetRow(path string) resetRow {
	d, ok := c.defaultFor(path)
	if !ok {
		d = memberDefault{Member: path, Kind: defaultAbsent, Source: "R1: no documented default"}
	}
	r := resetRow{d: d, value: decodeRaw(d.Value)}
	for _, a := range d.Also {
		if a != nil {
			r.accepted = append(r.accepted, a)
		}
	}
	if d.Kind == defaultValue && d.Value != nil {
		r.accepted = append(r.accepted, d.Value)
	}
	for _, a := range r.accepted {
		r.nodes = append(r.nodes, decodeRaw(a))
	}
	return r
}

// at is a slot's node, nil for index -1.
func at(slots []*jnode, i int) *jnode {
	if i < 0 {
		return nil
	}
	return slots[i]
}
