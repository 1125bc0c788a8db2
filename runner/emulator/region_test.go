package emulator_test

import (
	"context"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// A region whose pool ids UserPoolIdType refuses is refused when the emulator is built: the
// emulator would otherwise hand out pool ids it then rejects in every request.
func TestRegionMustMakeValidPoolIDs(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		region, want string
	}{
		"space-and-bang": {"bad region!", `emulator.WithRegion: region "bad region!" makes pool ids like "bad region!_AAAAAAAAA", which do not match UserPoolIdType's pattern`},
		"underscore-ok":  {"eu_west", ""}, // [\w-]+ allows it
		"too-long":       {strings.Repeat("r", 50), "longer than UserPoolIdType's 55 characters"},
		"default-like":   {"ap-southeast-2", ""},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			e, err := emulator.NewE(emulator.WithRegion(tc.region))
			if tc.want != "" {
				g.Expect(err).To(MatchError(ContainSubstring(tc.want)))
				g.Expect(emulator.CheckRegion(nil, tc.region)).To(HaveOccurred())
				return
			}
			g.Expect(err).NotTo(HaveOccurred())
			// The pool ids it makes are accepted by the same emulator.
			c := sdkClient(e)
			s := newSetup(t, c, "")
			g.Expect(s.pool).To(HavePrefix(tc.region + "_"))
		})
	}
}

func TestCheckAddr(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, ok := range []string{"127.0.0.1:0", "127.1.2.3:9229", "[::1]:9229", "localhost:9229"} {
		g.Expect(emulator.CheckAddr(ok, false)).To(Succeed(), ok)
	}
	g.Expect(emulator.CheckAddr("0.0.0.0:9331", false)).To(MatchError(ContainSubstring(`address "0.0.0.0:9331" is not a loopback address`)))
	g.Expect(emulator.CheckAddr("0.0.0.0:9331", true)).To(Succeed())
	g.Expect(emulator.CheckAddr("nonsense", false)).To(MatchError(ContainSubstring(`address "nonsense": `)))
	err := emulator.Serve(context.Background(), "0.0.0.0:0", emulator.New(), nil)
	g.Expect(err).To(MatchError(HavePrefix(`emulator.Serve: address "0.0.0.0:0" is not a loopback address`)))
}
