package contracts

import (
	"errors"
	"fmt"
	"strconv"
)

// Request is a typed view of an UpdateUserPoolClient request body for the semantic rules.
// Pointers and nil slices mean "absent" (JSON null counts as absent too). Parse it with
// ParseRequest once Validate found nothing: the view assumes well-typed members.
type Request struct {
	UserPoolId                               string
	ClientId                                 string
	ClientName                               *string
	RefreshTokenValidity                     *int32
	AccessTokenValidity                      *int32
	IdTokenValidity                          *int32
	TokenValidityUnits                       *TokenValidityUnits
	ReadAttributes                           []string
	WriteAttributes                          []string
	ExplicitAuthFlows                        []string
	SupportedIdentityProviders               []string
	CallbackURLs                             []string
	LogoutURLs                               []string
	DefaultRedirectURI                       *string
	AllowedOAuthFlows                        []string
	AllowedOAuthScopes                       []string
	AllowedOAuthFlowsUserPoolClient          *bool
	AnalyticsConfiguration                   *AnalyticsConfiguration
	PreventUserExistenceErrors               *string
	EnableTokenRevocation                    *bool
	EnablePropagateAdditionalUserContextData *bool
	AuthSessionValidity                      *int32
	RefreshTokenRotation                     *RefreshTokenRotation

	rm *ruleModel // the rule facts of the Contract that parsed it (nil: the embedded model's)
}

// TokenValidityUnits is TokenValidityUnitsType: a unit (seconds, minutes, hours, days) per token.
type TokenValidityUnits struct {
	AccessToken  *string
	IdToken      *string
	RefreshToken *string
}

// AnalyticsConfiguration is AnalyticsConfigurationType.
type AnalyticsConfiguration struct {
	ApplicationId  *string
	ApplicationArn *string
	RoleArn        *string
	ExternalId     *string
	UserDataShared *bool
}

// RefreshTokenRotation is RefreshTokenRotationType.
type RefreshTokenRotation struct {
	Feature                 string
	RetryGracePeriodSeconds *int32
}

// ParseRequest reads a request body into a Request. Member names match exactly, as on the
// wire (encoding/json alone would also match "clientname", which the service ignores as an
// unknown member). It fails only on bodies Validate rejects with a "type" violation; call
// Validate first for the service's answer to those.
func (c *Contract) ParseRequest(body []byte) (*Request, error) {
	doc, err := parseRequestBody(body)
	if err != nil {
		return nil, fmt.Errorf("UpdateUserPoolClient request body: %w", err)
	}
	return c.requestOf(&doc)
}

// requestOf builds the Request from a decoded body, directly from the tree: only the members
// the model's input structure has (a member a newer or older model lacks stays absent), under
// their exact names; JSON null is absent; an empty list stays an empty, non-nil slice.
func (c *Contract) requestOf(doc *jnode) (*Request, error) {
	if doc.kind != jObject {
		return nil, fmt.Errorf("UpdateUserPoolClient request body: a JSON %s, want an object", doc.kindName())
	}
	return c.requestFound(doc, nil)
}

