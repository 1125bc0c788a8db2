package contracts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Apply returns the client (a UserPoolClientType JSON object) as the service holds it after a
// successful update of current with the request body at time now: full replace (R1), documented
// defaults for what was omitted, identity and secret kept.
//
// Every member the request sends is stored as sent, except RefreshTokenValidity 0 (stored as
// 30 days, R14), RefreshTokenRotation without RetryGracePeriodSeconds (0, R22/OB-32) and
// AnalyticsConfiguration with an ApplicationArn and no RoleArn (the service-linked role,
// R28/OB-34). Every member it omits takes the row of the defaults table (defaults.go).
// UserPoolId, ClientId, ClientSecret and CreationDate come from current; LastModifiedDate is
// now. Apply does not validate: call Validate and Predict first. It fails only on bodies that
// are not JSON objects or carry a token validity it cannot convert.
func (c *Contract) Apply(current json.RawMessage, body []byte, now time.Time) (json.RawMessage, error) {
	req, err := decodeJSONObject(body)
	if err != nil {
		return nil, fmt.Errorf("request body: %w", err)
	}
	cur := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(current)) > 0 {
		if cur, err = decodeJSONObject(current); err != nil {
			return nil, fmt.Errorf("current client: %w", err)
		}
	}
	client := c.clientShape()
	out := map[string]json.RawMessage{}
	for _, mem := range c.Operation.Input.Members {
		if _, ok := client.MemberNamed(mem.Name); !ok {
			continue
		}
		if v, sent := presentMember(req, mem.Name); sent {
			out[mem.Name] = c.applySent(mem, v)
			continue
		}
		if d, ok := c.defaultFor(mem.Name); ok {
			switch {
			case d.Kind == defaultKeep:
				if v, ok := presentMember(cur, mem.Name); ok {
					out[mem.Name] = v
				}
			case d.Kind == defaultValue || d.Kind == defaultUnasserted:
				if d.Value != nil {
					out[mem.Name] = d.Value
				}
			}
		}
	}
	if err := c.applyDurations(req, out); err != nil {
		return nil, err
	}
	for _, name := range []string{"UserPoolId", "ClientId", "ClientSecret", "CreationDate"} {
		if v, ok := presentMember(cur, name); ok {
			out[name] = v
		}
	}
	out["LastModifiedDate"] = epochSeconds(now)
	return orderedObject(client, out), nil
}

// clientShape is UserPoolClientType, the shape of the response's UserPoolClient member.
func (c *Contract) clientShape() *Shape {
	if m, ok := c.Operation.Output.MemberNamed("UserPoolClient"); ok {
		return m.Target
	}
	return c.Operation.Output
}

// applySent returns what the service stores for a member the request sent.
func (c *Contract) applySent(mem *Member, v json.RawMessage) json.RawMessage {
	if mem.Target.Type != "structure" {
		return compactJSON(v)
	}
	obj, err := decodeJSONObject(v)
	if err != nil {
		return compactJSON(v)
	}
	for _, sub := range mem.Target.Members {
		if _, ok := presentMember(obj, sub.Name); ok {
			continue
		}
		if d, ok := c.defaultFor(mem.Name + "." + sub.Name); ok && d.Kind == defaultValue && d.Value != nil {
			obj[sub.Name] = d.Value // R22 RetryGracePeriodSeconds 0; S1 UserDataShared false
		}
	}
	if mem.Name == "AnalyticsConfiguration" {
		if role := serviceLinkedRole(obj); role != nil {
			obj["RoleArn"] = role
		}
	}
	return orderedObject(mem.Target, obj)
}

// serviceLinkedRole is the RoleArn the service fills in when only an ApplicationArn is sent
// (R28, OB-34), in the ApplicationArn's partition and account; nil when not applicable.
func serviceLinkedRole(analytics map[string]json.RawMessage) json.RawMessage {
	if _, ok := presentMember(analytics, "RoleArn"); ok {
		return nil
	}
	parts := strings.Split(rawString(analytics["ApplicationArn"]), ":")
	if len(parts) < 6 || parts[0] != "arn" || parts[4] == "" {
		return nil
	}
	b, _ := json.Marshal("arn:" + parts[1] + ":iam::" + parts[4] +
		":role/aws-service-role/cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdp")
	return b
}

// applyDurations stores the three token validities and their units: as sent, or the documented
// default (R13, R14) expressed in the unit sent when it divides evenly, else in the default
// unit. Units not sent get their documented default so the stored client reads unambiguously.
func (c *Contract) applyDurations(req, out map[string]json.RawMessage) error {
	unitsShape := c.shapeOf("TokenValidityUnits")
	units := map[string]json.RawMessage{}
	if v, ok := presentMember(req, "TokenValidityUnits"); ok {
		if obj, err := decodeJSONObject(v); err == nil {
			units = obj
		}
	}
	for _, d := range c.defaults() {
		if d.Kind != defaultDuration {
			continue
		}
		unit := rawString(units[d.Unit])
		if unit == "" {
			unit = d.DefaultUnit
		}
		per, ok := unitSeconds[unit]
		if !ok {
			return fmt.Errorf("request body: TokenValidityUnits.%s: unknown time unit %q", d.Unit, unit)
		}
		if v, sent := presentMember(req, d.Member); sent && string(v) != "0" {
			out[d.Member] = compactJSON(v)
		} else {
			def, _ := strconv.ParseFloat(string(d.Value), 64)
			secs, _ := validityDuration(def, "", d.DefaultUnit)
			if n := secs / per; n == math.Trunc(n) {
				out[d.Member] = rawJSON(strconv.FormatFloat(n, 'f', -1, 64))
			} else {
				out[d.Member], unit = d.Value, d.DefaultUnit
			}
		}
		units[d.Unit], _ = json.Marshal(unit)
	}
	if unitsShape != nil {
		out["TokenValidityUnits"] = orderedObject(unitsShape, units)
	}
	return nil
}

// shapeOf returns the target of an input member.
func (c *Contract) shapeOf(name string) *Shape {
	if m, ok := c.Operation.Input.MemberNamed(name); ok {
		return m.Target
	}
	return nil
}

// epochSeconds renders a time the way awsJson sends timestamps: epoch seconds as a JSON
// number, with milliseconds as a fraction (S5).
func epochSeconds(t time.Time) json.RawMessage {
	return rawJSON(strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', -1, 64))
}

// decodeObject reads a JSON object into its members.
func decodeJSONObject(b []byte) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("want a JSON object: %w", err)
	}
	if m == nil {
		return nil, fmt.Errorf("want a JSON object, got null")
	}
	return m, nil
}

// member returns a member of an object; a JSON null counts as absent (awsJson: null members
// are not set).
func presentMember(obj map[string]json.RawMessage, name string) (json.RawMessage, bool) {
	v, ok := obj[name]
	if !ok || string(bytes.TrimSpace(v)) == "null" {
		return nil, false
	}
	return v, true
}

// orderedObject renders an object with its members in the shape's model order, dropping any
// member the shape does not have, so stored clients and fixtures read in a stable order.
func orderedObject(s *Shape, m map[string]json.RawMessage) json.RawMessage {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for _, mem := range s.Members {
		v, ok := m[mem.Name]
		if !ok {
			continue
		}
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(mem.Name)
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(compactJSON(v))
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

func compactJSON(v json.RawMessage) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, v); err != nil {
		return v
	}
	return buf.Bytes()
}
