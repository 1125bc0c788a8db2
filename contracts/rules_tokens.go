package contracts

import "strconv"

// tokenLimit is the R13 window of one token, in seconds.
type tokenLimit struct {
	member, unitMember, defaultUnit string
	min, max                        int64
}

// ruleR13TokenValidity (R13; S1 TokenValidityUnitsType docs, S8, S6) checks value × unit:
// access and ID tokens 5 minutes..1 day, refresh token 60 minutes..10 years; default units
// hours (access, ID) and days (refresh). That the check follows unit conversion is shown by
// OB-09; the text "Invalid range for token validity." is OB-08/OB-09. An absent value is not
// checked, nor RefreshTokenValidity 0, which the service replaces by 30 days (R14).
func ruleR13TokenValidity(r *Request, _ State) *Violation {
	units := r.TokenValidityUnits
	if units == nil {
		units = &TokenValidityUnits{}
	}
	for _, l := range r.model().tokenLimits {
		v := r.validity(l.member)
		if v == nil || (*v == 0 && l.member == "RefreshTokenValidity") {
			continue
		}
		unit := ""
		if u := units.of(l.unitMember); u != nil {
			unit = *u
		}
		// Unreachable error: Validate checked the unit against the model's TimeUnitsType, and New
		// refused a model with a unit validityDuration cannot convert (checkTimeUnits).
		secs, err := validityDuration(float64(*v), unit, l.defaultUnit)
		if err != nil {
			panic("contracts: R13: " + err.Error())
		}
		if secs < float64(l.min) || secs > float64(l.max) {
			return ruleViolation("R13", l.member, codeInvalidParameter, "Invalid range for token validity.",
				l.member+" "+strconv.Itoa(int(*v))+" "+orDefault(unit, l.defaultUnit)+" is outside "+strconv.FormatInt(l.min, 10)+".."+strconv.FormatInt(l.max, 10)+" seconds")
		}
	}
	return nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// validity is a token validity member of the request by name (nil when absent or unknown).
func (r *Request) validity(member string) *int32 {
	switch member {
	case "RefreshTokenValidity":
		return r.RefreshTokenValidity
	case "AccessTokenValidity":
		return r.AccessTokenValidity
	case "IdTokenValidity":
		return r.IdTokenValidity
	}
	return nil
}

// of is a unit member by name (nil when absent or unknown).
func (u *TokenValidityUnits) of(member string) *string {
	switch member {
	case "RefreshToken":
		return u.RefreshToken
	case "AccessToken":
		return u.AccessToken
	case "IdToken":
		return u.IdToken
	}
	return nil
}
