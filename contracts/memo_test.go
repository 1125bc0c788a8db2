package contracts_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// memoBodies are request bodies of every kind a prediction tells apart: valid, a broken
// constraint (with a huge value), a wrong JSON type, malformed JSON, the empty body, and one
// passing and one failing case of every request-side rule (ruleCases).
func memoBodies() []string {
	const ids = `"UserPoolId":"` + poolID + `","ClientId":"abc123"`
	bodies := []string{
		`{` + ids + `}`,
		`{` + ids + `,"ClientName":"` + strings.Repeat("あ", 200) + `"}`,
		`{` + ids + `,"ClientName":"` + strings.Repeat("x", 300000) + `"}`,
		`{` + ids + `,"AccessTokenValidity":"60"}`,
		`{"UserPoolId":` + strings.Repeat("[", 10001) + `}`,
		`{`, ``, `  `, `[]`,
	}
	for _, rc := range ruleCases {
		bodies = append(bodies, `{`+ids+`,`+rc.members+`}`)
	}
	return bodies
}

// The memo changes nothing a prediction says: for every body, in every state, the first and
// the second prediction from a remembered parse equal what a contract without memo predicts.
func TestPredictParsedWithMemoIsWithout(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	c, err := contracts.New(contracts.DefaultModel())
	g.Expect(err).NotTo(HaveOccurred())
	ref := c.WithoutParseMemo()
	states := map[string]func(*contracts.State){
		"full": nil, "no-pool": func(st *contracts.State) { st.Pool = nil },
		"no-client": func(st *contracts.State) { st.Client = nil }, "no-secret": noSecret, "lite": lite,
	}
	for _, body := range memoBodies() {
		for name, mod := range states {
			want := ref.Predict([]byte(body), stateWith(mod))
			for i := range 2 {
				got := c.PredictParsed(c.Parse([]byte(body)), stateWith(mod))
				g.Expect(got).To(Equal(want), "state %s, prediction %d, body %.80q", name, i, body)
			}
		}
	}
}

// The same bytes are parsed once, whatever slice holds them; a body that differs in one byte
// is parsed anew, and a body is forgotten once enough others were parsed after it.
func TestParseRemembersTheExactBytes(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	c, err := contracts.New(contracts.DefaultModel())
	g.Expect(err).NotTo(HaveOccurred())
	body := `{"UserPoolId":"` + poolID + `","ClientId":"abc123","ClientName":"a"}`
	first := c.Parse([]byte(body))
	g.Expect(c.Parse([]byte(body))).To(BeIdenticalTo(first))
	g.Expect(c.Parse([]byte(strings.Replace(body, `"a"`, `"b"`, 1)))).NotTo(BeIdenticalTo(first))
	g.Expect(c.WithoutParseMemo().Parse([]byte(body))).NotTo(BeIdenticalTo(first))
	for i := range 8 {
		c.Parse(fmt.Appendf(nil, `{"ClientName":"%d"}`, i))
	}
	g.Expect(c.Parse([]byte(body))).NotTo(BeIdenticalTo(first))
}

// A prediction is its caller's: changing its violations does not change the next one.
func TestPredictionFromMemoIsTheCallers(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	c, err := contracts.New(contracts.DefaultModel())
	g.Expect(err).NotTo(HaveOccurred())
	body := []byte(`{"UserPoolId":"` + poolID + `","ClientName":""}`)
	p := c.PredictParsed(c.Parse(body), stateWith(nil))
	g.Expect(p.Violations).NotTo(BeEmpty())
	want := p.Violations[0]
	p.Violations[0].Message, p.Violations[0].Rule = "changed", "changed"
	g.Expect(c.PredictParsed(c.Parse(body), stateWith(nil)).Violations[0]).To(Equal(want))
}

// A body parsed by one contract and predicted by another is predicted by the other's model.
func TestPredictParsedByAnotherContract(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	a, err := contracts.New(contracts.DefaultModel())
	g.Expect(err).NotTo(HaveOccurred())
	b, err := contracts.New(contracts.DefaultModel())
	g.Expect(err).NotTo(HaveOccurred())
	for _, body := range memoBodies() {
		g.Expect(b.PredictParsed(a.Parse([]byte(body)), stateWith(nil))).To(Equal(b.WithoutParseMemo().Predict([]byte(body), stateWith(nil))))
	}
}

// The emulator parses and predicts from many goroutines: remembered parses are shared safely
// (run with -race) and predict what a contract without memo predicts.
func TestParseMemoConcurrent(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	c, err := contracts.New(contracts.DefaultModel())
	g.Expect(err).NotTo(HaveOccurred())
	bodies := memoBodies()[:12]
	want := make([]contracts.Prediction, len(bodies))
	for i, b := range bodies {
		want[i] = c.WithoutParseMemo().Predict([]byte(b), stateWith(nil))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(bodies))
	for w := range 8 {
		wg.Go(func() {
			for k := range len(bodies) * 3 {
				i := (k + w) % len(bodies)
				got := c.PredictParsed(c.Parse([]byte(bodies[i])), stateWith(nil))
				if fmt.Sprint(got) != fmt.Sprint(want[i]) {
					errs <- fmt.Sprintf("worker %d body %d: %v, want %v", w, i, got.Code, want[i].Code)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
