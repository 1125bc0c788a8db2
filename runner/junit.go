package runner

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
)

// JUnitSuites is the root element of a JUnit XML report, as CI systems read it.
type JUnitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []JUnitSuite `xml:"testsuite"`
}

// JUnitSuite is one suite of a run (contract, stateful, fixtures, fuzz).
type JUnitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Properties []JUnitProperty `xml:"properties>property,omitempty"`
	Cases      []JUnitCase     `xml:"testcase"`
}

// JUnitProperty is a name/value pair of a suite (target, seed, operation).
type JUnitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// JUnitCase is one case; at most one of Failure, Error and Skipped is set. Properties and
// SystemOut are set on the fuzz campaign's case only (its executions and findings).
type JUnitCase struct {
	Name       string          `xml:"name,attr"`
	Classname  string          `xml:"classname,attr"`
	Time       string          `xml:"time,attr"`
	Properties []JUnitProperty `xml:"properties>property,omitempty"`
	Failure    *JUnitMessage   `xml:"failure,omitempty"`
	Error      *JUnitMessage   `xml:"error,omitempty"`
	Skipped    *JUnitMessage   `xml:"skipped,omitempty"`
	SystemOut  string          `xml:"system-out,omitempty"`
}

// JUnitMessage is a failure, error or skip with its one-line message and full text.
type JUnitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// JUnit converts a report: one testsuite per suite, one testcase per case with classname =
// the suite; a failed case carries its violations in the house format, a not-applicable case
// is skipped with its reason, an error case carries the target error.
func JUnit(r *Report) JUnitSuites {
	root := JUnitSuites{Name: ProgramName + " " + r.Operation}
	index := map[string]int{}
	for _, c := range r.Cases {
		i, ok := index[c.Suite]
		if !ok {
			i = len(root.Suites)
			index[c.Suite] = i
			root.Suites = append(root.Suites, JUnitSuite{Name: c.Suite, Properties: []JUnitProperty{
				{Name: "operation", Value: r.Operation},
				{Name: "target", Value: r.Target},
				{Name: "seed", Value: fmt.Sprint(r.Seed)},
			}})
		}
		s := &root.Suites[i]
		jc := JUnitCase{Name: c.ID, Classname: c.Suite, Time: seconds(c.Duration.Seconds())}
		if c.Suite == SuiteFuzz && c.ID == fuzzCampaignID && r.Fuzz != nil {
			props := fuzzProperties(r.Fuzz)
			s.Properties = append(s.Properties, props...)
			jc.Properties, jc.SystemOut = props, c.Input
		}
		switch c.Status {
		case StatusFail:
			jc.Failure = &JUnitMessage{Message: fmt.Sprintf("%d violation(s)", len(c.Violations)), Type: "violation", Text: caseText(r, c)}
			s.Failures++
		case StatusError:
			jc.Error = &JUnitMessage{Message: c.Reason, Type: "target-error", Text: caseText(r, c)}
			s.Errors++
		case StatusNotApplicable:
			jc.Skipped = &JUnitMessage{Message: "not applicable: " + c.Reason}
			s.Skipped++
		}
		s.Tests++
		s.Cases = append(s.Cases, jc)
	}
	for i := range root.Suites {
		s := &root.Suites[i]
		var t float64
		for _, c := range r.Cases {
			if c.Suite == s.Name {
				t += c.Duration.Seconds()
			}
		}
		s.Time = seconds(t)
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
		root.Skipped += s.Skipped
	}
	return root
}

// fuzzProperties are the campaign's size and outcome as JUnit properties: the campaign is
// one testcase (and each finding another), so its executions are only visible here.
func fuzzProperties(f *FuzzSummary) []JUnitProperty {
	props := []JUnitProperty{
		{Name: "executions", Value: fmt.Sprint(f.Executions)},
		{Name: "findings", Value: fmt.Sprint(f.Findings)},
	}
	modes := make([]string, 0, len(f.ByMode))
	for m := range f.ByMode {
		modes = append(modes, m)
	}
	sort.Strings(modes)
	for _, m := range modes {
		props = append(props, JUnitProperty{Name: "executions." + m, Value: fmt.Sprint(f.ByMode[m])})
	}
	for _, d := range f.Dropped {
		props = append(props, JUnitProperty{Name: "dropped", Value: d})
	}
	return props
}

func seconds(s float64) string { return fmt.Sprintf("%.3f", s) }

// caseText is a case's block in the console format.
func caseText(r *Report, c Case) string {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	writeCaseText(w, r, c, TextOptions{})
	w.Flush()
	return b.String()
}

// WriteJUnit writes the report as JUnit XML.
func WriteJUnit(w io.Writer, r *Report) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(JUnit(r)); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
