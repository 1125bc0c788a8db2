package contracts

import (
	"strings"
	"testing"

	. "github.com/onsi/gomega"
)

// loadModelWithUnit writes the embedded model with one more TimeUnitsType value and loads it
// with LoadModelFile, as --model loads a newer model.
func loadModelWithUnit(t *testing.T, name, value string) *Model {
	t.Helper()
	m, err := ModelWithShapes(t, func(shapes map[string]any) {
		units := shapes[Namespace+"#TimeUnitsType"].(map[string]any)
		units["members"].(map[string]any)[name] = map[string]any{"target": "smithy.api#Unit",
			"traits": map[string]any{"smithy.api#enumValue": value}}
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// R13: a TimeUnitsType value whose length the table lacks ("weeks") is refused by name, not
// counted as 0 s; the embedded model's values all convert.
func TestCheckTimeUnits(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	g.Expect(checkTimeUnits(UpdateUserPoolClient.Model)).To(Succeed())

	err := checkTimeUnits(loadModelWithUnit(t, "WEEKS", "weeks"))
	g.Expect(err).To(MatchError(And(ContainSubstring(`"weeks"`), ContainSubstring("TimeUnitsType"),
		ContainSubstring("known: seconds, minutes, hours, days"), ContainSubstring("unitSeconds"))))
}

// unitNames lists exactly unitSeconds' keys (it is only their order for messages).
func TestUnitNamesAreTheTable(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	g.Expect(unitNames).To(HaveLen(len(unitSeconds)))
	for _, u := range unitNames {
		g.Expect(unitSeconds).To(HaveKey(u))
	}
}

// validityDuration never turns an unknown unit into 0 s: it is an error naming the unit.
func TestValidityDuration(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		value             float64
		unit, defaultUnit string
		secs              float64
		err               string
	}{
		// R13: value × unit.
		"minutes": {value: 5, unit: "minutes", defaultUnit: "hours", secs: 300},
		// R13 / R14: the documented default unit when none is sent.
		"default-unit": {value: 30, defaultUnit: "days", secs: 30 * 86400},
		// A unit outside TimeUnitsType: an error, not 0 s.
		"unknown-unit": {value: 2, unit: "weeks", defaultUnit: "days", err: `time unit "weeks" is not a TimeUnitsType value`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			g := NewWithT(t)
			secs, err := validityDuration(tc.value, tc.unit, tc.defaultUnit)
			if tc.err != "" {
				g.Expect(err).To(MatchError(ContainSubstring(tc.err)))
				return
			}
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(secs).To(Equal(tc.secs))
		})
	}
}

// New refuses a model whose time units include one the duration table cannot convert, so a
// model release that adds a unit fails loudly instead of counting it as 0 seconds (R13).
func TestNewRefusesAnUnknownTimeUnit(t *testing.T) {
	t.Parallel()
	_, err := New(loadModelWithUnit(t, "WEEKS", "weeks"))
	if err == nil || !strings.Contains(err.Error(), `"weeks"`) {
		t.Fatalf("New with a 'weeks' time unit: got %v, want an error naming the unit", err)
	}
}
