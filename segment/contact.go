package segment

import "github.com/kundenwert/winback/internal/enum"

// ContactMode is how a lost customer is approached. The zero ContactMode is
// ContactNone. Identifiers are stable; new values are appended.
type ContactMode uint8

// Contact modes.
const (
	ContactNone      ContactMode = iota // "none": no approach
	ContactAutomated                    // "automated": automated offer (e-mail flow, voucher)
	ContactPersonal                     // "personal": personal contact (call, meeting, personal letter)
)

// contactIDs are the stable identifiers, indexed by value; read-only.
var contactIDs = [...]string{"none", "automated", "personal"}

func contactNames() enum.Names[ContactMode] {
	return enum.Names[ContactMode]{Type: "segment.ContactMode", IDs: contactIDs[:]}
}

// IsValid reports whether m is a defined contact mode.
func (m ContactMode) IsValid() bool { return m <= ContactPersonal }

// String returns the identifier of m, e.g. "personal".
func (m ContactMode) String() string { return contactNames().String(m) }

// MarshalText returns the identifier of m; it fails for an invalid value.
func (m ContactMode) MarshalText() ([]byte, error) { return contactNames().Marshal(m) }

// UnmarshalText sets m from its identifier; on error m is unchanged.
func (m *ContactMode) UnmarshalText(b []byte) error {
	v, err := contactNames().Parse(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
