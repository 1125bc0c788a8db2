package contracts

import (
	"fmt"
	"time"
)

// ApplyStoredOutput is ApplyStored that also returns the operation's output document with the
// client in it, {"UserPoolClient":client} (the output member that holds a UserPoolClientType),
// written in one buffer: the returned client's Doc is the part of out that is the client. An
// emulator answers the update, and every describe until the next update, with out as it is,
// so no answer copies the client. Callers must not modify out or Doc.
func (c *Contract) ApplyStoredOutput(cur *StoredClient, p *ParsedRequest, now time.Time) (next *StoredClient, out []byte, err error) {
	return c.applyStoredOutput(nil, cur, p, now)
}

// StoredSlot is memory for the client ApplyStoredOutputIn returns: the StoredClient and the
// members it reads back, which ApplyStoredOutput allocates for every update (a 512-byte
// object). A caller that keeps one version of a client at a time (the emulator: one slot per
// client) writes each new version over the one before instead. The zero value is empty.
type StoredSlot struct{ box storedBox }

// ApplyStoredOutputIn is ApplyStoredOutput returning the client in slot instead of in memory of
// its own, over the client slot held (which may be cur: an update's last read of cur is done
// before the slot is written). The caller must read that former client no more, nor share
// slot with another caller: it is changed in place. On an error slot is left as it was.
func (c *Contract) ApplyStoredOutputIn(slot *StoredSlot, cur *StoredClient, p *ParsedRequest, now time.Time) (next *StoredClient, out []byte, err error) {
	return c.applyStoredOutput(&slot.box, cur, p, now)
}

// applyStoredOutput is ApplyStoredOutput writing the client into box, or into a new one when
// box is nil.
func (c *Contract) applyStoredOutput(box *storedBox, cur *StoredClient, p *ParsedRequest, now time.Time) (next *StoredClient, out []byte, err error) {
	if p.err != nil {
		return nil, nil, fmt.Errorf("request body: want a JSON object: %w", p.err)
	}
	var top *jnode
	if cur != nil {
		top = cur.top
	}
	pl := c.applyPlan()
	var small [64]string // the stored members' texts, read back below and then dropped
	texts := small[:0]
	if n := len(pl.client.Members); n > len(small) {
		texts = make([]string, 0, n)
	}
	texts = texts[:len(pl.client.Members)]
	buf, err := c.applyDocWith(pl, pl.outHead, len(pl.outTail), texts, top, &p.doc, now)
	if err != nil {
		return nil, nil, err
	}
	// Everything of cur the update reads is in texts now: a box that held cur is written over.
	if box == nil {
		box = &storedBox{} // the client and its read members, one allocation
	}
	pl.readBackInto(texts, box.kids[:], &box.top)
	if len(pl.currentAt) <= len(box.kids) { // read into box.kids (readBackInto)
		clear(box.kids[len(box.top.kids):]) // a former client's members past them keep no texts
	} else {
		clear(box.kids[:])
	}
	box.client = StoredClient{Doc: buf[len(pl.outHead):len(buf):len(buf)], top: &box.top}
	return &box.client, append(buf, pl.outTail...), nil // Doc is capped: an append to it cannot write over the tail
}

// storedBox holds a StoredClient with the members it points to: top, and top's members
// (readBackInto) when the model keeps no more than storedKids of them; a model that keeps more
// reads them into memory of their own.
type storedBox struct {
	client StoredClient
	top    jnode
	kids   [storedKids]jmember
}

// storedKids is the room storedBox has for the members an update reads from the client: this
// model's five (ClientName, the defaults table's one defaultKeep row, and identityMembers), so
// that the box is the size class the box and its members took as two allocations (512 bytes).
const storedKids = 5

// outputWrapper is what goes around the client in the output document: {"UserPoolClient": and
// } when the output has the member clientShape reads, nothing when the output is the client.
func (c *Contract) outputWrapper() (head, tail string) {
	if m, ok := c.Operation.Output.MemberNamed("UserPoolClient"); ok {
		return string(appendQuoted([]byte("{"), m.Name)) + ":", "}"
	}
	return "", ""
}
