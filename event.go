package winback

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/internal/enum"
)

// Event is one thing that happened between the shop and a customer besides
// an order: the raw material of churn signals (complaints, payment
// failures, falling engagement), of contact permission (unsubscribes,
// objections) and of win-back measurement. It is a plain value; fields that
// do not apply to a Kind stay zero, and Validate checks that they do.
type Event struct {
	// CustomerID identifies the customer; must not be empty.
	CustomerID string `json:"customer_id"`
	// Time is when the event happened; must not be the zero time and must
	// lie between 0001-01-02 and 9999-12-30 (UTC).
	Time time.Time `json:"time"`
	// Kind says what happened; EventUnknown (the zero value) is invalid.
	Kind EventKind `json:"kind"`
	// Channel is where the event happened or which channel a message
	// used; ChannelUnknown when not recorded.
	Channel Channel `json:"channel,omitempty"`
	// Outcome is the state of a complaint (Kind EventComplaint only;
	// OutcomeUnknown when not recorded).
	Outcome ComplaintOutcome `json:"outcome,omitempty"`
	// Answered reports whether a support ticket was answered (Kind
	// EventSupportTicket only).
	Answered bool `json:"answered,omitempty"`
	// Score is the answer to the NPS question, 0 to 10 (Kind EventNPSAnswer
	// only; must be 0 for other kinds).
	Score int `json:"score,omitempty"`
	// CampaignID and MessageID identify the message of e-mail events (sent,
	// opened, clicked, unsubscribe); optional, any kind may carry them.
	CampaignID string `json:"campaign_id,omitempty"`
	MessageID  string `json:"message_id,omitempty"`
	// Amount is the money involved: the failed payment, the abandoned
	// cart's value; ≥ 0 with at most four decimal places, zero when none.
	Amount decimal.Decimal `json:"amount"`
	// Reason is free text from the source: the stated cancellation reason,
	// the complaint's subject. Optional.
	Reason string `json:"reason,omitempty"`
}

// Validate reports the first invalid field of e as an *InputError naming
// it (e.g. "Score"); nil when e is valid.
func (e Event) Validate() error {
	if e.plainValid() {
		return nil
	}
	return e.check()
}

// check runs every validation and names the first bad field.
func (e *Event) check() error {
	bad := func(field, format string, args ...any) error {
		return check.New(ErrInvalidInput, field, format, args...)
	}
	if e.CustomerID == "" {
		return bad("CustomerID", "is empty")
	}
	if err := checkTime("Time", e.Time); err != nil {
		return err
	}
	if e.Kind == EventUnknown || !eventKindNames().Valid(e.Kind) {
		return bad("Kind", "%s is not a valid event kind", e.Kind)
	}
	if !channelNames().Valid(e.Channel) {
		return bad("Channel", "%s is not a valid channel", e.Channel)
	}
	if !complaintOutcomeNames().Valid(e.Outcome) {
		return bad("Outcome", "%s is not a valid complaint outcome", e.Outcome)
	}
	if e.Outcome != OutcomeUnknown && e.Kind != EventComplaint {
		return bad("Outcome", "is set (%s) on a %s event; only complaints have an outcome", e.Outcome, e.Kind)
	}
	if e.Answered && e.Kind != EventSupportTicket {
		return bad("Answered", "is set on a %s event; only support tickets are answered", e.Kind)
	}
	if e.Kind == EventNPSAnswer && (e.Score < 0 || e.Score > 10) {
		return bad("Score", "NPS answer %d is outside 0..10", e.Score)
	}
	if e.Kind != EventNPSAnswer && e.Score != 0 {
		return bad("Score", "is set (%d) on a %s event; only NPS answers have a score", e.Score, e.Kind)
	}
	if e.Amount.IsZero() {
		return nil
	}
	if _, reason := toUnits(e.Amount); reason != "" {
		return bad("Amount", "%s", reason)
	}
	return nil
}

// EventKind says what an Event records. Identifiers are stable lower-case
// strings; new kinds are appended, never renumbered.
type EventKind uint8

// Event kinds.
const (
	EventUnknown             EventKind = iota // "unknown": the zero value, invalid in an Event
	EventCancellation                         // "cancellation": contract, subscription or membership cancelled
	EventAccountDeleted                       // "account_deleted": the customer deleted the account
	EventComplaint                            // "complaint": a complaint; see Outcome
	EventSupportTicket                        // "support_ticket": a support request; see Answered
	EventPaymentFailure                       // "payment_failure": a payment was declined or bounced
	EventAddressChange                        // "address_change": delivery or billing address changed
	EventEmailSent                            // "email_sent": a marketing e-mail went out
	EventEmailOpened                          // "email_opened": the customer opened one
	EventEmailClicked                         // "email_clicked": the customer clicked a link in one
	EventSiteVisit                            // "site_visit": a visit to the shop's site or app
	EventUnsubscribe                          // "unsubscribe": opted out of a newsletter or list
	EventNPSAnswer                            // "nps_answer": answered the NPS question; see Score
	EventAbandonedCart                        // "abandoned_cart": left a filled cart; see Amount
	EventObjection                            // "objection": objected to advertising (GDPR Art. 21, UWG §7(3)); all channels
	EventCancellationRevoked                  // "cancellation_revoked": withdrew a cancellation (counts as won back)
)

