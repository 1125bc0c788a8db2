package emulator

import (
	"fmt"
	"unicode/utf8"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// CheckRegion reports whether the pool ids an emulator makes for region ("<region>_" and 9
// alphanumerics, ids.go) satisfy the contract's UserPoolIdType (its @pattern and @length,
// read from the model): a region that fails would give out pool ids the same emulator then
// refuses in every request. A nil contract is the embedded one.
func CheckRegion(c *contracts.Contract, region string) error {
	if region == "" {
		return fmt.Errorf("region is empty, want e.g. \"us-east-1\"")
	}
	if c == nil {
		c = contracts.UpdateUserPoolClient
	}
	s, ok := c.Model.Shape("UserPoolIdType")
	if !ok {
		return nil // a model without the shape constrains no pool id
	}
	sample := region + "_AAAAAAAAA"
	if re := s.Regexp(); re != nil && !re.MatchString(sample) {
		return fmt.Errorf("region %q makes pool ids like %q, which do not match UserPoolIdType's pattern %s; want a region such as \"us-east-1\"", region, sample, s.Pattern)
	}
	if max, ok := s.Length.MaxInt(); ok && int64(utf8.RuneCountInString(sample)) > max {
		return fmt.Errorf("region %q makes pool ids like %q, longer than UserPoolIdType's %d characters", region, sample, max)
	}
	return nil
}
