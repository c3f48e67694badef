package main

import (
	"errors"
	"reflect"
	"strings"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/clv"
)

// fail returns an error body.
func fail(code, field, format string) *errorBody {
	return &errorBody{Code: code, Field: field, Message: format}
}

// libraryError turns an error of the library into an error body. The
// library names the bad field in Go or JSON spelling relative to the value
// it checked, sometimes split over wrapping prefixes ("orders[1]: …:
// Time: …"); the field of the body is the JSON path under the request.
// under is the type that was checked and prefix its path in the request
// ("customer.").
func libraryError(err error, under reflect.Type, prefix string) *errorBody {
	code := codeDecisionFailed
	switch {
	case errors.Is(err, winback.ErrUndefined), errors.Is(err, clv.ErrUndefined),
		errors.Is(err, churn.ErrNoPurchases), errors.Is(err, churn.ErrNoCycle):
		code = codeUndefined
	case isInputError(err):
		code = codeInvalidInput
	}
	var fe *winback.InputError
	if !errors.As(err, &fe) {
		return fail(code, "", err.Error())
	}
	// The wrapping prefixes that are paths ("orders[1]") lead to the
	// field; others ("churn assessment") only explain.
	full, inner := err.Error(), fe.Error()
	var segs, context []string
	if outer, ok := strings.CutSuffix(full, inner); ok {
		for p := range strings.SplitSeq(strings.TrimSuffix(outer, ": "), ": ") {
			switch {
			case p == "":
			case isPath(p):
				segs = append(segs, p)
			default:
				context = append(context, p)
			}
		}
	}
	segs = append(segs, fe.Field)
	raw := strings.Join(segs, ".")
	field := raw
	if path, ok := translate(under, strings.TrimPrefix(raw, prefix)); ok {
		field = prefix + path
	} else if path, ok := translate(under, raw); ok {
		field = prefix + path
	}
	if alias, ok := leafFields[raw]; ok {
		field = alias
	}
	msg := fe.Reason
	if len(context) > 0 {
		msg = strings.Join(context, ": ") + ": " + msg
	}
	return fail(code, field, msg)
}

// leafFields maps the field names of leaf packages' errors that Decide
// passes on unchanged to the request's field.
var leafFields = map[string]string{"asOf": "as_of"}

// isInputError reports whether err is bad input to any winback package:
// each package's ErrInvalidInput comes as an *InputError.
func isInputError(err error) bool {
	var fe *winback.InputError
	return errors.As(err, &fe)
}

// isPath reports whether s looks like a field path: letters, digits, '_',
// '.', '[' and ']'.
func isPath(s string) bool {
	for _, r := range s {
		if !(r == '_' || r == '.' || r == '[' || r == ']' ||
			'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return s != ""
}
