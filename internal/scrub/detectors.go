package scrub

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/cognito-contract/cognito-contract/contracts"
)

// Placeholders written in place of what a Scrubber removes. The first five are the fixture
// placeholders of the fixture format; the others only ever appear in scrubbed text.
const (
	UserPoolID      = "{{UserPoolId}}"
	ClientID        = "{{ClientId}}"
	ClientSecret    = "{{ClientSecret}}"
	Region          = "{{Region}}"
	AccountID       = "{{AccountId}}"
	Authorization   = "{{Authorization}}"
	SessionToken    = "{{SessionToken}}"
	AccessKeyID     = "{{AccessKeyId}}"
	SecretAccessKey = "{{SecretAccessKey}}"
	Signature       = "{{Signature}}"
)

// Detector recognises one kind of secret.
//
// A value is secret when its member or header name matches Key (the whole value is replaced),
// or, in any string, where Value matches (the Group-th submatch, or the whole match when Group
// is 0, is replaced). Suspect, when set, narrows what Find reports for a Key match: a value
// under that key that does not look like the secret is left alone by Find (the scrubber still
// replaces it).
type Detector struct {
	Name        string
	Placeholder string
	Key         *regexp.Regexp
	Value       *regexp.Regexp
	Group       int
	Suspect     func(v string) bool
	// Valid, when set, must accept a Value match (the replaced part) for it to count: the
	// model's length and pattern of an identifier, and not a made-up one.
	Valid func(v string) bool
	// Mask, when set, replaces a Value match instead of Placeholder, keeping its shape.
	Mask func(v string) string
	// Source says where the shape of the secret comes from.
	Source string
}

// Detectors is the table every Scrubber applies, in this order.
var Detectors = []Detector{
	{
		Name: "authorization-header", Placeholder: Authorization,
		Key: regexp.MustCompile(`(?i)^authorization$`),
		// SigV4 header value: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
		Value:  regexp.MustCompile(`AWS4-HMAC-SHA256\s+Credential=[^\s",]+(?:\s*,\s*(?:SignedHeaders|Signature)=[^\s",]+)*`),
		Source: "SigV4 Authorization header (AWS IAM user guide, create-signed-request)",
	},
	{
		Name: "session-token", Placeholder: SessionToken,
		Key: regexp.MustCompile(`(?i)^(x-amz-security-token|aws_session_token|session_?token|security_?token)$`),
		// STS session tokens are base64 and start with these prefixes (IQoJb3JpZ2luX2Vj... for
		// current tokens, FwoGZXIvYXdzE... for older ones).
		Value:  regexp.MustCompile(`(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)[A-Za-z0-9/+=]{16,}`),
		Source: "STS session token (X-Amz-Security-Token header, AWS_SESSION_TOKEN)",
	},
	{
		Name: "presigned-signature", Placeholder: Signature,
		Value:  regexp.MustCompile(`(?i)X-Amz-(?:Signature|Credential|Security-Token)=([^&\s"]+)`),
		Group:  1,
		Source: "SigV4 query-string authentication parameters",
	},
	{
		Name: "access-key-id", Placeholder: AccessKeyID,
		Key: regexp.MustCompile(`(?i)^(aws_)?access_?key_?id$`),
		// Long-term (AKIA) and temporary (ASIA) access key ids: 4-letter prefix + 16 characters.
		Value:  regexp.MustCompile(`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`),
		Source: "IAM access key id format (AKIA/ASIA prefixes)",
	},
	{
		Name: "secret-access-key", Placeholder: SecretAccessKey,
		Key:    regexp.MustCompile(`(?i)^(aws_)?secret_?access_?key$`),
		Source: "AWS secret access key (credentials file and JSON names)",
	},
	{
		Name: "client-secret", Placeholder: ClientSecret,
		Key:     regexp.MustCompile(`(?i)^client_?secret$`),
		Suspect: looksLikeClientSecret,
		Source:  "model: ClientSecretType (length and pattern read from the model)",
	},
	{
		Name: "user-pool-id", Placeholder: "<region>_XXXXXXXXX",
		Value: poolIDRe, Group: 1, Valid: looksLikePoolID, Mask: maskPoolID,
		Source: "model: UserPoolIdType (length, pattern) + the formats of AWS, the emulator and cognito-local (ids.go)",
	},
	{
		Name: "client-id", Placeholder: "xxxxxxxxxxxxxxxxxxxxxxxxxx",
		Value: clientIDRe, Group: 1, Valid: looksLikeClientID, Mask: maskClientID,
		Source: "model: ClientIdType (length, pattern) + the formats of AWS, the emulator and cognito-local (ids.go)",
	},
	{
		Name: "account-id", Placeholder: AccountID,
		// 12 digits not part of a longer digit run, nor the fraction of a number: an epoch
		// time with milliseconds and more (1.763828535123e+09 in a diff) holds no account id.
		Value:  regexp.MustCompile(`(?:^\.?|[^0-9.]|[^0-9]\.)([0-9]{12})(?:[^0-9]|$)`),
		Group:  1,
		Source: "AWS account id: 12 digits",
	},
}

// looksLikeClientSecret reports whether v satisfies ClientSecretType's length (in characters)
// and pattern, both read from the embedded model.
func looksLikeClientSecret(v string) bool {
	if isPlaceholder(v) {
		return false
	}
	sh, ok := contracts.DefaultModel().Shape("ClientSecretType")
	if !ok {
		return v != ""
	}
	n := int64(utf8.RuneCountInString(v))
	if lo, ok := sh.Length.MinInt(); ok && n < lo {
		return false
	}
	if hi, ok := sh.Length.MaxInt(); ok && n > hi {
		return false
	}
	if re := sh.Regexp(); re != nil && !re.MatchString(v) {
		return false
	}
	return true
}

var placeholderRe = regexp.MustCompile(`^\{\{[A-Za-z]+\}\}$`)

func isPlaceholder(v string) bool { return placeholderRe.MatchString(strings.TrimSpace(v)) }
