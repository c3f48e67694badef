package segment

import (
	"bytes"
	"encoding"
	"testing"
)

// fuzzText checks that UnmarshalText either accepts exactly the identifiers
// MarshalText produces (and round-trips) or fails leaving the value alone.
func fuzzText[T interface {
	~uint8
	encoding.TextMarshaler
}, P interface {
	*T
	encoding.TextUnmarshaler
}](t *testing.T, data []byte) {
	const sentinel = 250
	v := T(sentinel)
	if err := P(&v).UnmarshalText(data); err != nil {
		if v != T(sentinel) {
			t.Fatalf("failed UnmarshalText(%q) changed the value to %d", data, v)
		}
		return
	}
	back, err := v.MarshalText()
	if err != nil || !bytes.Equal(back, data) {
		t.Fatalf("UnmarshalText(%q) = %d, MarshalText gives %q, %v", data, v, back, err)
	}
}

func addSeeds(f *testing.F, ids []string) {
	for _, id := range ids {
		f.Add([]byte(id))
	}
	f.Add([]byte(""))
	f.Add([]byte("STAR"))
	f.Add([]byte("star "))
	f.Add([]byte{0xff, 0x00})
}

func FuzzQuadrantUnmarshalText(f *testing.F) {
	addSeeds(f, quadrantIDs[:])
	f.Fuzz(fuzzText[Quadrant])
}

func FuzzContactModeUnmarshalText(f *testing.F) {
	addSeeds(f, contactIDs[:])
	f.Fuzz(fuzzText[ContactMode])
}

func FuzzRFMSegmentUnmarshalText(f *testing.F) {
	addSeeds(f, rfmSegmentIDs[:])
	f.Fuzz(fuzzText[RFMSegment])
}

func FuzzReasonUnmarshalText(f *testing.F) {
	addSeeds(f, reasonIDs[:])
	f.Fuzz(fuzzText[Reason])
}
