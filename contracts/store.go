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
	buf, texts, err := c.applyDocAfter(pl.outHead, len(pl.outTail), top, &p.doc, now)
	if err != nil {
		return nil, nil, err
	}
	doc := buf[len(pl.outHead):len(buf):len(buf)] // capped: an append to Doc cannot write over the tail
	back := pl.readBack(texts)
	return &StoredClient{Doc: doc, top: &back}, append(buf, pl.outTail...), nil
}

// outputWrapper is what goes around the client in the output document: {"UserPoolClient": and
// } when the output has the member clientShape reads, nothing when the output is the client.
func (c *Contract) outputWrapper() (head, tail string) {
	if m, ok := c.Operation.Output.MemberNamed("UserPoolClient"); ok {
		return string(appendQuoted([]byte("{"), m.Name)) + ":", "}"
	}
	return "", ""
}
