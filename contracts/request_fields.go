package contracts

// reqField is a top-level member of the Request, as reqBuilder.top sets it: requestFound reads
// a body's members in the model's order and sets each one's field through a switch on its
// reqField, read once per Contract (inputFields), rather than on its name.
type reqField uint8

// The Request's top-level members, in its order; fieldNone is a member it lacks.
const (
	fieldNone reqField = iota
	fieldUserPoolId
	fieldClientId
	fieldClientName
	fieldRefreshTokenValidity
	fieldAccessTokenValidity
	fieldIdTokenValidity
	fieldTokenValidityUnits
	fieldReadAttributes
	fieldWriteAttributes
	fieldExplicitAuthFlows
	fieldSupportedIdentityProviders
	fieldCallbackURLs
	fieldLogoutURLs
	fieldDefaultRedirectURI
	fieldAllowedOAuthFlows
	fieldAllowedOAuthScopes
	fieldAllowedOAuthFlowsUserPoolClient
	fieldAnalyticsConfiguration
	fieldPreventUserExistenceErrors
	fieldEnableTokenRevocation
	fieldEnablePropagateAdditionalUserContextData
	fieldAuthSessionValidity
	fieldRefreshTokenRotation
	numFields
)

// fieldNames are the member names of the fields: the Request's field names, which are the
// members' wire names (TestFieldNamesAreRequestFields).
var fieldNames = [numFields]string{
	fieldUserPoolId:                               "UserPoolId",
	fieldClientId:                                 "ClientId",
	fieldClientName:                               "ClientName",
	fieldRefreshTokenValidity:                     "RefreshTokenValidity",
	fieldAccessTokenValidity:                      "AccessTokenValidity",
	fieldIdTokenValidity:                          "IdTokenValidity",
	fieldTokenValidityUnits:                       "TokenValidityUnits",
	fieldReadAttributes:                           "ReadAttributes",
	fieldWriteAttributes:                          "WriteAttributes",
	fieldExplicitAuthFlows:                        "ExplicitAuthFlows",
	fieldSupportedIdentityProviders:               "SupportedIdentityProviders",
	fieldCallbackURLs:                             "CallbackURLs",
	fieldLogoutURLs:                               "LogoutURLs",
	fieldDefaultRedirectURI:                       "DefaultRedirectURI",
	fieldAllowedOAuthFlows:                        "AllowedOAuthFlows",
	fieldAllowedOAuthScopes:                       "AllowedOAuthScopes",
	fieldAllowedOAuthFlowsUserPoolClient:          "AllowedOAuthFlowsUserPoolClient",
	fieldAnalyticsConfiguration:                   "AnalyticsConfiguration",
	fieldPreventUserExistenceErrors:               "PreventUserExistenceErrors",
	fieldEnableTokenRevocation:                    "EnableTokenRevocation",
	fieldEnablePropagateAdditionalUserContextData: "EnablePropagateAdditionalUserContextData",
	fieldAuthSessionValidity:                      "AuthSessionValidity",
	fieldRefreshTokenRotation:                     "RefreshTokenRotation",
}

// fieldOf is the field a top-level member named name sets, fieldNone for one the Request lacks.
func fieldOf(name string) reqField {
	for f := fieldNone + 1; f < numFields; f++ {
		if fieldNames[f] == name {
			return f
		}
	}
	return fieldNone
}

// inputFields is fieldOf of each member of the input structure, in its order.
func inputFields(in *Shape) []reqField {
	fields := make([]reqField, len(in.Members))
	for i, m := range in.Members {
		fields[i] = fieldOf(m.Name)
	}
	return fields
}

// fieldAt is the field of the i-th input member, named name: fields[i], or fieldOf(name) when
// fields is nil.
func fieldAt(fields []reqField, i int, name string) reqField {
	if fields == nil {
		return fieldOf(name)
	}
	return fields[i]
}

// top reads the top-level member name, present at n (not null), into its Request field f; the
// nodes of the nested structures are kept in nested for the caller, and a member the Request
// lacks is ignored.
func (b *reqBuilder) top(r *Request, nested *[3]*jnode, f reqField, name string, n *jnode) {
	switch f {
	case fieldUserPoolId:
		r.UserPoolId = b.strOf(name, n)
	case fieldClientId:
		r.ClientId = b.strOf(name, n)
	case fieldClientName:
		r.ClientName = b.strPtrOf(name, n)
	case fieldRefreshTokenValidity:
		r.RefreshTokenValidity = b.int32PtrOf(name, n)
	case fieldAccessTokenValidity:
		r.AccessTokenValidity = b.int32PtrOf(name, n)
	case fieldIdTokenValidity:
		r.IdTokenValidity = b.int32PtrOf(name, n)
	case fieldTokenValidityUnits:
		nested[0] = n
	case fieldReadAttributes:
		r.ReadAttributes = b.strsOf(name, n)
	case fieldWriteAttributes:
		r.WriteAttributes = b.strsOf(name, n)
	case fieldExplicitAuthFlows:
		r.ExplicitAuthFlows = b.strsOf(name, n)
	case fieldSupportedIdentityProviders:
		r.SupportedIdentityProviders = b.strsOf(name, n)
	case fieldCallbackURLs:
		r.CallbackURLs = b.strsOf(name, n)
	case fieldLogoutURLs:
		r.LogoutURLs = b.strsOf(name, n)
	case fieldDefaultRedirectURI:
		r.DefaultRedirectURI = b.strPtrOf(name, n)
	case fieldAllowedOAuthFlows:
		r.AllowedOAuthFlows = b.strsOf(name, n)
	case fieldAllowedOAuthScopes:
		r.AllowedOAuthScopes = b.strsOf(name, n)
	case fieldAllowedOAuthFlowsUserPoolClient:
		r.AllowedOAuthFlowsUserPoolClient = b.boolPtrOf(name, n)
	case fieldAnalyticsConfiguration:
		nested[1] = n
	case fieldPreventUserExistenceErrors:
		r.PreventUserExistenceErrors = b.strPtrOf(name, n)
	case fieldEnableTokenRevocation:
		r.EnableTokenRevocation = b.boolPtrOf(name, n)
	case fieldEnablePropagateAdditionalUserContextData:
		r.EnablePropagateAdditionalUserContextData = b.boolPtrOf(name, n)
	case fieldAuthSessionValidity:
		r.AuthSessionValidity = b.int32PtrOf(name, n)
	case fieldRefreshTokenRotation:
		nested[2] = n
	}
}
