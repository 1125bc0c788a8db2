package fuzz

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"
	"github.com/jarcoal/httpmock"
	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/runner/emulator"
)

// unheldTransport hides that a body is held (heldBody), so that the recorder reads a copy.
type unheldTransport struct{ rt http.RoundTripper }

func (t unheldTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.rt.RoundTrip(r)
	if err == nil {
		resp.Body = io.NopCloser(resp.Body)
	}
	return resp, err
}

// TestRecorderKeepsHeldAnswers: the recorder keeps an in-process emulator's answers as they
// are (heldBody) and records what it records when it reads a copy of them, status, body and
// the SDK's answer alike, for successes and errors, updates and describes; the bodies it kept
// are unchanged after the updates that follow.
func TestRecorderKeepsHeldAnswers(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ctx := context.Background()
	mt := fixedClockEmulator()
	held := newDirectSDKClient("us-east-1", &http.Client{Transport: mt}, benchEndpoint)
	copied := newDirectSDKClient("us-east-1", &http.Client{Transport: unheldTransport{mt}}, benchEndpoint)
	p, err := held.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("p")})
	g.Expect(err).NotTo(HaveOccurred())
	pool := p.UserPool.Id
	c, err := held.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: pool, ClientName: aws.String("app")})
	g.Expect(err).NotTo(HaveOccurred())
	id := c.UserPoolClient.ClientId
	updates := []*cip.UpdateUserPoolClientInput{
		{UserPoolId: pool, ClientId: id, ClientName: aws.String("renamed"), CallbackURLs: []string{"https://a.example.com/cb", "myapp://cb/é世"},
			AllowedOAuthFlows: []types.OAuthFlowType{types.OAuthFlowTypeCode}, AllowedOAuthFlowsUserPoolClient: true,
			AllowedOAuthScopes: []string{"openid"}, SupportedIdentityProviders: []string{"COGNITO"}},
		{UserPoolId: pool, ClientId: id, ClientName: aws.String(strings.Repeat("é<\u2028", 200))},
		{UserPoolId: pool, ClientId: aws.String("nosuchclient0000000000000a"), ClientName: aws.String("x")},
		{UserPoolId: pool, ClientId: id, ClientName: aws.String("again"), RefreshTokenValidity: 30},
	}
	type kept struct{ body, copy []byte }
	var keptBodies []kept
	record := func(send func(*cip.Client, context.Context) error) {
		recH, recC := &recorder{}, &recorder{}
		errH := send(held, context.WithValue(ctx, recorderKey{}, recH))
		errC := send(copied, context.WithValue(ctx, recorderKey{}, recC))
		g.Expect(recH.err).NotTo(HaveOccurred())
		g.Expect(recC.err).NotTo(HaveOccurred())
		g.Expect(recH.resp.Status).To(Equal(recC.resp.Status))
		g.Expect(string(recH.resp.Body)).To(Equal(string(recC.resp.Body)))
		g.Expect(apiErrorCode(errH)).To(Equal(apiErrorCode(errC)))
		keptBodies = append(keptBodies, kept{recH.resp.Body, bytes.Clone(recH.resp.Body)})
	}
	for _, in := range updates {
		record(func(c *cip.Client, ctx context.Context) error { _, err := c.UpdateUserPoolClient(ctx, in); return err })
		record(func(c *cip.Client, ctx context.Context) error {
			_, err := c.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: pool, ClientId: id})
			return err
		})
	}
	for i, k := range keptBodies {
		g.Expect(string(k.body)).To(Equal(string(k.copy)), "body %d changed after it was recorded", i)
	}
	// The emulator's answers are held: the recorder takes the path this test compares.
	r, _ := http.NewRequest(http.MethodPost, benchEndpoint, strings.NewReader(`{}`))
	r.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.DescribeUserPoolClient")
	resp, err := mt.RoundTrip(r)
	g.Expect(err).NotTo(HaveOccurred())
	_, isHeld := resp.Body.(heldBody)
	g.Expect(isHeld).To(BeTrue())
}

// apiErrorCode is the code of an SDK error ("" for none).
func apiErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return err.Error()
}

// TestMemBodyIsNopCloserOfReader: a memBody reads, writes itself out (io.WriterTo) and closes
// as io.NopCloser(bytes.NewReader(b)) does, whole or after a partial read.
func TestMemBodyIsNopCloserOfReader(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, b := range [][]byte{nil, []byte("x"), []byte(strings.Repeat("é<a", 5000))} {
		for _, skip := range []int64{0, 1} {
			got, want := newMemBody(b), io.NopCloser(bytes.NewReader(b))
			_, ok := want.(io.WriterTo)
			g.Expect(ok).To(BeTrue())
			var _ io.WriterTo = got
			n1, _ := io.CopyN(io.Discard, got, skip)
			n2, _ := io.CopyN(io.Discard, want, skip)
			g.Expect(n1).To(Equal(n2))
			var gb, wb bytes.Buffer
			_, err := io.Copy(&gb, got)
			g.Expect(err).NotTo(HaveOccurred())
			_, err = io.Copy(&wb, want)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(gb.String()).To(Equal(wb.String()))
			g.Expect(got.Close()).To(Succeed())
		}
	}
}

