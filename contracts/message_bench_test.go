package contracts

import (
	"strconv"
	"testing"
	"time"
)

// BenchmarkConstraintText times the constraint texts (boundText, enumText,
// memberConstraintText) against their former forms (formerBoundText and the others, which
// wrote into a cleared 512-byte stack buffer and copied it into the string), alternating in one
// loop (each first every other round), and reports both and their ratio (text/former).
// memberConstraintText still writes into that buffer (written into memory made at its size it
// was 10% slower): its cases are the control, at a ratio of 1.
func BenchmarkConstraintText(b *testing.B) {
	m := DefaultModel()
	shape := func(name string) *Shape {
		s, ok := m.Shape(name)
		if !ok {
			b.Fatal(name)
		}
		return s
	}
	flows, prevent := shape("ExplicitAuthFlowsType"), shape("PreventUserExistenceErrorTypes")
	in := UpdateUserPoolClient.Operation.Input
	member := func(name string) (*Shape, *Constraints) {
		lm, ok := in.MemberNamed(name)
		if !ok {
			b.Fatal(name)
		}
		el := lm.Target.Member
		return el.Target, el.effective()
	}
	type textCase struct{ text, former func() string }
	cases := map[string]textCase{
		"bound": {func() string { return boundText(lengthMaxPrefix, 2048) },
			func() string { return formerBoundText(lengthMaxPrefix, 2048) }},
		"enum-short": {func() string { return enumText(prevent.EnumValues) },
			func() string { return formerEnumText(prevent.EnumValues) }},
		"enum-long": {func() string { return enumText(flows.EnumValues) },
			func() string { return formerEnumText(flows.EnumValues) }},
	}
	for _, name := range []string{"CallbackURLs", "ExplicitAuthFlows"} {
		s, c := member(name)
		cases["member-"+name] = textCase{func() string { return memberConstraintText(s, c) },
			func() string { return formerMemberConstraintText(s, c) }}
	}
	const reps = 16 // texts written between two clock readings
	for name, tc := range cases {
		b.Run(name, func(b *testing.B) {
			if tc.text() != tc.former() {
				b.Fatalf("%q, former %q", tc.text(), tc.former())
			}
			var sink int
			timed := func(f func() string) time.Duration {
				t0 := time.Now()
				for range reps {
					sink += len(f())
				}
				return time.Since(t0)
			}
			var fast, ref time.Duration
			for i := 0; b.Loop(); i++ {
				if i%2 == 0 {
					fast += timed(tc.text)
					ref += timed(tc.former)
				} else {
					ref += timed(tc.former)
					fast += timed(tc.text)
				}
			}
			b.ReportMetric(float64(fast.Nanoseconds())/float64(b.N*reps), "text-ns/op")
			b.ReportMetric(float64(ref.Nanoseconds())/float64(b.N*reps), "former-ns/op")
			b.ReportMetric(float64(fast)/float64(ref), "text/former")
			b.ReportMetric(float64(len(tc.text())), "bytes")
		})
	}
}

// The constraint texts as they were, written into a cleared 512-byte buffer.
func formerBoundText(prefix string, n int64) string {
	var buf [512]byte
	return string(strconv.AppendInt(append(buf[:0], prefix...), n, 10))
}
func formerEnumText(values []string) string {
	var buf [512]byte
	return string(appendEnumText(buf[:0], values))
}
func formerMemberConstraintText(s *Shape, c *Constraints) string {
	var buf [512]byte
	b := append(buf[:0], memberConstraints...)
	first := true
	sep := func(b []byte) []byte {
		if !first {
			b = append(b, ", "...)
		}
		first = false
		return b
	}
	if s.Type == "enum" {
		b = appendEnumText(sep(b), s.EnumValues)
	}
	if max, ok := c.Length.MaxInt(); ok {
		b = strconv.AppendInt(append(sep(b), lengthMaxPrefix...), max, 10)
	}
	if min, ok := c.Length.MinInt(); ok {
		b = strconv.AppendInt(append(sep(b), lengthMinPrefix...), min, 10)
	}
	if c.Pattern != "" {
		b = append(append(sep(b), patternPrefix...), unanchored(c.Pattern)...)
	}
	if max, ok := c.Range.MaxInt(); ok {
		b = strconv.AppendInt(append(sep(b), rangeMaxPrefix...), max, 10)
	}
	if min, ok := c.Range.MinInt(); ok {
		b = strconv.AppendInt(append(sep(b), rangeMinPrefix...), min, 10)
	}
	return string(append(b, ']'))
}
