package targettest

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

func (c *Cognito) arn(id string) string {
	if c.AccountID == "" {
		return ""
	}
	return fmt.Sprintf("arn:aws:cognito-idp:%s:%s:userpool/%s", c.Region, c.AccountID, id)
}

func (c *Cognito) createUserPool(in map[string]any) (any, *apiError) {
	c.seq++
	p := &Pool{
		Id: fmt.Sprintf("%s_Fake%04d", c.Region, c.seq), Created: c.Now(),
		Tags: map[string]string{}, Clients: map[string]json.RawMessage{},
		ResourceServers: map[string]json.RawMessage{}, Providers: map[string]bool{},
		Attributes: []string{"sub", "email"},
	}
	p.Name, _ = in["PoolName"].(string)
	p.Tier, _ = in["UserPoolTier"].(string)
	if tags, ok := in["UserPoolTags"].(map[string]any); ok {
		for k, v := range tags {
			p.Tags[k], _ = v.(string)
		}
	}
	c.Pools[p.Id] = p
	return map[string]any{"UserPool": c.describe(p)}, nil
}

func (c *Cognito) describe(p *Pool) map[string]any {
	attrs := []map[string]string{}
	for _, a := range p.Attributes {
		attrs = append(attrs, map[string]string{"Name": a})
	}
	d := map[string]any{"Id": p.Id, "Name": p.Name, "UserPoolTags": p.Tags,
		"SchemaAttributes": attrs, "CreationDate": float64(p.Created.Unix())}
	if a := c.arn(p.Id); a != "" {
		d["Arn"] = a
	}
	if p.Tier != "" {
		d["UserPoolTier"] = p.Tier
	}
	return d
}

func (c *Cognito) describeUserPool(in map[string]any) (any, *apiError) {
	p, err := c.pool(in)
	if err != nil {
		return nil, err
	}
	return map[string]any{"UserPool": c.describe(p)}, nil
}

func (c *Cognito) deleteUserPool(in map[string]any) (any, *apiError) {
	p, err := c.pool(in)
	if err != nil {
		return nil, err
	}
	delete(c.Pools, p.Id)
	return map[string]any{}, nil
}

// listUserPools pages by MaxResults with the index as NextToken.
func (c *Cognito) listUserPools(in map[string]any) (any, *apiError) {
	ids := make([]string, 0, len(c.Pools))
	for id := range c.Pools {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	start := 0
	if tok, _ := in["NextToken"].(string); tok != "" {
		fmt.Sscanf(tok, "%d", &start)
	}
	max := 60
	if m, ok := in["MaxResults"].(float64); ok {
		max = int(m)
	}
	var pools []map[string]any
	for i := start; i < len(ids) && i < start+max; i++ {
		p := c.Pools[ids[i]]
		pools = append(pools, map[string]any{"Id": p.Id, "Name": p.Name, "CreationDate": float64(p.Created.Unix())})
	}
	out := map[string]any{"UserPools": pools}
	if start+max < len(ids) {
		out["NextToken"] = fmt.Sprint(start + max)
	}
	return out, nil
}

func (c *Cognito) addCustomAttributes(in map[string]any) (any, *apiError) {
	p, err := c.pool(in)
	if err != nil {
		return nil, err
	}
	attrs, _ := in["CustomAttributes"].([]any)
	for _, a := range attrs {
		m, _ := a.(map[string]any)
		n, _ := m["Name"].(string)
		p.Attributes = append(p.Attributes, "custom:"+strings.TrimPrefix(n, "custom:"))
	}
	return map[string]any{}, nil
}

func (c *Cognito) createResourceServer(in map[string]any) (any, *apiError) {
	p, err := c.pool(in)
	if err != nil {
		return nil, err
	}
	id, _ := in["Identifier"].(string)
	rs := map[string]any{"UserPoolId": p.Id, "Identifier": id, "Name": in["Name"], "Scopes": in["Scopes"]}
	b, _ := json.Marshal(rs)
	p.ResourceServers[id] = b
	return map[string]any{"ResourceServer": rs}, nil
}

func (c *Cognito) deleteResourceServer(in map[string]any) (any, *apiError) {
	p, err := c.pool(in)
	if err != nil {
		return nil, err
	}
	id, _ := in["Identifier"].(string)
	if _, ok := p.ResourceServers[id]; !ok {
		return nil, &apiError{"ResourceNotFoundException", "no resource server " + id}
	}
	delete(p.ResourceServers, id)
	return map[string]any{}, nil
}

func (c *Cognito) createIdentityProvider(in map[string]any) (any, *apiError) {
	p, err := c.pool(in)
	if err != nil {
		return nil, err
	}
	name, _ := in["ProviderName"].(string)
	p.Providers[name] = true
	return map[string]any{"IdentityProvider": map[string]any{"UserPoolId": p.Id, "ProviderName": name, "ProviderType": in["ProviderType"]}}, nil
}

func (c *Cognito) deleteIdentityProvider(in map[string]any) (any, *apiError) {
	p, err := c.pool(in)
	if err != nil {
		return nil, err
	}
	name, _ := in["ProviderName"].(string)
	if !p.Providers[name] {
		return nil, &apiError{"ResourceNotFoundException", "no identity provider " + name}
	}
	delete(p.Providers, name)
	return map[string]any{}, nil
}

func (c *Cognito) createClient(in map[string]any) (any, *apiError) {
	p, err := c.pool(in)
	if err != nil {
		return nil, err
	}
	c.seq++
	cl := map[string]any{"UserPoolId": p.Id, "ClientId": fmt.Sprintf("fakeclient%06d", c.seq), "ClientName": in["ClientName"]}
	if g, _ := in["GenerateSecret"].(bool); g {
		cl["ClientSecret"] = fmt.Sprintf("fakesecret%030d", c.seq)
	}
	b, _ := json.Marshal(cl)
	p.Clients[cl["ClientId"].(string)] = b
	return map[string]any{"UserPoolClient": cl}, nil
}

func (c *Cognito) client(in map[string]any) (*Pool, string, *apiError) {
	p, err := c.pool(in)
	if err != nil {
		return nil, "", err
	}
	id, _ := in["ClientId"].(string)
	if _, ok := p.Clients[id]; !ok {
		return nil, "", &apiError{"ResourceNotFoundException", "User pool client " + id + " does not exist."}
	}
	return p, id, nil
}

func (c *Cognito) describeClient(in map[string]any) (any, *apiError) {
	p, id, err := c.client(in)
	if err != nil {
		return nil, err
	}
	return map[string]any{"UserPoolClient": p.Clients[id]}, nil
}

func (c *Cognito) deleteClient(in map[string]any) (any, *apiError) {
	p, id, err := c.client(in)
	if err != nil {
		return nil, err
	}
	delete(p.Clients, id)
	return map[string]any{}, nil
}