// requestFound is requestOf for a body doc that is a JSON object; idx is the index of its
// members fixedOf validated with (indexMembers): where validateFound found each member of the
// input structure is read from it (finderIndex.at), so no name is looked up again. With idx nil,
// or an index validateFound did not record in, the members are looked up here.
func (c *Contract) requestFound(doc *jnode, idx *finderIndex) (*Request, error) {
	in := c.Operation.Input
	blk := new(requestBlock)                          // the Request, its structures and its scalars, in one allocation
	blk.arena.slab = make([]string, stringSlots(doc)) // its strings and list entries, in another
	b := reqBuilder{in: in, arena: &blk.arena}
	// The fields are set one by one in the new block, not copied there from a Request built
	// aside (a 344-byte move under the write barrier), in the model's member order.
	r := &blk.r
	var nested [3]*jnode // TokenValidityUnits, AnalyticsConfiguration, RefreshTokenRotation
	fields := c.fields   // the field each member sets, read once in New
	if len(fields) != len(in.Members) {
		fields = nil // a Contract not made by New: each member's name is read
	}
	if idx != nil && idx.walked == in {
		for i, m := range in.Members {
			if k := idx.at[i]; k != 0 {
				b.top(r, &nested, fieldAt(fields, i, m.Name), m.Name, &doc.kids[k-1].val)
			}
		}
	} else {
		var own finderIndex // the top level's members by name: two dozen lookups in one object
		top := indexMembers(doc, &own)
		for i, m := range in.Members {
			if n := top.present(m.Name); n != nil {
				b.top(r, &nested, fieldAt(fields, i, m.Name), m.Name, n)
			}
		}
	}
	r.rm = c.rules
	// The structures are read after the other members, so that errors come in the order
	// they always did.
	if u, ok := b.sub("TokenValidityUnits", nested[0]); ok {
		blk.units = TokenValidityUnits{AccessToken: u.strPtr("AccessToken"), IdToken: u.strPtr("IdToken"),
			RefreshToken: u.strPtr("RefreshToken")}
		r.TokenValidityUnits = &blk.units
		b.err = errors.Join(b.err, u.err)
	}
	if a, ok := b.sub("AnalyticsConfiguration", nested[1]); ok {
		blk.analytics = AnalyticsConfiguration{ApplicationId: a.strPtr("ApplicationId"),
			ApplicationArn: a.strPtr("ApplicationArn"), RoleArn: a.strPtr("RoleArn"), ExternalId: a.strPtr("ExternalId"),
			UserDataShared: a.boolPtr("UserDataShared")}
		r.AnalyticsConfiguration = &blk.analytics
		b.err = errors.Join(b.err, a.err)
	}
	if t, ok := b.sub("RefreshTokenRotation", nested[2]); ok {
		blk.rotation = RefreshTokenRotation{Feature: t.str("Feature"),
			RetryGracePeriodSeconds: t.int32Ptr("RetryGracePeriodSeconds")}
		r.RefreshTokenRotation = &blk.rotation
		b.err = errors.Join(b.err, t.err)
	}
	if b.err != nil {
		return nil, fmt.Errorf("UpdateUserPoolClient request body: %w", b.err)
	}
	return r, nil
}

// requestBlock holds a Request with its nested structures and the scalars its pointer fields
// point to, so building one is a single allocation, plus one for its strings and lists.
type requestBlock struct {
	r         Request
	units     TokenValidityUnits
	analytics AnalyticsConfiguration
	rotation  RefreshTokenRotation
	arena     reqArena
}

// reqArena hands out the scalars of a Request; when it runs out (a newer model with more
// members) they come from the heap.
type reqArena struct {
	// slab is where the string pointers and the lists' entries go, sized by stringSlots: no
	// more than the body holds, rather than a fixed block that is mostly unused.
	slab   []string
	ints   [8]int32
	bools  [8]bool
	ni, nb int
}

// stringSlots bounds the strings a Request of obj points to and holds in lists: the entries of
// its array members, its string members, and the string members of its object members (the
// Request's structures are one level deep). Duplicates and members the Request lacks count
// too, so it never falls short; it reads the kinds the parse recorded, not the values.
func stringSlots(obj *jnode) int {
	n := 0
	for k := range obj.kids {
		switch v := &obj.kids[k].val; v.kind {
		case jArray:
			n += len(v.kids)
		case jString:
			n++
		case jObject:
			for j := range v.kids {
				if v.kids[j].val.kind == jString {
					n++
				}
			}
		}
	}
	return n
}

// list returns n zeroed entries for one list, capacity capped so that appending to one list
// never reaches the next.
func (a *reqArena) list(n int) []string {
	if n == 0 {
		return []string{} // an empty list is not an absent one
	}
	if len(a.slab) < n {
		return make([]string, n)
	}
	l := a.slab[:n:n]
	a.slab = a.slab[n:]
	return l
}

// str stores v in the next free string of the slab and returns its address (from the heap when
// the slab is used up).
func (a *reqArena) str(v string) *string {
	if len(a.slab) == 0 {
		p := new(string) // not &v: v would then be moved to the heap on every call
		*p = v
		return p
	}
	p := &a.slab[0]
	*p = v
	a.slab = a.slab[1:]
	return p
}

func (a *reqArena) int32(v int32) *int32 { return slot(a.ints[:], &a.ni, v) }
func (a *reqArena) bool(v bool) *bool    { return slot(a.bools[:], &a.nb, v) }

