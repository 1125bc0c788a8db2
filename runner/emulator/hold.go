package emulator

import (
	"context"
	"sync"
)

// updateHold keeps UpdateUserPoolClient calls waiting while they hold their client (R29).
type updateHold struct {
	held    chan string   // the ClientId of each update that starts waiting
	release chan struct{} // closed by the release function
	once    sync.Once
}

// HoldUpdates makes every UpdateUserPoolClient that passes validation wait, while it holds its
// client (R29), until release is called. held receives the ClientId of each update as it starts
// waiting, so a test can send a second update of the same client exactly while the first holds
// it, and get ConcurrentModificationException (OB-20) without timing assumptions:
//
//	held, release := emu.HoldUpdates()
//	go first()           // update client A
//	<-held               // A is held
//	second()             // ConcurrentModificationException
//	release()
//
// release is idempotent; ResetFaults releases too. held has room for 64 updates; later ones
// wait all the same but are not reported. A context that is done ends the wait as well.
func (e *Emulator) HoldUpdates() (held <-chan string, release func()) {
	h := &updateHold{held: make(chan string, 64), release: make(chan struct{})}
	e.mu.Lock()
	prev := e.hold
	e.hold = h
	e.mu.Unlock()
	if prev != nil {
		prev.free()
	}
	return h.held, func() {
		e.mu.Lock()
		if e.hold == h {
			e.hold = nil
		}
		e.mu.Unlock()
		h.free()
	}
}

func (h *updateHold) free() { h.once.Do(func() { close(h.release) }) }

// waitHold blocks an update of clientID while a HoldUpdates is in force. The caller holds the
// client's in-flight mark, not e.mu.
func (e *Emulator) waitHold(ctx context.Context, clientID string) {
	e.mu.RLock()
	h := e.hold
	e.mu.RUnlock()
	if h == nil {
		return
	}
	select {
	case h.held <- clientID:
	default:
	}
	select {
	case <-h.release:
	case <-ctx.Done():
	}
}
