package consent

import (
	"encoding/json"
	"fmt"

	"github.com/kundenwert/winback/internal/enum"
)

// Channel is the medium a message goes out on. The zero value ChannelUnknown
// is not a channel: Evaluate rejects it, and a consent record or revocation
// with an unknown channel covers nothing (a revocation with an unknown
// channel is applied to every channel).
type Channel uint8

// Channels, with stable identifiers. Values are appended, never renumbered.
const (
	ChannelUnknown       Channel = iota // "unknown"
	ChannelEmail                        // "email": e-mail, § 7(2) Nr. 2 UWG electronic mail
	ChannelSMS                          // "sms": SMS/MMS, electronic mail
	ChannelMessenger                    // "messenger": WhatsApp, Signal and the like, electronic mail
	ChannelPhone                        // "phone": a live telephone call, § 7(2) Nr. 1 UWG
	ChannelAutomatedCall                // "automated_call": automatic calling machine, § 7(2) Nr. 2 UWG
	ChannelFax                          // "fax": telefax, § 7(2) Nr. 2 UWG
	ChannelPostal                       // "postal": addressed letter post, § 7(1) UWG
	ChannelPush                         // "push": app or browser push notification (treated as electronic mail)
	ChannelInApp                        // "in_app": message shown inside the shop's app or account inbox (treated as electronic mail)

	channelCount // number of Channel values including ChannelUnknown
)

// NumChannels is the number of Channel values, ChannelUnknown included; it
// is the length of ChannelDecisions.
const NumChannels = int(channelCount)

// channelIDs are the identifiers of Channel, indexed by value.
var channelIDs = [...]string{
	"unknown", "email", "sms", "messenger", "phone", "automated_call", "fax", "postal", "push", "in_app",
}

func channelNames() enum.Names[Channel] {
	return enum.Names[Channel]{Type: "consent.Channel", IDs: channelIDs[:]}
}

// String returns the stable identifier, e.g. "email".
func (c Channel) String() string { return channelNames().String(c) }

// MarshalText returns the stable identifier; a value out of range is an error.
func (c Channel) MarshalText() ([]byte, error) { return channelNames().Marshal(c) }

// UnmarshalText parses a stable identifier.
func (c *Channel) UnmarshalText(b []byte) error {
	v, err := channelNames().Parse(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// valid reports whether c is in range (ChannelUnknown included).
func (c Channel) valid() bool { return c < channelCount }

// message reports whether a message on c is a "Nachricht" to which § 7(2)
// Nr. 3 UWG attaches (every channel except letter post).
func (c Channel) message() bool { return c != ChannelPostal && c != ChannelUnknown }

// digitalService reports whether advertising on c is a commercial
// communication of a digital service, so that § 6(1) DDG applies. Telephone
// and fax services are not digital services.
func (c Channel) digitalService() bool {
	switch c {
	case ChannelEmail, ChannelSMS, ChannelMessenger, ChannelPush, ChannelInApp:
		return true
	}
	return false
}

// voice reports whether c is a call (live or automated).
func (c Channel) voice() bool { return c == ChannelPhone || c == ChannelAutomatedCall }

// ChannelDecisions holds one Decision per channel, indexed by Channel. The
// entry at ChannelUnknown is the zero Decision (not allowed, RuleNone).
type ChannelDecisions [NumChannels]Decision

// MarshalJSON writes an object keyed by channel identifier, e.g.
// {"email": {...}, "sms": {...}}, without the ChannelUnknown entry.
func (cd ChannelDecisions) MarshalJSON() ([]byte, error) {
	m := make(map[string]Decision, NumChannels-1)
	for c := ChannelEmail; c < channelCount; c++ {
		m[c.String()] = cd[c]
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads the object written by MarshalJSON.
func (cd *ChannelDecisions) UnmarshalJSON(b []byte) error {
	var m map[string]Decision
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	var out ChannelDecisions
	for k, d := range m {
		var c Channel
		if err := c.UnmarshalText([]byte(k)); err != nil {
			return err
		}
		if c == ChannelUnknown {
			return fmt.Errorf("consent.ChannelDecisions: no decision for channel %q", k)
		}
		out[c] = d
	}
	*cd = out
	return nil
}
