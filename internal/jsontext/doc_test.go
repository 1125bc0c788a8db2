package jsontext_test

import (
	"fmt"

	"github.com/cognito-contract/cognito-contract/internal/jsontext"
)

func ExampleAppendString() {
	fmt.Println(string(jsontext.AppendString(nil, "<a href=\"x\">\u2028é\xff")))
	// Output: "\u003ca href=\"x\"\u003e\u2028é\ufffd"
}
