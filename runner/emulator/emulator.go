package emulator

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// DefaultMaxBodyBytes is the default request size limit: 1 MiB. The largest request the
// model allows for UpdateUserPoolClient with every bounded member at its maximum (100 + 100
// URLs of 1024 characters, 50 scopes of 256, ExternalId of 131072, ARNs of 2048) is a few
// hundred KiB in UTF-8, so 1 MiB refuses nothing the model accepts except unbounded attribute
// lists of absurd size.
const DefaultMaxBodyBytes = 1 << 20

// Emulator is an in-memory cognito-idp service. It is safe for concurrent use; the zero
// value is not usable, call New.
type Emulator struct {
	region    string
	account   string
	clock     func() time.Time
	contract  *contracts.Contract
	maxBody   int64
	ids       *idSource
	allowWide bool // Serve may listen on a non-loopback address

	mu       sync.RWMutex
	pools    map[string]*pool
	order    []string                   // pool ids in creation order
	inflight map[clientKey]bool         // clients with an update being processed (R29)
	denied   map[string]bool            // access key ids answered with NotAuthorizedException
	faults   map[string]*operationFault // by operation name, "*" for all
	hold     *updateHold                // HoldUpdates in force, nil when none
	// injected is set (under mu) once faults or denied holds anything, cleared by ResetFaults:
	// while it is false a request reads neither (frontDoorFaults, delay) and takes no lock for
	// them. A request that reads it false while a fault is being injected is answered as if it
	// came first.
	injected atomic.Bool

	handlers map[string]handler
	hot      [len(hotTargets)]boundTarget // see operation
}

// Option configures an Emulator.
type Option func(*Emulator) error

// WithRegion sets the region pool ids and ARNs are made for (default "us-east-1"). NewE
// refuses a region whose pool ids the contract's UserPoolIdType would refuse (CheckRegion).
func WithRegion(region string) Option {
	return func(e *Emulator) error {
		if region == "" {
			return fmt.Errorf("emulator.WithRegion: region is empty, want e.g. \"us-east-1\"")
		}
		e.region = region
		return nil
	}
}

// WithAccountID sets the account id used in ARNs (default "123456789012").
func WithAccountID(id string) Option {
	return func(e *Emulator) error {
		if len(id) != 12 || !allDigits(id) {
			return fmt.Errorf("emulator.WithAccountID: %q is not a 12-digit account id", id)
		}
		e.account = id
		return nil
	}
}

// WithClock sets the clock used for CreationDate, LastModifiedDate and throttling
// (default time.Now).
func WithClock(now func() time.Time) Option {
	return func(e *Emulator) error {
		if now == nil {
			return fmt.Errorf("emulator.WithClock: clock is nil")
		}
		e.clock = now
		return nil
	}
}

// WithContract sets the contract UpdateUserPoolClient is answered from (default
// contracts.UpdateUserPoolClient); the CLI's --model flag passes one built from a newer model.
func WithContract(c *contracts.Contract) Option {
	return func(e *Emulator) error {
		if c == nil || c.Model == nil || c.Operation == nil {
			return fmt.Errorf("emulator.WithContract: contract is nil or has no model")
		}
		e.contract = c
		return nil
	}
}

// WithMaxBodyBytes sets the request size limit (default DefaultMaxBodyBytes). A larger body
// is refused with 413 RequestEntityTooLargeException without being read past the limit.
func WithMaxBodyBytes(n int64) Option {
	return func(e *Emulator) error {
		if n < 2 {
			return fmt.Errorf("emulator.WithMaxBodyBytes: %d bytes is too small, want at least 2 (\"{}\")", n)
		}
		e.maxBody = n
		return nil
	}
}

// WithSeed makes identifiers, secrets and request ids deterministic: two emulators with the
// same seed that receive the same requests hand out the same ids. Without it they come from
// crypto/rand.
func WithSeed(seed uint64) Option {
	return func(e *Emulator) error {
		e.ids = newSeededIDs(seed)
		return nil
	}
}

// WithNonLoopback lets Serve listen on an address that is not a loopback address. The
// emulator checks no signature: expose it to a network only on purpose.
func WithNonLoopback() Option {
	return func(e *Emulator) error {
		e.allowWide = true
		return nil
	}
}

// New returns an empty emulator. An invalid option panics with a message naming the option,
// because options are written in code; use NewE to get the error instead.
func New(opts ...Option) *Emulator {
	e, err := NewE(opts...)
	if err != nil {
		panic(err)
	}
	return e
}

// NewE is New returning an invalid option as an error.
func NewE(opts ...Option) (*Emulator, error) {
	e := &Emulator{
		region:   "us-east-1",
		account:  "123456789012",
		clock:    time.Now,
		contract: contracts.UpdateUserPoolClient,
		maxBody:  DefaultMaxBodyBytes,
		pools:    map[string]*pool{},
		inflight: map[clientKey]bool{},
		denied:   map[string]bool{},
		faults:   map[string]*operationFault{},
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(e); err != nil {
			return nil, err
		}
	}
	if err := CheckRegion(e.contract, e.region); err != nil {
		return nil, fmt.Errorf("emulator.WithRegion: %w", err)
	}
	if e.ids == nil {
		e.ids = newRandomIDs()
	}
	e.handlers = e.routes()
	e.bindHot()
	return e, nil
}

// Region is the region the emulator makes pool ids and ARNs for.
func (e *Emulator) Region() string { return e.region }

// Contract is the contract UpdateUserPoolClient is answered from.
func (e *Emulator) Contract() *contracts.Contract { return e.contract }

// Operations lists the operations the emulator answers, in no particular order.
func (e *Emulator) Operations() []string {
	ops := make([]string, 0, len(e.handlers))
	for op := range e.handlers {
		ops = append(ops, op)
	}
	return ops
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
