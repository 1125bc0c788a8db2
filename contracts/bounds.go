package contracts

import (
	"encoding/json"
	"math"
)

// Bounds are inclusive limits; a nil side is unbounded.
type Bounds struct {
	Min, Max *float64
	// ints are Min and Max as integers (MinInt, MaxInt), worked out when the bounds are read
	// from a model (UnmarshalJSON): the validator and the oracle ask them of every string and
	// list they check. A model is not changed after it is loaded; Bounds made otherwise are
	// rounded at each call.
	ints boundInts
}

// boundInts are a Bounds' integer limits: lo is ceil(Min), hi floor(Max) when that side is
// bounded (hasLo, hasHi), else the int64 extreme no count passes; read tells that they were
// worked out.
type boundInts struct {
	lo, hi             int64
	hasLo, hasHi, read bool
}

func parseBounds(raw json.RawMessage) (*Bounds, error) {
	var b Bounds
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// UnmarshalJSON reads {"min": n, "max": n}.
func (b *Bounds) UnmarshalJSON(data []byte) error {
	var v struct{ Min, Max *float64 }
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	b.Min, b.Max = v.Min, v.Max
	b.ints = boundInts{lo: math.MinInt64, hi: math.MaxInt64, read: true}
	if lo, ok := b.roundMin(); ok {
		b.ints.lo, b.ints.hasLo = lo, true
	}
	if hi, ok := b.roundMax(); ok {
		b.ints.hi, b.ints.hasHi = hi, true
	}
	return nil
}

// MinInt and MaxInt return the bounds as integers with ok=false when unbounded.
func (b *Bounds) MinInt() (int64, bool) {
	if b == nil {
		return 0, false
	}
	if x := &b.ints; x.read {
		if !x.hasLo {
			return 0, false
		}
		return x.lo, true
	}
	return b.roundMin()
}

// MaxInt returns the upper bound as an integer, ok=false when unbounded.
func (b *Bounds) MaxInt() (int64, bool) {
	if b == nil {
		return 0, false
	}
	if x := &b.ints; x.read {
		if !x.hasHi {
			return 0, false
		}
		return x.hi, true
	}
	return b.roundMax()
}

// roundMin is MinInt worked out from Min: its ceiling.
func (b *Bounds) roundMin() (int64, bool) {
	if b.Min == nil {
		return 0, false
	}
	return int64(math.Ceil(*b.Min)), true
}

// roundMax is MaxInt worked out from Max: its floor.
func (b *Bounds) roundMax() (int64, bool) {
	if b.Max == nil {
		return 0, false
	}
	return int64(math.Floor(*b.Max)), true
}
