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
	buf, err := c.applyDocAfter(pl.outHead, len(pl.outTail), texts, top, &p.doc, now)
	if err != nil {
		return nil, nil, err
	}
	box := &storedBox{top: pl.readBack(texts)} // the client and its read members, one allocation
	box.client = StoredClient{Doc: buf[len(pl.outHead):len(buf):len(buf)], top: &box.top}
	return &box.client, append(buf, pl.outTail...), nil // Doc is capped: an append to it cannot write over the tail
}

// storedBox holds a StoredClient with the members it points to.
type storedBox struct {
	client StoredClient
	top    jnode
}

// outputWrapper is what goes around the client in the output document: {"UserPoolClient": and
// } when the output has the member clientShape reads, nothing when the output is the client.
func (c *Contract) outputWrapper() (head, tail string) {
	if m, ok := c.Operation.Output.MemberNamed("UserPoolClient"); ok {
		return string(appendQuoted([]byte("{"), m.Name)) + ":", "}"
	}
	return "", ""
}
