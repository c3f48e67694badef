package consent

import (
	"fmt"
	"time"

	"github.com/kundenwert/winback/internal/check"
)

// Dates. Every time.Time in this package stands for a calendar date: only
// the year, month and day in the value's own location count, the time of
// day is ignored. The zero time.Time means "unknown" or "none". In JSON a
// date is an RFC 3339 timestamp such as "2024-03-01T00:00:00Z".

// Request holds what is known about one recipient and one message on the
// decision date. Every fact is optional and every missing fact counts
// against sending: a zero field is never more permissive than a set one,
// except for the restrictive facts (objections, revocations, contract end),
// whose absence means "none known".
type Request struct {
	// Date is the decision date. It is required; the clock is never read.
	Date time.Time `json:"date"`
	// Recipient is consumer or business; unknown is treated as a consumer.
	Recipient RecipientKind `json:"recipient"`
	// Message describes the message to be sent.
	Message Message `json:"message"`
	// Consents are the consent records of this recipient, in any order.
	Consents []ConsentRecord `json:"consents,omitempty"`
	// Objections are objections to advertising, in any order. Any one of
	// them, whatever its channel or date, stops advertising on every channel.
	Objections []Objection `json:"objections,omitempty"`
	// ExistingCustomer holds the § 7(3) UWG facts that are not in Message
	// or Relationship.
	ExistingCustomer ExistingCustomer `json:"existing_customer"`
	// BusinessPhone holds the facts for presumed consent of a business to a
	// call.
	BusinessPhone BusinessPhone `json:"business_phone"`
	// PostalList is the suppression (Robinson) list status for letter post.
	PostalList ListStatus `json:"postal_list"`
	// Relationship holds the contract and purchase dates.
	Relationship Relationship `json:"relationship"`
}

// Message describes the message to be sent. The booleans state facts the
// sender guarantees; false means "not met or not known".
type Message struct {
	// Purpose: only PurposeTransactional escapes § 7 UWG.
	Purpose Purpose `json:"purpose"`
	// Content is what an advertising message promotes.
	Content Content `json:"content"`
	// SenderIdentified: the sender on whose behalf the message goes out is
	// disclosed (§ 7(2) Nr. 3 lit. a UWG).
	SenderIdentified bool `json:"sender_identified"`
	// DDGCompliant: the duties of § 6(1) DDG are met — commercial character
	// recognisable, sender identifiable, promotions and games with clear
	// conditions (§ 7(2) Nr. 3 lit. b UWG; only for e-mail, SMS, messenger,
	// push and in-app).
	DDGCompliant bool `json:"ddg_compliant"`
	// OptOutAddress: a valid address to ask for the messages to stop, at
	// basic transmission cost (§ 7(2) Nr. 3 lit. c UWG).
	OptOutAddress bool `json:"opt_out_address"`
	// ObjectionNotice: this message tells the recipient clearly that the use
	// of the address can be objected to at any time (§ 7(3) Nr. 4 UWG).
	ObjectionNotice bool `json:"objection_notice"`
	// StatedIssue: for a transactional call, the caller names the concrete
	// non-promotional matter the call settles. Without it a "transactional"
	// call is judged as advertising (OLG Schleswig, 11.12.2023, 6 U 25/23).
	StatedIssue bool `json:"stated_issue"`
}

// ConsentRecord is one consent declaration for one channel.
type ConsentRecord struct {
	// Channel the consent covers; one record per channel (a declaration
	// covering several channels is recorded once per channel).
	Channel Channel `json:"channel"`
	// Scope is what the consent covers.
	Scope Scope `json:"scope"`
	// Method is how the consent was obtained.
	Method Method `json:"method"`
	// GrantedAt is the date of the declaration; required.
	GrantedAt time.Time `json:"granted_at"`
	// ActiveOptIn: the person actively declared consent (ticked an empty box,
	// signed, said yes); false for pre-ticked boxes and opt-out clauses.
	ActiveOptIn bool `json:"active_opt_in"`
	// DoubleOptIn: the consent was confirmed through the very address or
	// number it covers (a link sent to that e-mail address, a code sent to
	// that phone number). Required for MethodOnlineForm and MethodApp. An
	// e-mail confirmation does not confirm a phone number.
	DoubleOptIn bool `json:"double_opt_in"`
	// Documented: the complete declaration is stored and can be produced
	// (for calls to consumers also § 7a UWG).
	Documented bool `json:"documented"`
	// RevokedAt is the date of withdrawal; zero if not withdrawn. A
	// withdrawal blocks every consent for the channel granted on or before
	// that date.
	RevokedAt time.Time `json:"revoked_at,omitzero"`
	// LastUsedAt is the date the consent was last used to send advertising;
	// zero if never used. Uses after the decision date are ignored.
	LastUsedAt time.Time `json:"last_used_at,omitzero"`
}

// Objection is an objection to advertising (Art. 21(2) GDPR), through any
// channel. The date is informative: an objection stops all advertising
// whatever its date. To resume after a fresh consent, the caller closes the
// objection by leaving it out of the Request.
type Objection struct {
	Date    time.Time `json:"date,omitzero"`
	Channel Channel   `json:"channel"`
}

// ExistingCustomer holds the § 7(3) UWG facts not given elsewhere: Nr. 2
// (own similar goods) is Message.Content == ContentOwnSimilar, Nr. 3 (no
// objection) is the Objections list and e-mail revocations, the second half
// of Nr. 4 is Message.ObjectionNotice, and the purchase date is in
// Relationship.
type ExistingCustomer struct {
	// AddressFromSale: the e-mail address was obtained from the customer in
	// connection with a completed sale (§ 7(3) Nr. 1 UWG).
	AddressFromSale bool `json:"address_from_sale"`
	// NoticeAtCollection: when the address was collected, the customer was
	// told clearly that the use can be objected to at any time (§ 7(3)
	// Nr. 4 UWG).
	NoticeAtCollection bool `json:"notice_at_collection"`
}

