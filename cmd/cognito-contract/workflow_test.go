package main

import (
	"io"
	"path/filepath"
	"testing"

	. "github.com/onsi/gomega"
	"github.com/rhysd/actionlint"
)

// TestWorkflowsLint runs actionlint (the Go module, no network) over .github/workflows, so CI
// (make test) fails on a broken workflow.
func TestWorkflowsLint(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	files, err := filepath.Glob("../../.github/workflows/*.yml")
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(files).To(ContainElement(HaveSuffix("nightly.yml")))
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	g.Expect(err).NotTo(HaveOccurred())
	errs, err := l.LintFiles(files, nil)
	g.Expect(err).NotTo(HaveOccurred())
	for _, e := range errs {
		t.Errorf("%s", e.Error())
	}
}

// TestWorkflowLintCatchesMistakes: the lint is not vacuous, a broken workflow is reported.
func TestWorkflowLintCatchesMistakes(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	g.Expect(err).NotTo(HaveOccurred())
	broken := []byte("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n")
	errs, err := l.Lint("broken.yml", broken, nil)
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(errs).NotTo(BeEmpty())
}
