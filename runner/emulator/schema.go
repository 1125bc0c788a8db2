package emulator

// schemaAttribute is a SchemaAttributeType of DescribeUserPool.
type schemaAttribute struct {
	Name                       string             `json:"Name"`
	AttributeDataType          string             `json:"AttributeDataType"`
	DeveloperOnlyAttribute     bool               `json:"DeveloperOnlyAttribute"`
	Mutable                    bool               `json:"Mutable"`
	Required                   bool               `json:"Required"`
	StringAttributeConstraints *stringConstraints `json:"StringAttributeConstraints,omitempty"`
	NumberAttributeConstraints *numberConstraints `json:"NumberAttributeConstraints,omitempty"`
}

type stringConstraints struct {
	MinLength string `json:"MinLength,omitempty"`
	MaxLength string `json:"MaxLength,omitempty"`
}

type numberConstraints struct {
	MinValue string `json:"MinValue,omitempty"`
	MaxValue string `json:"MaxValue,omitempty"`
}

// standardAttributes are the attributes every user pool has. The names are the standard
// attributes of the Amazon Cognito Developer Guide, "Working with user attributes" →
// "Standard attributes"
// (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#cognito-user-pools-standard-attributes):
// address, birthdate, email, family_name, gender, given_name, locale, middle_name, name,
// nickname, phone_number, picture, preferred_username, profile, sub, updated_at, website,
// zoneinfo, plus email_verified and phone_number_verified (the guide's verification
// attributes) and identities (federated users). The guide gives string attributes a
// 2048-character limit; updated_at is a number (seconds), the two *_verified attributes are
// booleans and sub is immutable and required. This list is not a model constraint: the model
// has no shape for it.
func standardAttributes() []schemaAttribute {
	str := func(name string) schemaAttribute {
		return schemaAttribute{Name: name, AttributeDataType: "String", Mutable: true,
			StringAttributeConstraints: &stringConstraints{MinLength: "0", MaxLength: "2048"}}
	}
	boolean := func(name string) schemaAttribute {
		return schemaAttribute{Name: name, AttributeDataType: "Boolean", Mutable: true}
	}
	sub := str("sub")
	sub.Mutable, sub.Required = false, true
	sub.StringAttributeConstraints.MinLength = "1"
	updated := schemaAttribute{Name: "updated_at", AttributeDataType: "Number", Mutable: true,
		NumberAttributeConstraints: &numberConstraints{MinValue: "0"}}
	identities := schemaAttribute{Name: "identities", AttributeDataType: "String", Mutable: true,
		StringAttributeConstraints: &stringConstraints{}}
	return []schemaAttribute{
		sub, str("name"), str("given_name"), str("family_name"), str("middle_name"),
		str("nickname"), str("preferred_username"), str("profile"), str("picture"),
		str("website"), str("email"), boolean("email_verified"), str("gender"),
		str("birthdate"), str("zoneinfo"), str("locale"), str("phone_number"),
		boolean("phone_number_verified"), str("address"), updated, identities,
	}
}

// customPrefix is the prefix Cognito gives custom attribute names ("custom:tenant").
const customPrefix = "custom:"

// schemaInput is a SchemaAttributeType as CreateUserPool and AddCustomAttributes send it.
type schemaInput struct {
	Name                       *string            `json:"Name"`
	AttributeDataType          string             `json:"AttributeDataType"`
	DeveloperOnlyAttribute     *bool              `json:"DeveloperOnlyAttribute"`
	Mutable                    *bool              `json:"Mutable"`
	Required                   *bool              `json:"Required"`
	StringAttributeConstraints *stringConstraints `json:"StringAttributeConstraints"`
	NumberAttributeConstraints *numberConstraints `json:"NumberAttributeConstraints"`
}

// applySchema adds or refines attributes: a standard name refines the standard attribute
// (Required, Mutable, constraints); any other name is a custom attribute, stored with the
// "custom:" prefix. It reports the first name that is empty or already a custom attribute.
func applySchema(schema []schemaAttribute, in []schemaInput, allowStandard bool) ([]schemaAttribute, string, bool) {
	out := append([]schemaAttribute(nil), schema...)
	for _, a := range in {
		if a.Name == nil || *a.Name == "" {
			return nil, "", false
		}
		if i := indexOf(out, *a.Name); allowStandard && i >= 0 {
			if a.Required != nil {
				out[i].Required = *a.Required
			}
			if a.Mutable != nil {
				out[i].Mutable = *a.Mutable
			}
			if a.StringAttributeConstraints != nil {
				out[i].StringAttributeConstraints = a.StringAttributeConstraints
			}
			continue
		}
		name := customPrefix + *a.Name
		if indexOf(out, name) >= 0 {
			return nil, name, false
		}
		typ := a.AttributeDataType
		if typ == "" {
			typ = "String"
		}
		c := schemaAttribute{Name: name, AttributeDataType: typ, Mutable: true,
			StringAttributeConstraints: a.StringAttributeConstraints, NumberAttributeConstraints: a.NumberAttributeConstraints}
		if a.Mutable != nil {
			c.Mutable = *a.Mutable
		}
		if a.DeveloperOnlyAttribute != nil {
			c.DeveloperOnlyAttribute = *a.DeveloperOnlyAttribute
		}
		if typ == "String" && c.StringAttributeConstraints == nil {
			c.StringAttributeConstraints = &stringConstraints{}
		}
		out = append(out, c)
	}
	return out, "", true
}

func indexOf(schema []schemaAttribute, name string) int {
	for i, a := range schema {
		if a.Name == name {
			return i
		}
	}
	return -1
}
