package main

import (
	"testing"

	. "github.com/onsi/gomega"
)

// serve refuses, as usage errors (exit 2) naming the flag, an address the emulator would not
// listen on and a region whose pool ids the same emulator would refuse (UserPoolIdType).
func TestServeUsageErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		args []string
		want []string
	}{
		// emulator.CheckAddr: loopback only (the emulator checks no signature).
		"addr not loopback": {[]string{"serve", "--addr", "0.0.0.0:9331"}, []string{`--addr: address "0.0.0.0:9331" is not a loopback address`}},
		"addr other host":   {[]string{"serve", "--addr", "192.0.2.1:0"}, []string{`--addr: address "192.0.2.1:0" is not a loopback address`}},
		// emulator.CheckRegion: region+"_" + 9 alphanumerics must match UserPoolIdType's pattern.
		"region with space and bang": {[]string{"serve", "--addr", "127.0.0.1:0", "--region", "bad region!"},
			[]string{`--region: region "bad region!" makes pool ids like "bad region!_AAAAAAAAA"`, "UserPoolIdType's pattern"}},
		"region too long": {[]string{"serve", "--addr", "127.0.0.1:0", "--region", "a-very-long-region-name-that-goes-on-and-on-and-on-for-ever"},
			[]string{"--region: ", "longer than UserPoolIdType's 55 characters"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			res := cli(t, nil, tc.args...)
			g.Expect(res.code).To(Equal(exitUsage), res.stdout+res.stderr)
			for _, w := range tc.want {
				g.Expect(res.stderr).To(ContainSubstring(w))
			}
			g.Expect(res.stdout).NotTo(ContainSubstring("serving"))
		})
	}
}
