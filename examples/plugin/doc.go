// Command plugin is winback as a JSON filter: it reads decision requests on
// standard input and writes one decision (or one error) per request on
// standard output, so that a shop system written in any language can call
// winback.Decide as a subprocess.
//
//	go run ./examples/plugin -example | go run ./examples/plugin
//
// # Requests
//
// The input is a stream of JSON objects, one per line (NDJSON) or simply
// one after another with any white space between them. Unknown fields are
// an error, at every level.
//
//	{
//	  "schema_version": 1,                 required; this program reads 1
//	  "id": "req-17",                      optional; echoed in the response
//	  "as_of": "1998-06-30",               required; YYYY-MM-DD (midnight UTC) or RFC 3339
//	  "customer": { ... },                 required; a winback.Customer
//	  "policy": { ... },                   optional; a winback.Policy, see below
//	  "models": { ... }                    optional; a winback.Models, see below
//	}
//
// The customer is winback.Customer in its JSON form: id, orders (customer_id,
// time as RFC 3339, amount as a decimal string such as "19.99"), events
// (kind as a stable identifier such as "cancellation" or "objection"),
// contact (the consent facts, consent.Request; its date and message are
// set by Decide from as_of and the policy) and profile.
//
// The policy is read onto the default policy: a field that the request
// leaves out keeps its default (winback.DefaultPolicy, or the -policy file
// when given), objects merge field by field, and a list or array that the
// request gives replaces the default list as a whole (null empties a list).
// -policy-out shows every field with its value. So
// {"margin": 0.4, "personal_channels": ["postal"]} changes exactly those
// two things.
//
// The models replace the default models as a whole; all parameters must be
// given. Without them the program uses the models of the -models file or,
// without that flag, models fitted once on the CDNOW sample embedded in the
// module (BG/NBD and Gamma-Gamma in weeks, calibration to 1997-09-30, orders
// of one day merged); write them with -models-out to see their form.
//
// # Responses
//
// One JSON object per request, in request order, each on one line (unless
// -pretty):
//
//	{"schema_version": 1, "id": "req-17", "decision": { ... }}
//	{"schema_version": 1, "id": "req-18", "error": {"code": "invalid_input",
//	  "field": "customer.orders[1].customer_id", "message": "..."}}
//
// The decision is winback.Decision: money (value, recovery_value,
// budget_cap) as decimal strings, enumerations (status, churn_type,
// quadrant, action, channel, …) as stable lower-case identifiers, times in
// RFC 3339. Error codes:
//
//   - malformed_json: the input is not JSON. The error gives the byte
//     offset (from 0), line and column (from 1) of the offending byte. The
//     stream cannot be read past it, so this is the last response and the
//     program exits with status 1.
//   - unsupported_schema: schema_version is missing or not 1.
//   - invalid_input: the request does not fit the format (unknown field,
//     unknown enumeration identifier, wrong JSON type, bad date or decimal)
//     or its data is invalid (an order of another customer, a zero time, a
//     negative amount, a policy out of range). field is the JSON path of the
//     offending value, e.g. "customer.events[2].kind".
//   - undefined: the request is valid but has no decision, e.g. the
//     customer has no purchase on or before as_of.
//   - decision_failed: any other failure of the decision chain.
//
// Every request gets exactly one response; an error in one request does not
// affect the others. The exit status is 0 when the whole stream was read
// (whatever the responses say), 1 on malformed JSON or an I/O error, and 2
// for bad flags or an unreadable -models or -policy file.
//
// # Flags
//
//	-policy FILE      base policy (JSON, read onto the defaults) for every request
//	-models FILE      models (JSON, complete) instead of the fitted sample models
//	-pretty           indent the responses (then they span several lines)
//	-example          print one valid request and exit
//	-models-out FILE  write the default models as JSON to FILE and exit
//	-policy-out FILE  write the base policy (defaults and -policy) as JSON to FILE and exit
//
// The example request is built from the first customer of the CDNOW sample
// with synthetic events and consent facts (internal/synth): it is not real
// data.
package main
