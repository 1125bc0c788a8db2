package contracts

import (
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// finderNames are member names around memberFinder's edges: the input structure's own, names
// 32 bytes apart in length (one word of byLen), the empty name, multibyte and escaped names
// (the name as decoded), names that differ only in case.
var finderNames = func() []string {
	names := []string{"", "A", "a", "é", "\u00e9", strings.Repeat("x", 32), strings.Repeat("x", 33), "clientId",
		"CLIENTID", "ClientId\u0000", strings.Repeat("y", 64), strings.Repeat("y", 65)}
	for _, m := range UpdateUserPoolClient.Operation.Input.Members {
		names = append(names, m.Name)
	}
	return names
}()

// finderObject is a JSON object drawn from finderNames: n members, some names repeated, some
// values null, some names escaped.
func finderObject(rnd *rand.Rand, n int) string {
	var sb strings.Builder
	sb.WriteString("{")
	for i := range n {
		if i > 0 {
			sb.WriteString(",")
		}
		name := finderNames[rnd.IntN(len(finderNames))]
		if rnd.IntN(4) == 0 {
			sb.WriteString(asciiEscaped(name))
		} else {
			sb.WriteString(strconv.Quote(name))
		}
		if rnd.IntN(3) == 0 {
			sb.WriteString(":null")
		} else {
			sb.WriteString(":" + strconv.Itoa(i))
		}
	}
	sb.WriteString("}")
	return sb.String()
}

// asciiEscaped writes a name with every character as a \u escape (the decoded name is the same).
func asciiEscaped(name string) string {
	var sb strings.Builder
	sb.WriteString(`"`)
	for _, r := range name {
		if r > 0xFFFF {
			return strconv.Quote(name)
		}
		sb.WriteString(`\u` + strconv.FormatInt(int64(r)+0x10000, 16)[1:])
	}
	sb.WriteString(`"`)
	return sb.String()
}

// finderAgrees reports the first name memberFinder and jnode.present answer differently for
// on the object body, "" and true when they always agree (an object with more than
// maxFinderKids members is not indexed: its finder asks jnode.present).
func finderAgrees(t testing.TB, body string) (string, bool) {
	obj, err := parseRequestBody([]byte(body))
	if err != nil || obj.kind != jObject {
		return "", true // not an object: nothing to look up
	}
	var idx finderIndex
	f := indexMembers(&obj, &idx)
	if (f.byLen == nil) != (len(obj.kids) > maxFinderKids) {
		t.Fatalf("%d members: indexed %v", len(obj.kids), f.byLen != nil)
	}
	names := append([]string{}, finderNames...)
	for _, k := range obj.kids {
		names = append(names, k.name)
	}
	for _, name := range names {
		if f.present(name) != obj.present(name) {
			return name, false
		}
	}
	if f.byLen != nil {
		return fillAgrees(&obj, f)
	}
	return "", true
}

// fillAgrees reports the first member of the input structure whose place fillAt records
// differently from the walk that looks each member up (memberFinder.kid), "" and true when
// they agree on all.
func fillAgrees(obj *jnode, f memberFinder) (string, bool) {
	in := UpdateUserPoolClient.Operation.Input
	var filled [maxWalkedMembers]uint8
	for i := range filled {
		filled[i] = 0xff // fillAt clears what it records
	}
	fillAt(in, obj, &filled)
	for i, m := range in.Members {
		if want := uint8(f.kid(m.Name) + 1); filled[i] != want {
			return m.Name, false
		}
	}
	return "", true
}

func TestMemberFinderIsPresent(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 5, 20, 31, 32, 33, 63, 64, 65, 200} {
		for range 50 {
			body := finderObject(rnd, n)
			if name, ok := finderAgrees(t, body); !ok {
				t.Fatalf("%s: %q found differently", body, name)
			}
		}
	}
}

// FuzzMemberFinder: go test -run '^$' -fuzz FuzzMemberFinder ./contracts
func FuzzMemberFinder(f *testing.F) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 3, 33, 65} {
		f.Add(finderObject(rnd, n))
	}
	f.Add(`{"a":1,"a":null}`)
	f.Add(`{"a":null,"a":1,"\u0061":2}`)
	f.Fuzz(func(t *testing.T, body string) {
		if name, ok := finderAgrees(t, body); !ok {
			t.Fatalf("%s: %q found differently", body, name)
		}
	})
}

