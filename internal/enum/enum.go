// Package enum implements the text form shared by winback's enumerations:
// small unsigned integer types whose values have stable lower-case
// identifiers. A package declares the identifiers once, in value order, and
// its String, MarshalText and UnmarshalText methods delegate here.
package enum

import "fmt"

// Names lists the identifiers of an enumeration, indexed by value. Values are
// appended, never renumbered.
type Names[T ~uint8] struct {
	Type string   // the Go type, for error messages, e.g. "segment.Quadrant"
	IDs  []string // identifier of value i at index i
}

// String returns the identifier of v, or "Type(n)" for a value out of range.
func (n Names[T]) String(v T) string {
	if int(v) < len(n.IDs) {
		return n.IDs[v]
	}
	return fmt.Sprintf("%s(%d)", n.Type, uint8(v))
}

// Valid reports whether v has an identifier.
func (n Names[T]) Valid(v T) bool { return int(v) < len(n.IDs) }

// Marshal returns the identifier of v as bytes, or an error for a value out
// of range.
func (n Names[T]) Marshal(v T) ([]byte, error) {
	if !n.Valid(v) {
		return nil, fmt.Errorf("%s: invalid value %d", n.Type, uint8(v))
	}
	return []byte(n.IDs[v]), nil
}

// Parse returns the value whose identifier is s, or an error that quotes s
// and lists the accepted identifiers.
func (n Names[T]) Parse(s string) (T, error) {
	for i, id := range n.IDs {
		if id == s {
			return T(i), nil
		}
	}
	return 0, fmt.Errorf("%s: unknown identifier %q (want one of %v)", n.Type, s, n.IDs)
}
