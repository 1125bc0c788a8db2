package contracts

import (
	"strings"
	"testing"
)

// TestConstraintTextsAreWritten holds the texts effective writes once per member to those the
// validator wrote at each violation before (enumText, lengthMaxText, ... of the target and the
// effective constraints; the Source "model: " + the target's name), and the methods that read
// them to the texts written now when there are none (constraints made by hand): every member
// of every shape of the embedded model (structures' members, lists' members, maps' keys and
// values), and made shapes with each kind of bound, none, a pattern, a huge enum set.
func TestConstraintTextsAreWritten(t *testing.T) {
	t.Parallel()
	check := func(name string, s *Shape, c *Constraints, x *constraintTexts) {
		t.Helper()
		wantEnum := ""
		if s.Type == "enum" {
			wantEnum = enumText(s.EnumValues)
		}
		got := []string{x.enumOf(s), x.sourceOf(s), x.memberOf(s, c)}
		want := []string{wantEnum, "model: " + s.Name, refMemberConstraintText(s, c)}
		if c.Pattern != "" {
			got, want = append(got, x.patternOf(c.Pattern)), append(want, patternText(c.Pattern))
		}
		if max, ok := c.Length.MaxInt(); ok {
			got, want = append(got, x.lengthMaxOf(max)), append(want, lengthMaxText(max))
		}
		if min, ok := c.Length.MinInt(); ok {
			got, want = append(got, x.lengthMinOf(min)), append(want, lengthMinText(min))
		}
		if max, ok := c.Range.MaxInt(); ok {
			got, want = append(got, x.rangeMaxOf(max)), append(want, rangeMaxText(max))
		}
		if min, ok := c.Range.MinInt(); ok {
			got, want = append(got, x.rangeMinOf(min)), append(want, rangeMinText(min))
		}
		if x == nil && s.Type != "enum" {
			got[0] = "" // enumOf writes the empty set's text for a shape that is no enum: never asked
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%s (written %v): text %d = %q, want %q", name, x != nil, i, got[i], want[i])
			}
		}
	}
	members := 0
	for _, s := range DefaultModel().shapes {
		for _, m := range append(append([]*Member{}, s.Members...), s.Member, s.Key, s.Value) {
			if m == nil {
				continue
			}
			c := m.effective()
			if c.texts == nil {
				t.Fatalf("%s.%s: effective wrote no texts", s.Name, m.Name)
			}
			check(s.Name+"."+m.Name, m.Target, c, c.texts)
			check(s.Name+"."+m.Name, m.Target, c, nil)
			members++
		}
	}
	if members < 50 {
		t.Fatalf("only %d members checked", members)
	}
	f := func(v float64) *float64 { return &v }
	enum := &Shape{Name: "Big", Type: "enum", EnumValues: []string{strings.Repeat("e", 400), strings.Repeat("f", 400)}}
	for _, c := range []Constraints{{}, {Range: &Bounds{Min: f(-1), Max: f(60)}}, {Length: &Bounds{Min: f(5), Max: f(3)}},
		{Length: &Bounds{Max: f(1)}, Range: &Bounds{Min: f(0.5)}, Pattern: "^x$"}, {Length: &Bounds{Min: f(1.5), Max: f(2.5)}}} {
		for _, s := range []*Shape{{Name: "Int", Type: "integer"}, {Name: "Str", Type: "string"}, enum} {
			m := &Member{Name: "M", Target: s, Constraints: c}
			check("made "+s.Name, s, m.effective(), m.effective().texts)
			check("made "+s.Name, s, &c, nil)
		}
	}
}
