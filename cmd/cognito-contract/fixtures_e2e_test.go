package main

import (
	"os"
	"path/filepath"
	"testing"

	. "github.com/onsi/gomega"
)

// writeFixture writes one fixture file into dir.
func writeFixture(t *testing.T, dir, name, doc string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A malformed fixture given to run --fixtures is bad input: exit 2, naming the file and the
// JSON path, before anything is sent.
func TestRunMalformedFixtureIsUsageError(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	dir := t.TempDir()
	writeFixture(t, dir, "bad.json", `{"name":"x/bad","source":"test","request":{"body":{}},"response":{"status":200,"body":[1]}}`)
	res := cli(t, nil, "run", "--fuzz", "0", "--fixtures", dir)
	g.Expect(res.code).To(Equal(exitUsage), res.stdout+res.stderr)
	g.Expect(res.stderr).To(ContainSubstring("bad.json: $.response.body: a success body must be a JSON object"))
	g.Expect(res.stdout).To(BeEmpty(), "no case ran")
}
