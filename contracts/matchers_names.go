package contracts

import (
	"fmt"
	"strings"
)

// A matcher returns an error when it is misused (STYLE): a member path or an error code the
// contract does not know would make NotTo(...) pass whatever came back, so a typo is an error
// that lists the valid names.

// checkMemberPath resolves a dotted member path ("ClientName", "TokenValidityUnits.AccessToken")
// against the operation's input shape, descending into structures.
func (c *Contract) checkMemberPath(matcher, member string) error {
	if member == "" {
		return fmt.Errorf("%s: the member path is empty; want one of %s", matcher, memberNames(c.Operation.Input))
	}
	s := c.Operation.Input
	segs := strings.Split(member, ".")
	for i, seg := range segs {
		at := strings.Join(segs[:i], ".")
		if s == nil || s.Type != "structure" {
			return fmt.Errorf("%s: member path %q: %s is not a structure, it has no member %q", matcher, member, at, seg)
		}
		mem, ok := s.MemberNamed(seg)
		if !ok {
			where := "the input " + s.Name
			if at != "" {
				where = at + " (" + s.Name + ")"
			}
			if right := foldMember(s, seg); right != "" {
				return fmt.Errorf("%s: member path %q: %s has no member %q; member names are case-sensitive: did you mean %q?", matcher, member, where, seg, right)
			}
			return fmt.Errorf("%s: member path %q: %s has no member %q; want one of %s", matcher, member, where, seg, memberNames(s))
		}
		s = mem.Target
	}
	return nil
}

func foldMember(s *Shape, name string) string {
	for _, m := range s.Members {
		if strings.EqualFold(m.Name, name) {
			return m.Name
		}
	}
	return ""
}

func memberNames(s *Shape) string {
	names := make([]string, 0, len(s.Members))
	for _, m := range s.Members {
		names = append(names, m.Name)
	}
	return strings.Join(names, ", ")
}

// ErrorCodes returns the error codes a response to the operation may carry, sorted: the
// operation's modelled errors and the protocol-level codes the contract knows (AWS JSON
// front-end and common errors, contract-facts §5), the list CheckResponse accepts.
func (c *Contract) ErrorCodes() []string { return c.knownErrorCodes() }

// checkErrorCode accepts a code among ErrorCodes, exactly spelt.
func (c *Contract) checkErrorCode(matcher, code string) error {
	codes := c.ErrorCodes()
	for _, k := range codes {
		if k == code {
			return nil
		}
	}
	for _, k := range codes {
		if strings.EqualFold(k, code) {
			return fmt.Errorf("%s: unknown error code %q; codes are case-sensitive: did you mean %q?", matcher, code, k)
		}
	}
	return fmt.Errorf("%s: unknown error code %q; want one of %s", matcher, code, strings.Join(codes, ", "))
}
