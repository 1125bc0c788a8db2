package fuzz

import (
	"context"

	"github.com/cognito-contract/cognito-contract/internal/target"
)

// send is sendBody of a body the caller may write again once answered (not immutable): how the
// benchmark's baseline and the tests post raw bodies.
func (d *directRaw) send(ctx context.Context, body []byte) (*target.Response, error) {
	return d.sendBody(ctx, body, false)
}
