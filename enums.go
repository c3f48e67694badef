package winback

import (
	"strings"

	"github.com/kundenwert/winback/internal/enum"
)

// unmarshalEnum parses b with names into *dst; an unknown identifier is an
// *InputError naming the type.
func unmarshalEnum[T ~uint8](names enum.Names[T], b []byte, dst *T) error {
	v, err := names.Parse(string(b))
	if err != nil {
		return &InputError{Field: names.Type, Reason: strings.TrimPrefix(err.Error(), names.Type+": "), Sentinel: ErrInvalidInput}
	}
	*dst = v
	return nil
}