// BenchmarkMemberFinder looks up every member of the input structure in a full request
// (the fuzzer's positive case, keys in the SDK's order) with a memberFinder and with
// jnode.present, alternating in one loop, and reports both and their ratio (finder/present).
func BenchmarkMemberFinder(b *testing.B) {
	obj, err := parseRequestBody([]byte(ruleBenchBodies["typical"]))
	if err != nil {
		b.Fatal(err)
	}
	members := UpdateUserPoolClient.Operation.Input.Members
	const reps = 16 // lookups of every member between two clock readings
	var fast, ref time.Duration
	found := 0
	for b.Loop() {
		t0 := time.Now()
		for range reps {
			var idx finderIndex
			f := indexMembers(&obj, &idx)
			for _, m := range members {
				if f.present(m.Name) != nil {
					found++
				}
			}
		}
		t1 := time.Now()
		for range reps {
			for _, m := range members {
				if obj.present(m.Name) != nil {
					found--
				}
			}
		}
		ref += time.Since(t1)
		fast += t1.Sub(t0)
	}
	if found != 0 {
		b.Fatal("the finder and present found different members")
	}
	b.ReportMetric(float64(fast.Nanoseconds())/float64(b.N*reps), "finder-ns/op")
	b.ReportMetric(float64(ref.Nanoseconds())/float64(b.N*reps), "present-ns/op")
	b.ReportMetric(float64(fast)/float64(ref), "finder/present")
}

// TestNameIndexFindsMembers: every structure of the embedded model with at most
// maxWalkedMembers members has its names indexed, and find gives each member's position and -1
// for names it lacks (another case, another length, the empty name).
func TestNameIndexFindsMembers(t *testing.T) {
	t.Parallel()
	indexed := 0
	for _, s := range DefaultModel().Shapes() {
		if kindOf(s) != kindStructure || len(s.Members) > maxWalkedMembers {
			continue
		}
		if s.names == nil {
			t.Fatalf("structure %s has no name index", s.Name)
		}
		indexed++
		for j, m := range s.Members {
			if got := s.names.find(s, m.Name); got != j {
				t.Fatalf("%s.%s: find %d, want %d", s.Name, m.Name, got, j)
			}
			for _, other := range []string{strings.ToLower(m.Name), m.Name + "x", m.Name[1:], ""} {
				if s.names.find(s, other) >= 0 && other != m.Name {
					if _, ok := s.MemberNamed(other); !ok {
						t.Fatalf("%s: find %q gives a member", s.Name, other)
					}
				}
			}
		}
	}
	if indexed < 5 {
		t.Fatalf("only %d structures indexed", indexed)
	}
}

// TestFillAtWalkIsKidWalk: validateFound finds the same violations and message whether the
// input structure's names are indexed (fillAt) or each member is looked up in the body
// (memberFinder.kid, a structure without an index, which records nothing), and the places
// fillAt records are those kid finds.
func TestFillAtWalkIsKidWalk(t *testing.T) {
	t.Parallel()
	in := UpdateUserPoolClient.Operation.Input
	unindexed := *in
	unindexed.names = nil
	rnd := rand.New(rand.NewPCG(5, 6))
	bodies := append(append([]string{}, requestBodies...), requestErrorBodies...)
	for _, n := range []int{0, 1, 5, 20, 40, 64} {
		bodies = append(bodies, finderObject(rnd, n))
	}
	for _, body := range bodies {
		doc, err := parseRequestBody([]byte(body))
		if err != nil || doc.kind != jObject {
			continue
		}
		var filled, walked finderIndex
		top := indexMembers(&doc, &filled)
		vs1, msg1 := validateFound(in, top, false)
		vs2, msg2 := validateFound(&unindexed, indexMembers(&doc, &walked), false)
		var kids [maxWalkedMembers]uint8 // where kid finds each member
		if top.byLen != nil {
			for i, m := range in.Members {
				kids[i] = uint8(top.kid(m.Name) + 1)
			}
		}
		if !reflect.DeepEqual(vs1, vs2) || msg1 != msg2 || filled.at != kids || walked.walked != nil {
			t.Fatalf("%.80s:\nfilled %v %q %v\nwalked %v %q, kid %v (recorded for %v)", body, vs1, msg1, filled.at,
				vs2, msg2, kids, walked.walked)
		}
	}
}
