package contracts

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// shapeWalk checks a decoded JSON value against a model shape, generically: JSON types,
// @length (characters of a string, R31; entries of a list), @range, @pattern, enum values,
// required and unknown members, timestamps as epoch-second numbers (S5), nested structures.
// It collects every finding, never only the first.
type shapeWalk struct {
	findings []Finding
	slab     []wpath // the walked paths, allocated in growing blocks (16, 48, 112, 240, 256...), not one each
}

// at returns the path of a member (name) or list entry (idx, entry) under parent.
func (w *shapeWalk) at(parent *wpath, name string, idx int, entry bool) *wpath {
	if len(w.slab) == cap(w.slab) { // earlier blocks stay where they are: parents keep pointing to them
		w.slab = make([]wpath, 0, min(2*cap(w.slab)+16, 256))
	}
	w.slab = append(w.slab, wpath{parent: parent, name: name, idx: idx, entry: entry})
	return &w.slab[len(w.slab)-1]
}

func (w *shapeWalk) add(kind, path, expected, actual, source string) {
	w.findings = append(w.findings, Finding{Check: CheckShape, Rule: kind, Member: path,
		Expected: expected, Actual: actual, Source: source})
}

// value checks v (decoded with UseNumber) against shape s under the constraints c; path is
// the model path of v ("" for the top).
func (w *shapeWalk) value(s *Shape, c Constraints, v any, path string) {
	w.walk(s, c, v, &wpath{name: path})
}

// wpath is the model path of a walked value, turned into text only when a finding is added:
// "UserPoolClient.CallbackURLs[2]".
type wpath struct {
	parent *wpath
	name   string // a member name (or the whole prefix at the root)
	idx    int    // a list entry's index, when entry
	entry  bool
}

func (p *wpath) String() string {
	switch {
	case p == nil:
		return ""
	case p.entry:
		return p.parent.String() + "[" + strconv.Itoa(p.idx) + "]"
	}
	return join(p.parent.String(), p.name)
}

// src is the source of a shape's findings.
func src(s *Shape) string { return "model: " + s.Name }

func (w *shapeWalk) walk(s *Shape, c Constraints, v any, p *wpath) {
	switch s.Type {
	case "structure", "union":
		obj, ok := v.(map[string]any)
		if !ok {
			w.add("type", p.String(), "a JSON object", typeActual(s, v), src(s))
			return
		}
		w.structure(s, obj, p)
	case "list", "set":
		arr, ok := v.([]any)
		if !ok {
			w.add("type", p.String(), "a JSON array", typeActual(s, v), src(s))
			return
		}
		w.bounds("length", p, c.Length, float64(len(arr)), "entries", s)
		if s.Member != nil {
			mc := s.Member.Effective()
			for i, e := range arr {
				w.walk(s.Member.Target, mc, e, w.at(p, "", i, true))
			}
		}
	case "map":
		if _, ok := v.(map[string]any); !ok {
			w.add("type", p.String(), "a JSON object", typeActual(s, v), src(s))
		}
	case "string", "enum":
		str, ok := v.(string)
		if !ok {
			w.add("type", p.String(), "a JSON string", typeActual(s, v), src(s))
			return
		}
		w.str(s, c, str, p)
	case "timestamp":
		// awsJson default timestamp format: epoch seconds as a JSON number, fractions allowed (S5).
		if _, ok := v.(json.Number); !ok {
			w.add("type", p.String(), "epoch seconds as a JSON number", typeActual(s, v), src(s))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			w.add("type", p.String(), "a JSON boolean", typeActual(s, v), src(s))
		}
	case "byte", "short", "integer", "long", "intEnum":
		n, ok := v.(json.Number)
		if _, err := strconv.ParseInt(string(n), 10, 64); !ok || err != nil {
			w.add("type", p.String(), "a JSON integer", typeActual(s, v), src(s))
			return
		}
		f, _ := n.Float64()
		w.bounds("range", p, c.Range, f, "", s)
	case "float", "double", "bigDecimal", "bigInteger":
		n, ok := v.(json.Number)
		if !ok {
			w.add("type", p.String(), "a JSON number", typeActual(s, v), src(s))
			return
		}
		f, _ := n.Float64()
		w.bounds("range", p, c.Range, f, "", s)
	}
}