// slot stores v in the next free entry of buf (counted by *next) and returns its address; when
// buf is full, v goes to the heap.
func slot[T any](buf []T, next *int, v T) *T {
	if *next == len(buf) {
		p := new(T) // not &v: v would then be moved to the heap on every call
		*p = v
		return p
	}
	p := &buf[*next]
	*next++
	*p = v
	return p
}

// reqBuilder reads the members of one structure of the body into Request fields.
type reqBuilder struct {
	in    *Shape       // the structure's shape: members it lacks are not read
	find  memberFinder // the members of the structure's object
	outer string       // the name of the nested structure read ("" at the top level), for errors
	arena *reqArena
	err   error
}

// member returns a modelled, present (non-null) member. The body is asked first: most of the
// Request's members are absent from most bodies, and the model's list is the longer one.
func (b *reqBuilder) member(name string) *jnode {
	n := b.find.present(name)
	if n == nil {
		return nil
	}
	if _, ok := b.in.MemberNamed(name); !ok {
		return nil
	}
	return n
}

func (b *reqBuilder) wrong(name, want string, n *jnode) {
	if b.outer != "" {
		name = b.outer + "." + name // the model path, built only for the error
	}
	b.err = errors.Join(b.err, fmt.Errorf("%s: want a JSON %s, got %s", name, want, n.kindName()))
}

func (b *reqBuilder) strPtr(name string) *string { return b.strPtrOf(name, b.member(name)) }

// strPtrOf reads the member name, found at n (nil: absent), as strPtr does; so do the other
// ...Of methods for their kinds.
func (b *reqBuilder) strPtrOf(name string, n *jnode) *string {
	if n == nil {
		return nil
	}
	if n.kind != jString {
		b.wrong(name, "string", n)
		return nil
	}
	return b.arena.str(n.str())
}

func (b *reqBuilder) str(name string) string { return b.strOf(name, b.member(name)) }

func (b *reqBuilder) strOf(name string, n *jnode) string {
	if n == nil {
		return ""
	}
	if n.kind != jString {
		b.wrong(name, "string", n)
		return ""
	}
	return n.str()
}

func (b *reqBuilder) boolPtr(name string) *bool { return b.boolPtrOf(name, b.member(name)) }

func (b *reqBuilder) boolPtrOf(name string, n *jnode) *bool {
	if n == nil {
		return nil
	}
	if n.kind != jBool {
		b.wrong(name, "boolean", n)
		return nil
	}
	return b.arena.bool(n.b)
}

func (b *reqBuilder) int32Ptr(name string) *int32 { return b.int32PtrOf(name, b.member(name)) }

func (b *reqBuilder) int32PtrOf(name string, n *jnode) *int32 {
	if n == nil {
		return nil
	}
	i, err := strconv.ParseInt(n.str(), 10, 32)
	if n.kind != jNumber || err != nil {
		b.wrong(name, "32-bit integer", n)
		return nil
	}
	return b.arena.int32(int32(i))
}

func (b *reqBuilder) strsOf(name string, n *jnode) []string {
	if n == nil {
		return nil
	}
	if n.kind != jArray {
		b.wrong(name, "array", n)
		return nil
	}
	out := b.arena.list(len(n.kids))
	for i := range n.kids {
		switch e := &n.kids[i].val; e.kind {
		case jString:
			out[i] = e.str()
		case jNull: // as encoding/json: a null entry of a []string is ""
		default:
			b.wrong(name+"["+strconv.Itoa(i)+"]", "string", e)
		}
	}
	return out
}

// sub returns the reader of the nested structure name of the top level (the Request has no
// deeper ones), found at n (nil: absent); it is a value, so reading a structure allocates
// nothing.
func (b *reqBuilder) sub(name string, n *jnode) (reqBuilder, bool) { // the caller joins its err into b.err
	if n == nil {
		return reqBuilder{}, false
	}
	if n.kind != jObject {
		b.wrong(name, "object", n)
		return reqBuilder{}, false
	}
	m, _ := b.in.MemberNamed(name)
	return reqBuilder{in: m.Target, find: memberFinder{obj: n}, outer: name, arena: b.arena}, true
}
