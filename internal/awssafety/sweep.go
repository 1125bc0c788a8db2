package awssafety

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/cognito-contract/cognito-contract/internal/target"
)

// Prefix starts the name of every pool and client a run creates.
const Prefix = "cognito-contract-"

// TagKey is the pool tag holding the run id. Sweep deletes only pools that carry it.
const TagKey = "cognito-contract:run"

// listPageSize is ListUserPools' largest MaxResults (model: QueryLimitType 1..60).
const listPageSize = 60

// NewRunID returns a fresh run id: UTC time to the second and 6 random hex digits,
// "20261122-151848-3fa9c1". It is valid in pool names (UserPoolNameType) and tag values.
func NewRunID(now time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return now.UTC().Format("20060102-150405") + "-" + hex.EncodeToString(b[:])
}

// ProvisionOptions are the names and tags of a run's resources: pool and client names start
// with "cognito-contract-<run id>", the pool carries TagKey = run id.
func ProvisionOptions(runID string) target.ProvisionOptions {
	return target.ProvisionOptions{NamePrefix: Prefix + runID, Tags: map[string]string{TagKey: runID}}
}

type poolSummary struct {
	Id, Name     string
	CreationDate *float64
}

// Sweep deletes the user pools a killed run left behind: those whose name starts with prefix
// (which must start with Prefix), whose creation date is more than olderThan before now, and
// that carry TagKey. It returns the ids of the pools it deleted, and every failure; it carries
// on past a failed delete. A pool without a creation date is kept (its age is unknown).
func Sweep(ctx context.Context, t target.Target, prefix string, olderThan time.Duration, now time.Time) (deleted []string, err error) {
	if !strings.HasPrefix(prefix, Prefix) {
		return nil, fmt.Errorf("sweep: prefix %q must start with %q, so that only cognito-contract's own pools can match", prefix, Prefix)
	}
	if olderThan < 0 {
		return nil, fmt.Errorf("sweep: --older-than %s: expected a duration of 0 or more", olderThan)
	}
	pools, err := listPools(ctx, t)
	if err != nil {
		return nil, fmt.Errorf("sweep: %w", err)
	}
	cutoff := now.Add(-olderThan)
	var errs []error
	for _, p := range pools {
		if !strings.HasPrefix(p.Name, prefix) || p.CreationDate == nil || !epoch(*p.CreationDate).Before(cutoff) {
			continue
		}
		ok, err := tagged(ctx, t, p.Id)
		if err == nil && ok {
			err = target.Invoke(ctx, t, "DeleteUserPool", map[string]any{"UserPoolId": p.Id}, nil)
			if err == nil {
				deleted = append(deleted, p.Id)
				continue
			}
		}
		if err != nil && !target.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("sweep: pool %s (%s): %w", p.Id, p.Name, err))
		}
	}
	return deleted, errors.Join(errs...)
}

func listPools(ctx context.Context, t target.Target) ([]poolSummary, error) {
	var all []poolSummary
	token := ""
	for page := 0; ; page++ {
		in := map[string]any{"MaxResults": listPageSize}
		if token != "" {
			in["NextToken"] = token
		}
		var out struct {
			UserPools []poolSummary
			NextToken string
		}
		if err := target.Invoke(ctx, t, "ListUserPools", in, &out); err != nil {
			return nil, err
		}
		all = append(all, out.UserPools...)
		if out.NextToken == "" || out.NextToken == token || page > 10000 {
			return all, nil
		}
		token = out.NextToken
	}
}

// tagged reports whether a pool carries TagKey (DescribeUserPool's UserPoolTags).
func tagged(ctx context.Context, t target.Target, id string) (bool, error) {
	var out struct {
		UserPool struct{ UserPoolTags map[string]string }
	}
	if err := target.Invoke(ctx, t, "DescribeUserPool", map[string]any{"UserPoolId": id}, &out); err != nil {
		return false, err
	}
	_, ok := out.UserPool.UserPoolTags[TagKey]
	return ok, nil
}

// epoch converts awsJson epoch seconds (possibly fractional) to a time.
func epoch(sec float64) time.Time {
	whole, frac := math.Modf(sec)
	return time.Unix(int64(whole), int64(frac*1e9))
}
