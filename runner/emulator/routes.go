package emulator

import "context"

// handler answers one operation with a request body that is a JSON object.
type handler func(ctx context.Context, body []byte) ([]byte, *apiError)

// routes binds the operations the emulator answers: the setup a contract run needs and the
// operation under test. Every one of them is in the embedded model.
func (e *Emulator) routes() map[string]handler {
	plain := map[string]handler{
		"CreateUserPool":         e.createUserPool,
		"DescribeUserPool":       e.describeUserPool,
		"DeleteUserPool":         e.deleteUserPool,
		"ListUserPools":          e.listUserPools,
		"CreateUserPoolClient":   e.createUserPoolClient,
		opDescribe:               e.describeUserPoolClient,
		"DeleteUserPoolClient":   e.deleteUserPoolClient,
		"ListUserPoolClients":    e.listUserPoolClients,
		"CreateResourceServer":   e.createResourceServer,
		"DeleteResourceServer":   e.deleteResourceServer,
		"CreateIdentityProvider": e.createIdentityProvider,
		"DeleteIdentityProvider": e.deleteIdentityProvider,
		"AddCustomAttributes":    e.addCustomAttributes,
		"ListTagsForResource":    e.listTagsForResource,
	}
	out := make(map[string]handler, len(plain)+1)
	for name, h := range plain {
		out[name] = func(ctx context.Context, body []byte) ([]byte, *apiError) {
			e.delay(ctx, name)
			return h(ctx, body)
		}
	}
	// UpdateUserPoolClient waits for its injected latency while it holds its client (R29).
	out[opUpdate] = e.updateUserPoolClient
	return out
}
