package main

import "github.com/kundenwert/winback"

// readPolicy reads a policy onto the default policy (see decodeStrict).
func readPolicy(raw []byte) (winback.Policy, *errorBody) {
	p := winback.DefaultPolicy()
	e := decodeStrict(raw, &p, "")
	return p, e
}
