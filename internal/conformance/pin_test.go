//go:build unix

package conformance_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	. "github.com/onsi/gomega"
)

// The pinned tree names cognito-local at exactly cognitoLocalVersion, in package.json and in
// the lockfile, and every package of the lockfile carries a version and an integrity hash, so
// npm ci installs the same bytes every time (audit of issue 7, item 8).
func TestCognitoLocalTreeIsPinned(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	var manifest struct{ Dependencies map[string]string }
	b, err := os.ReadFile(filepath.Join(pinDir, "package.json"))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(json.Unmarshal(b, &manifest)).To(Succeed())
	g.Expect(manifest.Dependencies).To(Equal(map[string]string{"cognito-local": cognitoLocalVersion}), "an exact version, no range")

	var lock struct {
		LockfileVersion int
		Packages        map[string]struct {
			Version, Integrity string
			Dependencies       map[string]string
			Link               bool
		}
	}
	b, err = os.ReadFile(filepath.Join(pinDir, "package-lock.json"))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(json.Unmarshal(b, &lock)).To(Succeed())
	g.Expect(lock.LockfileVersion).To(BeNumerically(">=", 2))
	g.Expect(lock.Packages[""].Dependencies).To(Equal(manifest.Dependencies))
	g.Expect(lock.Packages["node_modules/cognito-local"].Version).To(Equal(cognitoLocalVersion))
	for _, name := range []string{"node_modules/express", "node_modules/body-parser"} {
		g.Expect(lock.Packages).To(HaveKey(name), "the tree pins %s", name)
	}
	for path, p := range lock.Packages {
		if path == "" || p.Link {
			continue
		}
		g.Expect(p.Version).NotTo(BeEmpty(), path)
		g.Expect(p.Integrity).To(HavePrefix("sha512-"), path)
	}
}