// eventKindIDs are the identifiers of EventKind, indexed by value.
var eventKindIDs = [...]string{
	"unknown", "cancellation", "account_deleted", "complaint", "support_ticket",
	"payment_failure", "address_change", "email_sent", "email_opened", "email_clicked",
	"site_visit", "unsubscribe", "nps_answer", "abandoned_cart", "objection",
	"cancellation_revoked",
}

func eventKindNames() enum.Names[EventKind] {
	return enum.Names[EventKind]{Type: "winback.EventKind", IDs: eventKindIDs[:]}
}

// String returns the identifier, e.g. "payment_failure".
func (k EventKind) String() string { return eventKindNames().String(k) }

// MarshalText returns the identifier; an invalid kind is an error.
func (k EventKind) MarshalText() ([]byte, error) { return eventKindNames().Marshal(k) }

// UnmarshalText parses an identifier such as "complaint".
func (k *EventKind) UnmarshalText(b []byte) error { return unmarshalEnum(eventKindNames(), b, k) }

// ComplaintOutcome is the state of a complaint. Identifiers are stable.
type ComplaintOutcome uint8

// Complaint outcomes.
const (
	OutcomeUnknown   ComplaintOutcome = iota // "unknown": not recorded (the zero value)
	OutcomeOpen                              // "open": not yet decided
	OutcomeResolved                          // "resolved": settled to the customer's satisfaction
	OutcomeRejected                          // "rejected": the shop turned it down
	OutcomeEscalated                         // "escalated": passed up, to a manager or outside body
)

// complaintOutcomeIDs are the identifiers of ComplaintOutcome, indexed by value.
var complaintOutcomeIDs = [...]string{"unknown", "open", "resolved", "rejected", "escalated"}

func complaintOutcomeNames() enum.Names[ComplaintOutcome] {
	return enum.Names[ComplaintOutcome]{Type: "winback.ComplaintOutcome", IDs: complaintOutcomeIDs[:]}
}

// String returns the identifier, e.g. "rejected".
func (o ComplaintOutcome) String() string { return complaintOutcomeNames().String(o) }

// MarshalText returns the identifier; an invalid outcome is an error.
func (o ComplaintOutcome) MarshalText() ([]byte, error) { return complaintOutcomeNames().Marshal(o) }

// UnmarshalText parses an identifier such as "escalated".
func (o *ComplaintOutcome) UnmarshalText(b []byte) error {
	return unmarshalEnum(complaintOutcomeNames(), b, o)
}

// Channel is a contact or interaction channel. Identifiers are stable.
type Channel uint8

// Channels.
const (
	ChannelUnknown   Channel = iota // "unknown": not recorded (the zero value)
	ChannelEmail                    // "email"
	ChannelSMS                      // "sms"
	ChannelPhone                    // "phone": a live call
	ChannelPost                     // "post": letters and printed mail
	ChannelFax                      // "fax"
	ChannelMessenger                // "messenger": WhatsApp and similar
	ChannelWeb                      // "web": the shop's website
	ChannelApp                      // "app": the shop's mobile app
	ChannelStore                    // "store": in person, in a shop
)

// channelIDs are the identifiers of Channel, indexed by value.
var channelIDs = [...]string{
	"unknown", "email", "sms", "phone", "post", "fax", "messenger", "web", "app", "store",
}

func channelNames() enum.Names[Channel] {
	return enum.Names[Channel]{Type: "winback.Channel", IDs: channelIDs[:]}
}

// String returns the identifier, e.g. "email".
func (c Channel) String() string { return channelNames().String(c) }

// MarshalText returns the identifier; an invalid channel is an error.
func (c Channel) MarshalText() ([]byte, error) { return channelNames().Marshal(c) }

// UnmarshalText parses an identifier such as "sms".
func (c *Channel) UnmarshalText(b []byte) error { return unmarshalEnum(channelNames(), b, c) }

// plainValid is the fast path of Validate for the common event without an
// amount: true only when every check of Validate passes.
func (e *Event) plainValid() bool {
	if e.CustomerID == "" || e.Time.IsZero() || !e.Amount.IsZero() {
		return false
	}
	if u := e.Time.Unix(); u < minUnix || u >= maxUnix {
		return false
	}
	if e.Kind == EventUnknown || int(e.Kind) >= len(eventKindIDs) || int(e.Channel) >= len(channelIDs) ||
		int(e.Outcome) >= len(complaintOutcomeIDs) {
		return false
	}
	if e.Outcome != OutcomeUnknown && e.Kind != EventComplaint || e.Answered && e.Kind != EventSupportTicket {
		return false
	}
	if e.Kind == EventNPSAnswer {
		return e.Score >= 0 && e.Score <= 10
	}
	return e.Score == 0
}
