package fuzz

import (
	"math/bits"
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
// strings a piece at a time: a piece's headers are copied into one interface value, an array
// (boxPiece: one allocation), and each out[i] is that array's element, made an interface by
// reflect.Value.Interface. The array is not addressable, so Interface makes the interface of an
// element without copying it (an interface's value is immutable: sharing the array is sound),
// where any(s) copies every string's header into an allocation of its own
// (runtime.convTstring: a URL list of 100 entries made 100). Whether reflect copies or not, what
// out holds is any(ss[i]): no memory is forged (a former version, reverted in 184fbc3, wrote
// interface words through unsafe).
func boxStrings(out []any, ss []string) {
	for len(ss) > 0 {
		k := pieceLen(len(ss))
		boxPiece(out[:k], ss[:k])
		out, ss = out[k:], ss[k:]
	}
}

// maxPiece is the most strings boxStrings boxes in one allocation: on 64-bit its array, 512
// bytes, is the largest the runtime allocates without a header (a larger one, with pointers,
// takes 8 bytes more and rounds up to the next size class: 64 strings took 1152 bytes). A
// 32-bit build boxes at the same counts, though there its array of 32, 256 bytes, passes the
// 128 it allocates without a header and takes 288 (32 more than two pieces of 16). A URL
// list's longest (100) is boxed in four (three of 32, then 4).
const maxPiece = 32

// pieceLen is how many of n strings (n > 0) the next piece boxes: the largest power of two
// from 16 to maxPiece that n holds, or all n below 16 (the last piece). A list's pieces but
// its last are thus arrays it fills exactly, and its last, n%16 strings, the smallest array of
// 1, 2, 4, 8 or 16 strings that holds them (boxPiece): the bytes of boxes of 16 strings each,
// the last one at its size, in fewer allocations (a list of 100: 4, not 7).
func pieceLen(n int) int {
	if n < 16 {
		return n
	}
	return min(1<<(bits.Len(uint(n))-1), maxPiece)
}

// boxPiece sets out[i] to any(ss[i]) for each i of ss (a piece: pieceLen's), from one copy of
// the strings in an interface value: an array of exactly the piece's strings (ss itself,
// converted, not copied before) when it has 1, 2, 4, 8, 16 or maxPiece,
// otherwise a copy of them in the smallest array of 4, 8 or 16 strings that holds them, the
// strings past theirs empty, so that the copy holds no other memory.
func boxPiece(out []any, ss []string) {
	switch n := len(ss); n {
	case 0:
	case 1:
		boxArray(out, (*[1]string)(ss))
	case 2:
		boxArray(out, (*[2]string)(ss))
	case 4:
		boxArray(out, (*[4]string)(ss))
	case 8:
		boxArray(out, (*[8]string)(ss))
	case 16:
		boxArray(out, (*[16]string)(ss))
	case maxPiece:
		boxArray(out, (*[maxPiece]string)(ss))
	default: // 3, 5 to 7, 9 to 15: the last piece
		switch {
		case n < 4:
			var a [4]string
			copy(a[:], ss)
			boxArray(out, &a)
		case n < 8:
			var a [8]string
			copy(a[:], ss)
			boxArray(out, &a)
		default:
			var a [16]string
			copy(a[:], ss)
			boxArray(out, &a)
		}
	}
}

// boxArray sets out[i] to any(a[i]) for each i of out (at most len(a)): *a (a piece's strings,
// not copied before) is copied into one interface value, an array that is not addressable, and
// each out[i] is its element made an interface by reflect.Value.Interface, which shares it
// (boxStrings).
func boxArray[A [1]string | [2]string | [4]string | [8]string | [16]string | [maxPiece]string](out []any, a *A) {
	v := reflect.ValueOf(any(*a))
	for i := range out {
		out[i] = v.Index(i).Interface()
	}
}
