package runner

import "context"

// fuzzSuite runs the seeded fuzz campaign (--fuzz N).
func (rs *runState) fuzzSuite(ctx context.Context) {
	if rs.o.Fuzz <= 0 || rs.stopped != nil {
		return
	}
}