func (w *shapeWalk) structure(s *Shape, obj map[string]any, p *wpath) {
	for _, mem := range s.Members {
		v, ok := obj[mem.Name]
		mc := mem.Effective()
		if !ok || v == nil {
			if mc.Required {
				w.add("required", join(p.String(), mem.Name), "a value (@required)", "absent", "model: "+s.Name)
			}
			continue
		}
		w.walk(mem.Target, mc, v, w.at(p, mem.Name, 0, false))
	}
	unknown := false
	for name := range obj {
		if _, ok := s.MemberNamed(name); !ok {
			unknown = true
			break
		}
	}
	if !unknown {
		return
	}
	for _, name := range sortedKeys(obj) { // reported in name order
		if _, ok := s.MemberNamed(name); !ok {
			w.add("unknown-member", join(p.String(), name), "only members of "+s.Name, "unknown member "+strconv.Quote(name), "model: "+s.Name)
		}
	}
}

func (w *shapeWalk) str(s *Shape, c Constraints, v string, p *wpath) {
	sensitive := s.Sensitive
	if s.Type == "enum" && !contains(s.EnumValues, v) {
		w.add("enum", p.String(), "one of ["+strings.Join(s.EnumValues, ", ")+"]", showValue(v, sensitive), src(s))
		return
	}
	w.bounds("length", p, c.Length, float64(runeCount(v)), "characters", s)
	if !c.matchPattern(v) {
		w.add("pattern", p.String(), "a value matching "+c.Pattern, showValue(v, sensitive), src(s))
	}
}

// bounds checks an inclusive @length or @range.
func (w *shapeWalk) bounds(kind string, p *wpath, b *Bounds, n float64, unit string, s *Shape) {
	if b == nil {
		return
	}
	lo, hasLo := b.MinInt()
	hi, hasHi := b.MaxInt()
	if (hasLo && n < float64(lo)) || (hasHi && n > float64(hi)) {
		want := "at least " + strconv.FormatInt(lo, 10)
		switch {
		case hasLo && hasHi:
			want = fmt.Sprintf("%d..%d", lo, hi)
		case hasHi:
			want = "at most " + strconv.FormatInt(hi, 10)
		}
		if unit != "" {
			want += " " + unit
		}
		got := strconv.FormatFloat(n, 'f', -1, 64)
		if unit != "" {
			got += " " + unit
		}
		w.add(kind, p.String(), kind+" "+want, got, src(s))
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// typeActual renders a value of the wrong JSON type: its kind, then the value unless the shape
// is @sensitive or the value is a container.
func typeActual(s *Shape, v any) string {
	switch v.(type) {
	case map[string]any, []any, nil:
		return jsonKindOf(v)
	}
	return jsonKindOf(v) + " " + showValue(v, s.Sensitive)
}

func jsonKindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// accountID matches the 12-digit AWS account id inside an ARN.
var accountID = regexp.MustCompile(`:\d{12}:`)

// showValue renders a value for a finding: compact JSON, long strings cut ("aaaa..." (129
// chars)), @sensitive values and account ids redacted so no secret reaches a report or a log.
func showValue(v any, sensitive bool) string {
	if sensitive {
		if s, ok := v.(string); ok {
			return fmt.Sprintf("<redacted, %d chars>", utf8.RuneCountInString(s))
		}
		return "<redacted>"
	}
	if s, ok := v.(string); ok && utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		return strconv.Quote(string(r[:4])+"...") + fmt.Sprintf(" (%d chars)", len(r))
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	out := accountID.ReplaceAllString(string(b), ":<account>:")
	if utf8.RuneCountInString(out) > 200 {
		out = string([]rune(out)[:200]) + "..."
	}
	return out
}
