package contracts

// The Apply of commit 2a294a9 (before the one-pass decoding), kept as the reference the
// current Apply must agree with byte for byte.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

func (c *Contract) refApply(current json.RawMessage, body []byte, now time.Time) (json.RawMessage, error) {
	req, err := refDecodeJSONObject(body)
	if err != nil {
		return nil, fmt.Errorf("request body: %w", err)
	}
	cur := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(current)) > 0 {
		if cur, err = refDecodeJSONObject(current); err != nil {
			return nil, fmt.Errorf("current client: %w", err)
		}
	}
	client := c.clientShape()
	out := map[string]json.RawMessage{}
	for _, mem := range c.Operation.Input.Members {
		if _, ok := client.MemberNamed(mem.Name); !ok {
			continue
		}
		if v, sent := refPresentMember(req, mem.Name); sent {
			out[mem.Name] = c.refApplySent(mem, v)
			continue
		}
		if d, ok := c.defaultFor(mem.Name); ok {
			switch {
			case d.Kind == defaultKeep:
				if v, ok := refPresentMember(cur, mem.Name); ok {
					out[mem.Name] = v
				}
			case d.Kind == defaultValue || d.Kind == defaultUnasserted:
				if d.Value != nil {
					out[mem.Name] = d.Value
				}
			}
		}
	}
	if err := c.refApplyDurations(req, out); err != nil {
		return nil, err
	}
	for _, name := range []string{"UserPoolId", "ClientId", "ClientSecret", "CreationDate"} {
		if v, ok := refPresentMember(cur, name); ok {
			out[name] = v
		}
	}
	out["LastModifiedDate"] = refEpochSeconds(now)
	return refOrderedObject(client, out), nil
}

// applySent returns what the service stores for a member the request sent.
func (c *Contract) refApplySent(mem *Member, v json.RawMessage) json.RawMessage {
	if mem.Target.Type != "structure" {
		return refCompactJSON(v)
	}
	obj, err := refDecodeJSONObject(v)
	if err != nil {
		return refCompactJSON(v)
	}
	for _, sub := range mem.Target.Members {
		if _, ok := refPresentMember(obj, sub.Name); ok {
			continue
		}
		if d, ok := c.defaultFor(mem.Name + "." + sub.Name); ok && d.Kind == defaultValue && d.Value != nil {
			obj[sub.Name] = d.Value // R22 RetryGracePeriodSeconds 0; S1 UserDataShared false
		}
	}
	if mem.Name == "AnalyticsConfiguration" {
		if role := refServiceLinkedRole(obj); role != nil {
			obj["RoleArn"] = role
		}
	}
	return refOrderedObject(mem.Target, obj)
}

// serviceLinkedRole is the RoleArn the service fills in when only an ApplicationArn is sent
// (R28, OB-34), in the ApplicationArn's partition and account; nil when not applicable.
func refServiceLinkedRole(analytics map[string]json.RawMessage) json.RawMessage {
	if _, ok := refPresentMember(analytics, "RoleArn"); ok {
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
func (c *Contract) refApplyDurations(req, out map[string]json.RawMessage) error {
	unitsShape := c.shapeOf("TokenValidityUnits")
	units := map[string]json.RawMessage{}
	if v, ok := refPresentMember(req, "TokenValidityUnits"); ok {
		if obj, err := refDecodeJSONObject(v); err == nil {
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
		if v, sent := refPresentMember(req, d.Member); sent && string(v) != "0" {
			out[d.Member] = refCompactJSON(v)
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
		out["TokenValidityUnits"] = refOrderedObject(unitsShape, units)
	}
	return nil
}

// epochSeconds renders a time the way awsJson sends timestamps: epoch seconds as a JSON
// number, with milliseconds as a fraction (S5).
func refEpochSeconds(t time.Time) json.RawMessage {
	return rawJSON(strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', -1, 64))
}

// decodeObject reads a JSON object into its members.
func refDecodeJSONObject(b []byte) (map[string]json.RawMessage, error) {
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
func refPresentMember(obj map[string]json.RawMessage, name string) (json.RawMessage, bool) {
	v, ok := obj[name]
	if !ok || string(bytes.TrimSpace(v)) == "null" {
		return nil, false
	}
	return v, true
}

// orderedObject renders an object with its members in the shape's model order, dropping any
// member the shape does not have, so stored clients and fixtures read in a stable order.
func refOrderedObject(s *Shape, m map[string]json.RawMessage) json.RawMessage {
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
		buf.Write(refCompactJSON(v))
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

func refCompactJSON(v json.RawMessage) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, v); err != nil {
		return v
	}
	return buf.Bytes()
}
