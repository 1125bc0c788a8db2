package fuzz

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// findingKey is what findings are deduplicated by: the check and the member.
type findingKey struct {
	check  contracts.Check
	member string
}

func keyOf(f contracts.Finding, c Case) findingKey {
	m := f.Member
	if m == "" {
		m = c.Member
	}
	return findingKey{f.Check, m}
}

// hasKey reports whether a result fails with the given key.
func hasKey(res Result, k findingKey) bool {
	for _, f := range res.Findings {
		if keyOf(f, res.Case) == k {
			return true
		}
	}
	return false
}

// Shrink reduces a failing case to a smaller one that still fails with the same check and
// member: it deletes optional members (nested ones too), shortens lists and strings and
// replaces strings by one repeated rune, keeping each change that still fails. It spends at
// most budget executions and returns the smallest case found with its result.
func (h *Harness) Shrink(ctx context.Context, failing Result, f contracts.Finding, budget int) (Result, int, error) {
	k := keyOf(f, failing.Case)
	best, steps, spent := failing, 0, 0
	for progress := true; progress && spent < budget; {
		progress = false
		for _, cand := range candidates(h.contract.Operation.Input, best.Case) {
			if spent >= budget {
				break
			}
			spent++
			res, err := h.Execute(ctx, cand)
			if err != nil {
				return best, steps, err
			}
			if hasKey(res, k) {
				best, progress = res, true
				steps++
				break
			}
		}
	}
	return best, steps, nil
}

// candidates are the one-step reductions of a case, biggest first.
func candidates(input *contracts.Shape, c Case) []Case {
	if c.Request == nil {
		return nil
	}
	var out []Case
	add := func(req map[string]any) {
		n := c
		n.Request = req
		if c.mutation != nil {
			n.Body = c.mutation.apply(req)
		} else {
			n.Body = marshal(req)
		}
		n.rendered = n.Body // new memory, as a draw's (Case.rendered)
		out = append(out, n)
	}
	reduce(input, c.Request, func(edit func(map[string]any) bool) {
		req := Clone(c.Request)
		if edit(req) {
			add(req)
		}
	}, c)
	return out
}

// reduce offers edits of obj (a structure of shape s) to try; path-free closures re-find the
// value in a clone of the request.
func reduce(s *contracts.Shape, obj map[string]any, try func(func(map[string]any) bool), c Case) {
	for _, k := range sortedKeys(obj) {
		if c.mutation != nil && k == c.mutation.member {
			continue
		}
		m, modelled := s.MemberNamed(k)
		if !modelled || !m.Effective().Required {
			try(func(r map[string]any) bool { delete(r, k); return true })
		}
	}
	for _, k := range sortedKeys(obj) {
		if c.mutation != nil && k == c.mutation.member || identifiers[k] {
			continue
		}
		reduceValue(k, obj[k], try)
	}
}

// identifiers are the members naming the provisioned pool and client, whose values are never
// shrunk: a shorter id names another resource rather than a smaller input, and the piece of a
// target's random id it leaves in a finding is no provisioned value the scrubber knows, so two
// runs against a target with random ids (cognito-local) would report differently.
var identifiers = map[string]bool{"UserPoolId": true, "ClientId": true}

func reduceValue(k string, v any, try func(func(map[string]any) bool)) {
	switch x := v.(type) {
	case []any:
		if len(x) > 1 {
			try(func(r map[string]any) bool { r[k] = x[:len(x)/2]; return true })
			try(func(r map[string]any) bool { r[k] = x[len(x)/2:]; return true })
			try(func(r map[string]any) bool { r[k] = x[1:]; return true })
		}
	case string:
		n := utf8.RuneCountInString(x)
		if n > 1 {
			try(func(r map[string]any) bool { r[k] = string([]rune(x)[:n/2]); return true })
			try(func(r map[string]any) bool { r[k] = string([]rune(x)[:n-1]); return true })
		}
		if first, _ := utf8.DecodeRuneInString(x); strings.Repeat(string(first), n) != x {
			try(func(r map[string]any) bool { r[k] = strings.Repeat(string(first), n); return true })
		}
	case map[string]any:
		for _, sk := range sortedKeys(x) {
			try(func(r map[string]any) bool {
				sub, ok := r[k].(map[string]any)
				if !ok {
					return false
				}
				delete(sub, sk)
				return true
			})
		}
	}
}
