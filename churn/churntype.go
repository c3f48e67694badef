package churn

import (
	"iter"
	"math/bits"
)

// Type is a churn type (seed 003): why a customer leaves or left. The zero
// value is Unknown, the answer when the evidence is thin. Identifiers are
// stable; see String.
type Type uint8

// Churn types. German names from seed 003 in parentheses.
const (
	Unknown          Type = iota // evidence too thin to tell
	CashStrapped                 // (Mittellose) can no longer afford it
	Relocated                    // (Neustarter) life or business situation changed: moved, new job, new needs
	Overwhelmed                  // (Bedrängte) contacted too often or too pushily
	Neglected                    // (Vernachlässigte) felt treated as second class: unanswered requests
	Disappointed                 // (Enttäuschte) loyal customer who lost trust: quality, badly handled claims
	Offended                     // (Verletzte) hurt by how they were treated: rejected or escalated complaints
	Switcher                     // (Springer) changes providers habitually, compares offers
	BargainHunter                // (Schnäppchenjäger) buys on price only
	Demanding                    // (Anspruchsvolle) premium buyer leaving over quality
	CompanyInitiated             // the company ended it: unprofitable, defaulted, fraud
	numTypes
)

// NumTypes is the number of churn types including Unknown; arrays indexed
// by Type have this length.
const NumTypes = int(numTypes)

// TypeSet is a set of churn types as a bit set; the zero value is empty.
type TypeSet uint16

// With returns s with t added.
func (s TypeSet) With(t Type) TypeSet { return s | 1<<t }

// Has reports whether t is in s.
func (s TypeSet) Has(t Type) bool { return s&(1<<t) != 0 }

// Len returns the number of types in s.
func (s TypeSet) Len() int { return bits.OnesCount16(uint16(s)) }

// All yields the types in s in id order.
func (s TypeSet) All() iter.Seq[Type] {
	return func(yield func(Type) bool) {
		for v := uint16(s); v != 0; v &= v - 1 {
			if !yield(Type(bits.TrailingZeros16(v))) {
				return
			}
		}
	}
}
