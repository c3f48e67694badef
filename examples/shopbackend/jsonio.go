package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
)

// schemaVersion is the version of the request and response shapes. It
// changes when a field is renamed or removed, not when one is added.
const schemaVersion = 1

// errorBody is the JSON body of every error response.
type errorBody struct {
	SchemaVersion int      `json:"schema_version"`
	Error         apiError `json:"error"`
}

// apiError is an error with its HTTP status and a stable code.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`    // stable identifier, e.g. "unknown_field"
	Field   string `json:"field"`   // the offending input, e.g. "customer.orders[2].amount"; "" when none
	Message string `json:"message"` // for people
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// Error codes.
const (
	codeMalformed       = "malformed_json"
	codeUnknownField    = "unknown_field"
	codeInvalidValue    = "invalid_value" // a value that does not parse (type, enum, date, decimal)
	codeInvalidInput    = "invalid_input" // a value the library rejects
	codeUndefined       = "undefined"
	codeTooLarge        = "body_too_large"
	codeMediaType       = "unsupported_media_type"
	codeMethod          = "method_not_allowed"
	codeNotFound        = "not_found"
	codeInternal        = "internal"
	statusUnprocessable = http.StatusUnprocessableEntity
)

func badRequest(code, field, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// jsonHandler is the one decode/respond wrapper of every POST endpoint:
// it checks the content type, limits the body to maxBody bytes, decodes a
// Req (starting from newReq(), so defaults survive absent fields) rejecting
// unknown fields and trailing data, calls do and writes its result or error.
func jsonHandler[Req any](maxBody int64, log *slog.Logger, newReq func() Req, do func(*http.Request, Req) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		req := newReq()
		if err := decode(w, r, maxBody, &req); err != nil {
			writeError(w, log, err)
			return
		}
		resp, err := do(r, req)
		if err != nil {
			writeError(w, log, err)
			return
		}
		respond(w, http.StatusOK, resp)
	}
}

// decode reads the JSON body of r into v.
func decode(w http.ResponseWriter, r *http.Request, maxBody int64, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &apiError{Status: http.StatusUnsupportedMediaType, Code: codeMediaType,
			Message: fmt.Sprintf("Content-Type must be application/json, got %q", r.Header.Get("Content-Type"))}
	}
	body := http.MaxBytesReader(w, r.Body, maxBody)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			return badRequest(codeMalformed, "", "trailing data after the JSON object")
		}
		return decodeError(err)
	}
	return nil
}

// decodeError classifies an error of json.Decoder.
func decodeError(err error) error {
	var (
		tooLarge *http.MaxBytesError
		syntax   *json.SyntaxError
		typ      *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &tooLarge):
		return &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge,
			Message: fmt.Sprintf("request body exceeds %d bytes", tooLarge.Limit)}
	case errors.As(err, &syntax):
		return badRequest(codeMalformed, "", "%v (at byte %d)", err, syntax.Offset)
	case errors.Is(err, io.EOF):
		return badRequest(codeMalformed, "", "empty body")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest(codeMalformed, "", "body ends inside a JSON value")
	case errors.As(err, &typ):
		return badRequest(codeInvalidValue, typ.Field, "cannot use a JSON %s as %v", typ.Value, typ.Type)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return badRequest(codeUnknownField, name, "unknown field %q", name)
	}
	// The remaining errors come from UnmarshalText / UnmarshalJSON of
	// enums, times and decimals; encoding/json does not say where.
	return badRequest(codeInvalidValue, "", "%v", err)
}

// writeError writes err as a JSON error: an *apiError as it is, a library
// *InputError as 400 or, when its figure is undefined for the data, 422;
// anything else is logged and reported as 500 without details.
func writeError(w http.ResponseWriter, log *slog.Logger, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = libraryError(err)
	}
	if ae.Status == http.StatusInternalServerError {
		log.Error("request failed", "err", err)
	}
	if ae.Status == http.StatusRequestEntityTooLarge {
		w.Header().Set("Connection", "close") // the rest of the body is not read
	}
	respond(w, ae.Status, errorBody{SchemaVersion: schemaVersion, Error: *ae})
}

// respond writes v as JSON with the status.
func respond(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // the body is JSON, never HTML: keep "<" and "≥" readable
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		b.Reset()
		_ = enc.Encode(errorBody{SchemaVersion: schemaVersion,
			Error: apiError{Code: codeInternal, Message: "the response could not be encoded"}})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}