// BusinessPhone holds the concrete facts from before a call that support
// presumed consent of a business (BGH, 16.11.2006, I ZR 191/03: what counts
// are the circumstances before the call and the kind and content of the
// offer). Both must hold.
type BusinessPhone struct {
	// PriorRelationship: the recipient bought from the sender in its
	// business capacity.
	PriorRelationship bool `json:"prior_relationship"`
	// OfferServesBusiness: the offer concerns goods or services the
	// recipient uses in its business (e.g. resupply of what it bought),
	// not a pitch of an unrelated service.
	OfferServesBusiness bool `json:"offer_serves_business"`
}

// Relationship holds contract and purchase dates.
type Relationship struct {
	// ContractEnd is the end of the contract (or the cancellation date);
	// zero if none. A consent granted on or before it lapses
	// Options.AfterContractEndMonths after it.
	ContractEnd time.Time `json:"contract_end,omitzero"`
	// LastPurchase is the date of the last completed purchase; zero if
	// unknown. It decides whether § 7(3) UWG still applies.
	LastPurchase time.Time `json:"last_purchase,omitzero"`
}

// prepared is a validated Request reduced to what the rules need.
type prepared struct {
	d            day
	objection    bool
	revoked      [channelCount]day // latest withdrawal per channel; [ChannelUnknown] applies to all
	lastPurchase day
	contractEnd  day
	opts         Options
	// Cutoffs, computed on first use: a fact dated before the cutoff is
	// outside its limit. cut[k] == 0 means not yet computed; a cutoff that
	// is day 0 (1970-01-01) itself is merely recomputed on each use.
	cut [3]day
}

const (
	cutIdle = iota
	cutContract
	cutPurchase
)

// cutoff returns the cutoff of limit k for the decision date.
func (p *prepared) cutoff(k int) day {
	if p.cut[k] == 0 {
		var months int
		switch k {
		case cutIdle:
			months = p.opts.ConsentMaxIdleMonths
		case cutContract:
			months = p.opts.AfterContractEndMonths
		default:
			months = p.opts.ExistingCustomerMonths
		}
		p.cut[k] = p.d.firstCounting(int64(months))
	}
	return p.cut[k]
}

// revokedOn returns the latest withdrawal that applies to channel c, or
// noDay.
func (p *prepared) revokedOn(c Channel) day {
	return max(p.revoked[c], p.revoked[ChannelUnknown])
}

// Validate reports malformed input: a missing decision date, an
// enumeration value out of range, or a revocation or use dated before the
// grant in the same record. It does not judge whether sending is allowed.
func (r Request) Validate() error {
	var p prepared
	return r.prepare(&p)
}

func (r *Request) prepare(p *prepared) error {
	if r.Date.IsZero() {
		return check.New(ErrInvalidInput, "date", "decision date is missing (zero time)")
	}
	p.d = dayOf(r.Date)
	if r.Recipient >= recipientKindCount {
		return check.New(ErrInvalidInput, "recipient", "invalid value %d", uint8(r.Recipient))
	}
	if r.Message.Purpose >= purposeCount {
		return check.New(ErrInvalidInput, "message.purpose", "invalid value %d", uint8(r.Message.Purpose))
	}
	if r.Message.Content >= contentCount {
		return check.New(ErrInvalidInput, "message.content", "invalid value %d", uint8(r.Message.Content))
	}
	if r.PostalList >= listStatusCount {
		return check.New(ErrInvalidInput, "postal_list", "invalid value %d", uint8(r.PostalList))
	}
	for i := range p.revoked {
		p.revoked[i] = noDay
	}
	for i := range r.Consents {
		c := &r.Consents[i]
		if !c.Channel.valid() {
			return check.New(ErrInvalidInput, fmt.Sprintf("consents[%d].channel", i), "invalid value %d", uint8(c.Channel))
		}
		if c.Scope >= scopeCount {
			return check.New(ErrInvalidInput, fmt.Sprintf("consents[%d].scope", i), "invalid value %d", uint8(c.Scope))
		}
		if c.Method >= methodCount {
			return check.New(ErrInvalidInput, fmt.Sprintf("consents[%d].method", i), "invalid value %d", uint8(c.Method))
		}
		if c.RevokedAt.IsZero() && c.LastUsedAt.IsZero() {
			continue
		}
		g := dayOf(c.GrantedAt)
		if !c.RevokedAt.IsZero() {
			rv := dayOf(c.RevokedAt)
			if g != noDay && rv < g {
				return check.New(ErrInvalidInput, fmt.Sprintf("consents[%d].revoked_at", i), "revoked before granted_at")
			}
			p.revoked[c.Channel] = max(p.revoked[c.Channel], rv)
		}
		if !c.LastUsedAt.IsZero() && g != noDay && dayOf(c.LastUsedAt) < g {
			return check.New(ErrInvalidInput, fmt.Sprintf("consents[%d].last_used_at", i), "used before granted_at")
		}
	}
	for i := range r.Objections {
		o := &r.Objections[i]
		if !o.Channel.valid() {
			return check.New(ErrInvalidInput, fmt.Sprintf("objections[%d].channel", i), "invalid value %d", uint8(o.Channel))
		}
		p.objection = true
	}
	p.lastPurchase = dayOf(r.Relationship.LastPurchase)
	p.contractEnd = dayOf(r.Relationship.ContractEnd)
	return nil
}
