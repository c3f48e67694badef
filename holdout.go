package winback

import (
	"encoding/binary"
	"hash/fnv"
)

// InHoldout reports whether the customer belongs to the holdout (control)
// group of a campaign: customers in it are decided for but not contacted,
// so that the campaign's uplift can be measured against them.
//
// The assignment hashes the seed and the customer id with 64-bit FNV-1a and
// compares the top 53 bits, read as a fraction in [0, 1), with share. It is
// deterministic (the same customer, seed and share give the same answer on
// every machine and run), independent of the order customers arrive in,
// and nested: a customer in the holdout at share s is in it at every larger
// share. share ≤ 0 puts nobody in the holdout, share ≥ 1 everybody.
func InHoldout(customerID string, seed uint64, share float64) bool {
	return holdoutPosition(customerID, seed) < share
}

// holdoutPosition maps (seed, id) to a fraction in [0, 1).
func holdoutPosition(customerID string, seed uint64) float64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], seed)
	h.Write(b[:])
	h.Write([]byte(customerID))
	return float64(h.Sum64()>>11) / (1 << 53)
}
