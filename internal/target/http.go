package target

import (
	"fmt"
	"net/url"
	"strings"
)

// NewHTTP returns a target that sends requests to an endpoint URL: cognito-local, moto,
// LocalStack, `cognito-contract serve`. Its name is the URL. Requests are signed with
// Options.Credentials (static dummy credentials by default) and retried up to 3 times on
// TooManyRequestsException unless Options.MaxRetries says otherwise.
func NewHTTP(endpoint string, o Options) (Target, error) {
	u, err := checkEndpoint(endpoint)
	if err != nil {
		return nil, err
	}
	return newClient(u, u, o.withDefaults(true)), nil
}

// checkEndpoint accepts an absolute http(s) URL with a host and no user info, query or
// fragment, and returns it normalised (no trailing slash on an empty path).
func checkEndpoint(endpoint string) (string, error) {
	bad := func(why string) error {
		return fmt.Errorf("target endpoint %q: %s; expected an absolute http:// or https:// URL such as http://127.0.0.1:9229", endpoint, why)
	}
	s := strings.TrimSpace(endpoint)
	if s == "" {
		return "", bad("empty")
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", bad(err.Error())
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", bad(fmt.Sprintf("scheme %q is not http or https", u.Scheme))
	case u.Host == "" || u.Hostname() == "":
		return "", bad("no host")
	case u.User != nil:
		// Credentials in a URL would end up in reports and logs.
		return "", bad("user info in the URL is not accepted")
	case u.RawQuery != "" || u.Fragment != "":
		return "", bad("a query or fragment is not accepted")
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

// Compile-time checks that targets report stats.
var _ interface {
	Target
	StatsReporter
} = (*client)(nil)
