package runner

import (
	"context"
	"net/http"
	"regexp"
	"sort"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/target"
	"github.com/cognito-contract/cognito-contract/internal/target/targettest"
	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// merging wraps the emulator so that UpdateUserPoolClient merges the request into the stored
// client instead of replacing it (R1 broken, as cognito-local 5.3.0 does).
func merging(e *emulator.Emulator) http.Handler { return targettest.Merging(e) }

// On a target that merges updates, a case's outcome does not depend on the cases run before
// it: every case starts from the setup's client (audit of issue 7, item 7). Each case of a
// sample is judged the same within the whole suite as alone.
func TestCasesStartFromTheSetupsClient(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ctx := context.Background()
	run := func(re *regexp.Regexp) map[string]Case {
		tg := target.NewInProcess(merging(emulator.New()), target.Options{})
		r := Run(ctx, Options{Target: tg, Run: re, Suites: []string{SuiteContract}})
		g.Expect(r.Incomplete).To(BeFalse(), r.Error)
		out := map[string]Case{}
		for _, c := range r.Cases {
			out[c.ID] = c
		}
		return out
	}
	all := run(nil)
	g.Expect(len(all)).To(BeNumerically(">", 100))
	ids := make([]string, 0, len(all))
	for id := range all {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	compared := 0
	for i, id := range ids {
		if i%24 != 5 {
			continue
		}
		compared++
		whole := all[id]
		alone := run(regexp.MustCompile("^" + regexp.QuoteMeta(id) + "$"))[id]
		g.Expect(whole.Status).To(Equal(alone.Status), "%s: in the suite %v, alone %v", id, whole.Violations, alone.Violations)
		g.Expect(whole.Violations).To(Equal(alone.Violations), id)
	}
	g.Expect(compared).To(BeNumerically(">", 10))
}

// A stateful violation names the members that differ, dates only when nothing else does, a
// secret never.
func TestDiffering(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		x, y map[string]any
		want string
	}{
		"name and date": {map[string]any{"ClientName": "a", "LastModifiedDate": 1.0, "ClientId": "c"},
			map[string]any{"ClientName": "b", "LastModifiedDate": 2.0, "ClientId": "c"}, `ClientName = "a"`},
		"only a date":   {map[string]any{"LastModifiedDate": 1.0}, map[string]any{"LastModifiedDate": 2.0}, "LastModifiedDate = <date>"},
		"absent member": {map[string]any{"A": 1.0}, map[string]any{"A": 1.0, "B": true}, "B absent"},
		"secret":        {map[string]any{"ClientSecret": "s3cr3tvalue-long-enough"}, map[string]any{}, "ClientSecret = <secret>"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			NewWithT(t).Expect(differing(tc.x, tc.y)).To(Equal(tc.want))
		})
	}
}
