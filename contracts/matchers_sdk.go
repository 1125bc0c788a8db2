package contracts

import (
	"encoding/json"
	"reflect"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// checkSDKClient re-encodes an SDK client into its wire JSON and checks it against
// UserPoolClientType. prefix is the path of the client in the output ("UserPoolClient"), so
// findings name members the way CheckResponse does. A nil client is reported as absent.
func (c *Contract) checkSDKClient(client *types.UserPoolClientType, prefix string) []Finding {
	if client == nil {
		return []Finding{{Check: CheckShape, Member: prefix, Expected: "the updated client",
			Actual: "absent", Source: "S1 UpdateUserPoolClientResponse doc: \"The updated details of your app client.\""}}
	}
	v, _ := sdkToWire(c.clientShape(), reflect.ValueOf(client))
	w := &shapeWalk{}
	w.value(c.clientShape(), Constraints{}, v, prefix)
	return w.findings
}

// sdkToWire encodes an SDK value as the decoded wire JSON of the model shape s, walking the
// model generically: Go field names are the model's member names (S4). A nil pointer, a nil
// slice, and the zero value of a non-pointer scalar are absent, as the SDK serialiser treats
// them (contract-facts §8). Timestamps become epoch seconds (S5).
func sdkToWire(s *Shape, v reflect.Value) (any, bool) {
	optionalZero := v.Kind() != reflect.Pointer && v.Kind() != reflect.Slice && v.Kind() != reflect.Interface
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	if t, ok := v.Interface().(time.Time); ok {
		return json.Number(strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', -1, 64)), true
	}
	switch v.Kind() {
	case reflect.Struct:
		if s == nil {
			return nil, false
		}
		obj := map[string]any{}
		for _, mem := range s.Members {
			f := v.FieldByName(mem.Name)
			if !f.IsValid() {
				continue
			}
			if e, ok := sdkToWire(mem.Target, f); ok {
				obj[mem.Name] = e
			}
		}
		return obj, true
	case reflect.Slice:
		if v.IsNil() {
			return nil, false
		}
		arr := make([]any, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			var elem *Shape
			if s.Member != nil {
				elem = s.Member.Target
			}
			e, _ := sdkToWire(elem, v.Index(i))
			arr = append(arr, e)
		}
		return arr, true
	case reflect.String:
		return v.String(), !(optionalZero && v.String() == "")
	case reflect.Bool:
		return v.Bool(), !(optionalZero && !v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return json.Number(strconv.FormatInt(v.Int(), 10)), !(optionalZero && v.Int() == 0)
	case reflect.Float32, reflect.Float64:
		return json.Number(strconv.FormatFloat(v.Float(), 'f', -1, 64)), !(optionalZero && v.Float() == 0)
	}
	return nil, false
}
