package main

import (
	"errors"
	"net/http"
	"regexp"
	"strings"
	"unicode"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/clv"
	"github.com/kundenwert/winback/retention"
)

// libraryError maps an error of the winback packages to an API error.
// Every bad-input error of winback and its leaves is an *InputError
// (internal/check.FieldError) naming a field; its sentinel says whether the
// input was invalid (400) or the figure does not exist for it (422).
func libraryError(err error) *apiError {
	var ie *winback.InputError
	if !errors.As(err, &ie) {
		return &apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: "internal error"}
	}
	ae := &apiError{Status: http.StatusBadRequest, Code: codeInvalidInput, Field: fieldPath(err, ie), Message: err.Error()}
	if undefined(err) {
		ae.Status, ae.Code = statusUnprocessable, codeUndefined
	}
	return ae
}

func undefined(err error) bool {
	return errors.Is(err, winback.ErrUndefined) || errors.Is(err, clv.ErrUndefined) || errors.Is(err, retention.ErrUndefined)
}

// pathSegment matches a wrapping prefix that names an input, such as
// "orders[3]" or "customers[12] (00042)".
var pathSegment = regexp.MustCompile(`^[a-z_]+(\[\d+\])?( \(.*\))?$`)

// fieldPath turns the field of a library error into a JSON path of the
// request. The library names the innermost field in ie.Field and adds the
// enclosing element as a wrapping prefix ("orders[3]: …: Amount: …"); Go
// field names are turned into their snake_case JSON names and the
// library's "opts" into the request's "options".
func fieldPath(err error, ie *winback.InputError) string {
	var parts []string
	if prefix, ok := strings.CutSuffix(err.Error(), ie.Error()); ok {
		for _, seg := range strings.Split(prefix, ": ") {
			if pathSegment.MatchString(seg) {
				seg, _, _ = strings.Cut(seg, " (")
				parts = append(parts, seg)
			}
		}
	}
	for _, seg := range strings.Split(ie.Field, ".") {
		parts = append(parts, snake(seg))
	}
	if parts[0] == "opts" {
		parts[0] = "options"
	}
	// A customer's own errors say "customer.x"; inside a list of customers
	// the element already names it.
	if len(parts) > 1 && strings.HasPrefix(parts[0], "customers[") && parts[1] == "customer" {
		parts = append(parts[:1], parts[2:]...)
	}
	return strings.Join(parts, ".")
}

// under puts a library path under the request member that holds it:
// under("customer", "orders[2].amount") = "customer.orders[2].amount".
func under(member, path string) string {
	switch {
	case path == "":
		return member
	case path == member || strings.HasPrefix(path, member+".") || strings.HasPrefix(path, member+"["):
		return path
	}
	return member + "." + path
}

// snake turns a Go field name into snake_case: "CustomerID" → "customer_id";
// names already in lower case, with or without an index, are kept.
func snake(s string) string {
	var b strings.Builder
	r := []rune(s)
	for i, c := range r {
		if unicode.IsUpper(c) {
			prevLower := i > 0 && (unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1]))
			nextLower := i > 0 && i+1 < len(r) && unicode.IsUpper(r[i-1]) && unicode.IsLower(r[i+1])
			if prevLower || nextLower {
				b.WriteByte('_')
			}
			c = unicode.ToLower(c)
		}
		b.WriteRune(c)
	}
	return b.String()
}