// TestDirectRawKeepsHeldAnswers: directRaw keeps an in-process emulator's answers as they are
// (heldBody) and returns what it returns when it reads a copy of them: status, headers and
// body, for a 200, errors of every size (a message echoing a long multibyte value) and bodies
// that are not JSON; the bodies it kept are unchanged after the requests that follow.
func TestDirectRawKeepsHeldAnswers(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	ctx := context.Background()
	mt := fixedClockEmulator()
	sdk := newDirectSDKClient("us-east-1", &http.Client{Transport: mt}, benchEndpoint)
	p, err := sdk.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("p")})
	g.Expect(err).NotTo(HaveOccurred())
	c, err := sdk.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: p.UserPool.Id, ClientName: aws.String("app")})
	g.Expect(err).NotTo(HaveOccurred())
	ids := `"UserPoolId":"` + *p.UserPool.Id + `","ClientId":"` + *c.UserPoolClient.ClientId + `"`
	held := newDirectRaw("us-east-1", &http.Client{Transport: mt}, benchEndpoint)
	copied := newDirectRaw("us-east-1", &http.Client{Transport: unheldTransport{mt}}, benchEndpoint)
	bodies := []string{
		`{` + ids + `,"ClientName":"renamed","CallbackURLs":["https://a.example.com/cb"]}`, // 200
		`{` + ids + `,"ClientName":"` + strings.Repeat("é<\u2028", 100) + `"}`,             // 400, ClientName too long (echoed)
		`{` + ids + `,"ClientName":"bad\xff"}`,                                             // invalid UTF-8
		`{` + ids + `,"ClientName":`,                                                       // not JSON
		``, `[]`, `{"UserPoolId":"us-east-1_nope","ClientId":"x"}`,
		`{` + ids + `,"ClientName":"again","RefreshTokenValidity":30}`, // 200 again
	}
	type kept struct{ body, copy []byte }
	var keptBodies []kept
	for _, b := range bodies {
		got, err := held.send(ctx, []byte(b))
		g.Expect(err).NotTo(HaveOccurred())
		want, err := copied.send(ctx, []byte(b))
		g.Expect(err).NotTo(HaveOccurred())
		g.Expect(got.Status).To(Equal(want.Status), b)
		g.Expect(string(got.Body)).To(Equal(string(want.Body)), b)
		g.Expect(got.Header.Get("Content-Length")).To(Equal(want.Header.Get("Content-Length")), b)
		g.Expect(got.Header.Get("X-Amzn-Errortype")).To(Equal(want.Header.Get("X-Amzn-Errortype")), b)
		keptBodies = append(keptBodies, kept{got.Body, bytes.Clone(got.Body)})
	}
	for i, k := range keptBodies {
		g.Expect(string(k.body)).To(Equal(string(k.copy)), "body %d changed after it was kept", i)
	}
}

// otherKey is a context key of another package's kind, for TestRecordCtxIsWithValue.
type otherKey struct{ n int }

// TestRecordCtxIsWithValue: a recordCtx answers as context.WithValue(parent, recorderKey{},
// rec) does, for the recorder, the parent's values, a missing key, its deadline,
// cancellation and error, reset from parent to parent (itself under a parent never
// cancelled, a context of its own under any other); a context derived from it is cancelled
// with its parent.
func TestRecordCtxIsWithValue(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	cancelled, cancel := context.WithCancel(context.WithValue(context.Background(), otherKey{1}, "one"))
	cancel()
	timed, stop := context.WithDeadline(context.Background(), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	defer stop()
	inner := context.WithValue(context.Background(), recorderKey{}, &recorder{}) // shadowed
	var rc recordCtx
	for _, parent := range []context.Context{context.Background(), context.TODO(), cancelled, timed, inner} {
		rec := &recorder{}
		got, want := rc.reset(parent, rec), context.WithValue(parent, recorderKey{}, rec)
		g.Expect(got == context.Context(&rc)).To(Equal(parent.Done() == nil), "reused under a parent never cancelled only")
		for _, key := range []any{recorderKey{}, otherKey{1}, otherKey{2}, "UserPoolId", 0} {
			g.Expect(got.Value(key) == want.Value(key)).To(BeTrue(), "key %v", key)
		}
		gd, gok := got.Deadline()
		wd, wok := want.Deadline()
		g.Expect(gd).To(Equal(wd))
		g.Expect(gok).To(Equal(wok))
		g.Expect(errors.Is(got.Err(), want.Err()) && errors.Is(want.Err(), got.Err())).To(BeTrue())
		g.Expect(got.Done() == want.Done()).To(BeTrue())
		derived, stopDerived := context.WithCancel(got)
		g.Expect(derived.Value(recorderKey{})).To(BeIdenticalTo(rec))
		g.Expect(errors.Is(derived.Err(), want.Err())).To(BeTrue())
		stopDerived()
	}
}

// fixedClockEmulator is an emulator of a fixed seed and clock (its answers repeat from run to
// run) behind an httpmock transport at benchEndpoint.
func fixedClockEmulator() *httpmock.MockTransport {
	now := func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }
	e := emulator.New(emulator.WithSeed(3), emulator.WithClock(now))
	mt := httpmock.NewMockTransport()
	e.Register(mt, benchEndpoint)
	return mt
}
