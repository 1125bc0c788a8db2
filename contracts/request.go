package contracts

import (
	"encoding/json"
	"fmt"
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
	doc, err := decodeBody(body)
	if err != nil {
		return nil, fmt.Errorf("UpdateUserPoolClient request body: %w", err)
	}
	return c.requestOf(doc)
}

// requestOf builds the Request from a decoded body.
func (c *Contract) requestOf(doc any) (*Request, error) {
	exact, err := json.Marshal(modelled(c.Operation.Input, doc))
	if err == nil {
		var r Request
		if err = json.Unmarshal(exact, &r); err == nil {
			return &r, nil
		}
	}
	return nil, fmt.Errorf("UpdateUserPoolClient request body: %w", err)
}

// modelled keeps only the members a structure models, under their exact names, recursively.
func modelled(s *Shape, val any) any {
	switch s.Type {
	case "structure", "union":
		obj, ok := val.(map[string]any)
		if !ok {
			return val
		}
		out := make(map[string]any, len(s.Members))
		for _, m := range s.Members {
			if v, ok := obj[m.Name]; ok && v != nil {
				out[m.Name] = modelled(m.Target, v)
			}
		}
		return out
	case "list", "set":
		arr, ok := val.([]any)
		if !ok {
			return val
		}
		out := make([]any, len(arr))
		for i, el := range arr {
			out[i] = modelled(s.Member.Target, el)
		}
		return out
	}
	return val
}
