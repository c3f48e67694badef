package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/consent"
)

// plugin answers requests. It holds the defaults that requests fall back
// on; it is used by one goroutine.
type plugin struct {
	// basePolicy is the -policy file (nil: none), read onto
	// winback.DefaultPolicy afresh for every request so that no request
	// can change another one's defaults through a shared slice.
	basePolicy []byte
	// models are the default models; fit fills them on first use when
	// haveModels is false.
	models     winback.Models
	haveModels bool
	fit        func() (winback.Models, error)
}

// handle answers one request, raw being one JSON value of the stream.
func (pl *plugin) handle(raw []byte) (response, error) {
	resp := response{SchemaVersion: schemaVersion}
	if kind := jsonKind(raw); kind != "an object" {
		resp.Error = fail(codeInvalidInput, "", "a request is a JSON object, got "+kind)
		return resp, nil
	}
	// Read the id and the version leniently first, so that a response can
	// echo the id whatever else is wrong.
	var head struct {
		SchemaVersion json.RawMessage `json:"schema_version"`
		ID            json.RawMessage `json:"id"`
	}
	_ = json.Unmarshal(raw, &head) // a JSON object always fits
	_ = json.Unmarshal(head.ID, &resp.ID)
	if msg := checkVersion(head.SchemaVersion); msg != "" {
		resp.Error = fail(codeUnsupportedSchema, "schema_version", msg)
		return resp, nil
	}

	var req request
	if e := decodeStrict(raw, &req, ""); e != nil {
		resp.Error = e
		return resp, nil
	}
	d, e, err := pl.decide(req)
	if err != nil {
		return resp, err
	}
	if e != nil {
		resp.Error = e
		return resp, nil
	}
	resp.Decision = &d
	return resp, nil
}

// decide checks a well-formed request and decides. An error body is a
// problem of the request; an error is a failure of the program.
func (pl *plugin) decide(req request) (winback.Decision, *errorBody, error) {
	if req.AsOf.IsZero() {
		return winback.Decision{}, fail(codeInvalidInput, "as_of", "is missing (or the zero time)"), nil
	}
	if req.Customer == nil {
		return winback.Decision{}, fail(codeInvalidInput, "customer", "is missing"), nil
	}
	c, asOf := *req.Customer, req.AsOf.Time

	p := winback.DefaultPolicy()
	if pl.basePolicy != nil {
		var e *errorBody
		if p, e = readPolicy(pl.basePolicy); e != nil { // checked at start
			return winback.Decision{}, nil, fmt.Errorf("-policy file: %s: %s", e.Field, e.Message)
		}
	}
	if e := decodeStrict(req.Policy, &p, "policy"); e != nil {
		return winback.Decision{}, e, nil
	}
	var m winback.Models // given models replace the default wholly
	if isAbsent(req.Models) {
		var err error
		if m, err = pl.defaultModels(); err != nil {
			return winback.Decision{}, nil, err
		}
	} else if e := decodeStrict(req.Models, &m, "models"); e != nil {
		return winback.Decision{}, e, nil
	}

	// Check the parts one by one so that an error names its place in the
	// request; Decide checks them again.
	reqType := reflect.TypeFor[requestShape]()
	if err := c.Validate(); err != nil {
		return winback.Decision{}, libraryError(err, reflect.TypeFor[winback.Customer](), "customer."), nil
	}
	contact := c.Contact
	contact.Date, contact.Message = asOf, p.Message
	if err := contact.Validate(); err != nil {
		return winback.Decision{}, libraryError(err, reflect.TypeFor[consent.Request](), "customer.contact."), nil
	}
	if err := m.Validate(); err != nil {
		return winback.Decision{}, libraryError(err, reqType, ""), nil
	}
	if err := p.Validate(); err != nil {
		return winback.Decision{}, libraryError(err, reqType, ""), nil
	}
	d, err := winback.Decide(c, m, p, asOf)
	if err != nil {
		return winback.Decision{}, libraryError(err, reqType, ""), nil
	}
	return d, nil, nil
}

// decodeStrict reads raw into v, which may hold defaults: fields raw
// leaves out keep them. Unknown fields are an error. path is where raw
// sits in the request. Absent or null raw leaves v as it is.
func decodeStrict(raw []byte, v any, path string) *errorBody {
	if isAbsent(raw) {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	err := d.Decode(v)
	if err == nil && d.More() {
		err = errors.New("more than one JSON value")
	}
	if err == nil {
		return nil
	}
	if !json.Valid(raw) {
		return fail(codeInvalidInput, path, "not valid JSON: "+err.Error())
	}
	if at, why, ok := locate(raw, reflect.TypeOf(v).Elem(), path); ok {
		return fail(codeInvalidInput, at, why)
	}
	// locate knows every error encoding/json gives for these types; this
	// is a fallback.
	field := path
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		field = joinPath(path, te.Field)
	}
	return fail(codeInvalidInput, field, err.Error())
}

// checkVersion returns what is wrong with the schema version, or "".
func checkVersion(raw json.RawMessage) string {
	if isAbsent(raw) {
		return fmt.Sprintf("is missing; this program reads schema_version %d", schemaVersion)
	}
	var v int
	if err := json.Unmarshal(raw, &v); err != nil || v != schemaVersion {
		return fmt.Sprintf("%s is not supported; this program reads schema_version %d", clip(raw), schemaVersion)
	}
	return ""
}

// isAbsent reports whether a raw member is missing or null.
func isAbsent(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

// jsonKind names the JSON type of a valid JSON value.
func jsonKind(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}
