// Command trimmodel writes the model copy that cognito-contract embeds: the official Smithy JSON
// AST of Amazon Cognito Identity Provider, trimmed to the closure of the operations the harness
// calls, with each operation's error list brought up to date from the newer botocore model.
//
// Usage (from the repository root):
//
//	go run ./internal/tools/trimmodel -smithy ../shared/models/cognito-identity-provider.smithy.json \
//	    -botocore ../shared/models/cognito-idp-2016-04-18.service-2.json \
//	    -out contracts/model/cognito-idp.smithy.json
//
// Shapes are copied unchanged (documentation included). The only additions are error shapes that
// botocore lists for a kept operation and the Smithy file lacks (OperationNotEnabledException on
// UpdateUserPoolClient, added upstream 2026-06-01); each addition is recorded under the file's
// metadata key "cognito-contract".
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

const ns = "com.amazonaws.cognitoidentityprovider#"

// operations is the set the harness and its emulator use.
var operations = []string{
	"UpdateUserPoolClient", "CreateUserPool", "DescribeUserPool", "DeleteUserPool", "ListUserPools",
	"CreateUserPoolClient", "DescribeUserPoolClient", "DeleteUserPoolClient", "ListUserPoolClients",
	"CreateResourceServer", "DeleteResourceServer", "CreateIdentityProvider", "DeleteIdentityProvider",
	"AddCustomAttributes", "ListTagsForResource",
}

func main() {
	smithyPath := flag.String("smithy", "", "Smithy JSON AST of the service")
	botoPath := flag.String("botocore", "", "botocore service-2.json of the service (for current error lists)")
	out := flag.String("out", "", "output file")
	flag.Parse()
	if err := run(*smithyPath, *botoPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "trimmodel:", err)
		os.Exit(1)
	}
}

func run(smithyPath, botoPath, out string) error {
	var doc struct {
		Smithy   string                     `json:"smithy"`
		Metadata map[string]any             `json:"metadata"`
		Shapes   map[string]json.RawMessage `json:"shapes"`
	}
	raw, err := os.ReadFile(smithyPath)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("%s: %w", smithyPath, err)
	}
	var boto struct {
		Operations map[string]struct {
			Errors []struct{ Shape string } `json:"errors"`
		} `json:"operations"`
		Shapes map[string]struct {
			Documentation string `json:"documentation"`
			Fault         bool   `json:"fault"`
		} `json:"shapes"`
	}
	if raw, err = os.ReadFile(botoPath); err != nil {
		return err
	}
	if err := json.Unmarshal(raw, &boto); err != nil {
		return fmt.Errorf("%s: %w", botoPath, err)
	}

	keep := map[string]json.RawMessage{}
	var added []string
	var visit func(id string) error
	visit = func(id string) error {
		if strings.HasPrefix(id, "smithy.api#") || keep[id] != nil {
			return nil
		}
		body, ok := doc.Shapes[id]
		if !ok {
			return fmt.Errorf("shape %s not in %s", id, smithyPath)
		}
		keep[id] = body
		var targets []string
		collectTargets(body, &targets)
		for _, t := range targets {
			if err := visit(t); err != nil {
				return err
			}
		}
		return nil
	}
	for _, op := range operations {
		id := ns + op
		if err := visit(id); err != nil {
			return err
		}
		patched, extra, err := patchErrors(keep[id], boto.Operations[op].Errors)
		if err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		keep[id] = patched
		for _, e := range extra {
			added = append(added, op+" += "+e)
			if _, ok := doc.Shapes[ns+e]; ok {
				if err := visit(ns + e); err != nil {
					return err
				}
				continue
			}
			if keep[ns+e] != nil {
				continue
			}
			bs := boto.Shapes[e]
			kind := "client"
			if bs.Fault {
				kind = "server"
			}
			shape, _ := json.Marshal(map[string]any{
				"type":    "structure",
				"members": map[string]any{"message": map[string]any{"target": ns + "MessageType"}},
				"traits":  map[string]any{"smithy.api#error": kind, "smithy.api#documentation": bs.Documentation},
			})
			keep[ns+e] = shape
			added = append(added, "shape "+e+" from botocore")
		}
	}
	// The service shape, with its operation list cut to the kept operations.
	var svc map[string]any
	if err := json.Unmarshal(doc.Shapes[ns+"AWSCognitoIdentityProviderService"], &svc); err != nil {
		return err
	}
	var ops []any
	for _, op := range operations {
		ops = append(ops, map[string]any{"target": ns + op})
	}
	svc["operations"] = ops
	traits := svc["traits"].(map[string]any)
	delete(traits, "smithy.rules#endpointTests")
	svcJSON, _ := json.Marshal(svc)
	keep[ns+"AWSCognitoIdentityProviderService"] = svcJSON

	sort.Strings(added)
	meta := doc.Metadata
	if meta == nil {
		meta = map[string]any{}
	}
	meta["cognito-contract"] = map[string]any{
		"source":     "aws/api-models-aws models/cognito-identity-provider/service/2016-04-18/cognito-identity-provider-2016-04-18.json (blob 8a4134d8afc171893828655eb97674f7dda26843, 2026-04-21); Apache-2.0",
		"errorsFrom": "boto/botocore botocore/data/cognito-idp/2016-04-18/service-2.json (blob da443cc631af2c70d8f1847ca1adcba71246d704, 2026-07-24); Apache-2.0",
		"trimmedTo":  operations,
		"added":      added,
	}
	result := map[string]any{"smithy": doc.Smithy, "metadata": meta, "shapes": keep}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(result); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// collectTargets finds every "target" string in a shape body.
func collectTargets(body json.RawMessage, out *[]string) {
	var v any
	_ = json.Unmarshal(body, &v)
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if k == "traits" {
					continue
				}
				if s, ok := e.(string); ok && k == "target" {
					*out = append(*out, s)
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
}

// patchErrors adds to an operation the errors botocore lists and the Smithy file does not.
func patchErrors(op json.RawMessage, botoErrors []struct{ Shape string }) (json.RawMessage, []string, error) {
	var m map[string]any
	if err := json.Unmarshal(op, &m); err != nil {
		return nil, nil, err
	}
	have := map[string]bool{}
	errs, _ := m["errors"].([]any)
	for _, e := range errs {
		have[strings.TrimPrefix(e.(map[string]any)["target"].(string), ns)] = true
	}
	var extra []string
	for _, e := range botoErrors {
		if !have[e.Shape] {
			extra = append(extra, e.Shape)
			errs = append(errs, map[string]any{"target": ns + e.Shape})
		}
	}
	m["errors"] = errs
	b, err := json.Marshal(m)
	return b, extra, err
}
