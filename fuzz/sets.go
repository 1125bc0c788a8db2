package fuzz

import (
	"reflect"
	"strings"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// valueSets are the sets of strings that draws pick values from, boxed once as JSON values
// (any) by NewGenerator: a pick then allocates its list alone, not one box per value.
type valueSets struct {
	userFlows []any // AllowedOAuthFlows values but client_credentials (R8)
	legacy    []any // ExplicitAuthFlows values without the ALLOW_ prefix (R17)
	allow     []any // ALLOW_ values but ALLOW_REFRESH_TOKEN_AUTH and ALLOW_USER_AUTH (R19, R20)
	states    []stateSets
	tokens    []token  // the token validities, their members and R13 windows (tokens, token.windows)
	units     []string // the TimeUnitsType values of a known length (unitValues)
	unitBoxes []any    // units boxed, in the same order
	// callbacks and logouts are the draws of CallbackURLs and LogoutURLs (urlListDraw).
	callbacks, logouts urlListDraw
	rotation           *contracts.Member // RefreshTokenRotation (nil: the model has none)
}

// stateSets are the boxed sets of one provisioned state.
type stateSets struct {
	poolID, clientID any   // the state's pool and client ids (Generator.base)
	attributes       []any // the pool's attributes (R23)
	providers        []any // COGNITO, then the pool's identity providers (R24)
	scopes           []any // the standard scopes, then the pool's custom scopes (R12)
	custom           []any // the pool's custom scopes (R8-R10)
	flows            []any // ALLOW_ values valid for the pool: allow, with ALLOW_USER_AUTH above LITE (R19)
}

// listSets computes the sets from the model and the states.
func (g *Generator) listSets() valueSets {
	var v valueSets
	for _, f := range g.enumOf("AllowedOAuthFlows") {
		if f != flowClientCredentials {
			v.userFlows = append(v.userFlows, f)
		}
	}
	for _, f := range g.enumOf("ExplicitAuthFlows") {
		switch {
		case !strings.HasPrefix(f, allowPrefix):
			v.legacy = append(v.legacy, f)
		case f != authFlowRefreshToken && f != authFlowUserAuth:
			v.allow = append(v.allow, f)
		}
	}
	for _, s := range g.states {
		custom := boxed(customScopes(s.Pool))
		st := stateSets{poolID: s.Pool.ID, clientID: s.Client.ID, attributes: boxed(s.Pool.Attributes),
			providers: boxed(append([]string{providerCognito}, s.Pool.IdentityProviders...)),
			scopes:    append(boxed(standardScopes), custom...), custom: custom}
		for _, f := range g.enumOf("ExplicitAuthFlows") { // validFlows' order: the model's
			if strings.HasPrefix(f, allowPrefix) && f != authFlowRefreshToken && (f != authFlowUserAuth || s.Pool.Tier != tierLite) {
				st.flows = append(st.flows, f)
			}
		}
		v.states = append(v.states, st)
	}
	v.tokens, v.units = g.tokens(), g.unitValues()
	for i := range v.tokens {
		v.tokens[i].windows(g, v.units)
	}
	v.unitBoxes = boxed(v.units)
	v.callbacks, v.logouts = g.urlListOf("CallbackURLs"), g.urlListOf("LogoutURLs")
	v.rotation, _ = g.input.MemberNamed("RefreshTokenRotation")
	return v
}

// boxed returns xs as JSON values, nil for nil.
func boxed(xs []string) []any {
	if xs == nil {
		return nil
	}
	out := make([]any, len(xs))
	boxStrings(out, xs)
	return out
}

// boxStrings sets out[i] to any(ss[i]) for each i of ss (out has room for them), boxing the
// strings a chunk at a time: a chunk's headers are copied into one interface value, an array
// (boxChunk: one allocation), and each out[i] is that array's element, made an interface by
// reflect.Value.Interface. The array is not addressable, so Interface makes the interface of an
// element without copying it (an interface's value is immutable: sharing the array is sound),
// where any(s) copies every string's header into an allocation of its own
// (runtime.convTstring: a URL list of 100 entries made 100). Whether reflect copies or not, what
// out holds is any(ss[i]): no memory is forged (a former version, reverted in 184fbc3, wrote
// interface words through unsafe).
func boxStrings(out []any, ss []string) {
	var c boxChunk
	for len(ss) > 0 {
		k := copy(c[:], ss)
		c.box(out[:k])
		out, ss = out[k:], ss[k:]
	}
}

// boxChunk is how many strings boxStrings boxes in one allocation: a URL list's mean of
// about 45 in three.
type boxChunk [16]string

// box sets out[i] to any(c[i]) for each i of out (at most len(c)), from one copy of c's first
// strings in an interface value (boxStrings): an array of the smallest of 1, 2, 4, 8 and
// len(c) strings that holds out's (boxArray), so that a list's last chunk, and a short list's
// only one, takes room for its strings and not for a whole chunk (a list of 1 URL boxed 16
// strings, 256 bytes, for one). c's strings past out's are cleared first, so that the copy
// holds no other memory.
func (c *boxChunk) box(out []any) {
	clear(c[len(out):])
	switch n := len(out); {
	case n == 0:
	case n == 1:
		boxArray(out, (*[1]string)(c[:1]))
	case n == 2:
		boxArray(out, (*[2]string)(c[:2]))
	case n <= 4:
		boxArray(out, (*[4]string)(c[:4]))
	case n <= 8:
		boxArray(out, (*[8]string)(c[:8]))
	default:
		boxArray(out, c)
	}
}

// boxArray sets out[i] to any(a[i]) for each i of out (at most len(a)): *a (c's first strings,
// not copied before) is copied into one interface value, an array that is not addressable, and
// each out[i] is its element made an interface by reflect.Value.Interface, which shares it
// (boxStrings).
func boxArray[A [1]string | [2]string | [4]string | [8]string | boxChunk](out []any, a *A) {
	v := reflect.ValueOf(any(*a))
	for i := range out {
		out[i] = v.Index(i).Interface()
	}
}
