package fuzz

import (
	"context"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// TestValidatedWalkOverCycle: the check of a 200 to a parsed request, whose walk skips the
// request's echoed lists when its validation found nothing (contracts' conform_validated.go),
// finds what the check without the parse finds (the request decoded again, every list walked),
// for every exchange of the mixed benchmark's draw; and for every request of that draw answered
// 200 with the client Apply makes of it (the invalid ones too: a service that accepts what it
// should refuse, its lists echoed).
func TestValidatedWalkOverCycle(t *testing.T) {
	t.Parallel()
	gen, h, _ := benchHarness(t)
	c := h.contract
	src := NewSource(7)
	ctx := context.Background()
	now := time.Unix(1700000000, 0)
	compared := 0
	for range benchCases {
		cs := gen.DrawMode(src, 0)
		res, err := h.Execute(ctx, cs)
		if err != nil {
			t.Fatalf("%s: %v", cs.ID, err)
		}
		ex := res.Exchange
		answers := [][]byte{}
		if ex.Status == http.StatusOK {
			answers = append(answers, ex.Body)
		}
		if client, err := c.Apply(ex.Before, ex.Request, now); err == nil {
			answers = append(answers, append(append([]byte(`{"UserPoolClient":`), client...), '}'))
		}
		parsed := c.Parse(ex.Request)
		for _, body := range answers {
			ok := contracts.Exchange{Request: ex.Request, Before: ex.Before, Status: http.StatusOK, Body: body,
				Header: http.Header{"Content-Type": {contracts.ContentType}, "X-Amzn-Requestid": {"r"}}}
			got, want := c.CheckParsed(res.Prediction, ok, parsed), c.CheckParsed(res.Prediction, ok, nil)
			if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Fatalf("%s: findings %v, without the parse %v", cs.ID, got, want)
			}
			compared++
		}
	}
	if compared < benchCases {
		t.Fatalf("%d answers compared", compared)
	}
}
