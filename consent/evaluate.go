package consent

import "github.com/kundenwert/winback/internal/check"

// Evaluate decides whether the message described by req may go out to the
// recipient on channel ch on req.Date. A denial is a Decision with Allowed
// false; the error is non-nil only for malformed input (see
// Request.Validate), for ch out of range or ChannelUnknown, and for
// invalid Options. Evaluate does not allocate.
func Evaluate(req Request, ch Channel, opts Options) (Decision, error) {
	if ch == ChannelUnknown || !ch.valid() {
		return Decision{}, check.New(ErrInvalidInput, "channel", "must be a known channel, got %d", uint8(ch))
	}
	var p prepared
	if err := req.prepare(&p); err != nil {
		return Decision{}, err
	}
	o, err := opts.resolve()
	if err != nil {
		return Decision{}, err
	}
	p.opts = o
	return evalChannel(&p, &req, ch), nil
}

// EvaluateAll evaluates every channel at once, so that a caller can pick the
// best permitted one. The result is indexed by Channel; its ChannelUnknown
// entry is the zero Decision.
func EvaluateAll(req Request, opts Options) (ChannelDecisions, error) {
	var out ChannelDecisions
	var p prepared
	if err := req.prepare(&p); err != nil {
		return out, err
	}
	o, err := opts.resolve()
	if err != nil {
		return out, err
	}
	p.opts = o
	for c := ChannelEmail; c < channelCount; c++ {
		out[c] = evalChannel(&p, &req, c)
	}
	return out, nil
}

// finding accumulates the result of the checks for one channel.
type finding struct {
	reasons   ReasonSet
	missing   Facts
	contested bool
}

func (f *finding) add(r Reason, fact Fact) {
	f.reasons = f.reasons.with(r)
	f.missing = f.missing.with(fact)
}

func evalChannel(p *prepared, req *Request, c Channel) Decision {
	var f finding
	msg := &req.Message
	content := msg.Content

	// 1. Is it advertising at all?
	switch msg.Purpose {
	case PurposeTransactional:
		if !c.voice() || msg.StatedIssue {
			return Decision{Allowed: true, Rule: RuleTransactional, Reasons: ReasonSet(0).with(ReasonTransactional)}
		}
		f.add(ReasonCallIssueNotStated, FactStatedIssue)
	case PurposeMixed:
		f.reasons = f.reasons.with(ReasonMixedIsAdvertising)
	case PurposeFeedback:
		f.reasons = f.reasons.with(ReasonFeedbackIsAdvertising)
		content = ContentFeedback
	case PurposeUnknown:
		// Judged as advertising whose content is unknown, so that no
		// consent and no exception can cover it.
		f.add(ReasonPurposeUnknown, FactPurpose)
		content = ContentUnknown
	}

	// 2. An objection through any channel stops all advertising.
	if p.objection {
		return Decision{Rule: RuleObjection, Reasons: f.reasons.with(ReasonObjection)}
	}

	// 3. § 7(2) Nr. 3 UWG: duties of every advertising message.
	dutiesOK := true
	if c.message() {
		if !msg.SenderIdentified {
			f.add(ReasonSenderConcealed, FactSenderIdentity)
			dutiesOK = false
		}
		if c.digitalService() && !msg.DDGCompliant {
			f.add(ReasonDDGDutiesUnmet, FactDDGDuties)
			dutiesOK = false
		}
		if !msg.OptOutAddress {
			f.add(ReasonNoOptOutAddress, FactOptOutAddress)
			dutiesOK = false
		}
	}

	// 4. The legal basis of the channel.
	revoked := p.revokedOn(c)
	var basis Reason
	var rule Rule
	found := false
	switch {
	case c == ChannelPostal:
		rule = RulePostal
		if revoked == noDay {
			switch req.PostalList {
			case ListNotListed:
				basis, found = ReasonPostalNoObjection, true
			case ListListed:
				f.reasons = f.reasons.with(ReasonSuppressionListed)
			default:
				f.add(ReasonSuppressionUnchecked, FactListStatus)
			}
		}
	case c == ChannelPhone:
		rule = RulePhone
		if consentFor(p, req, c, content, &f) {
			basis, found = ReasonConsentValid, true
		} else {
			f.reasons = f.reasons.with(ReasonNoPhoneConsent)
			switch req.Recipient {
			case RecipientBusiness:
				if revoked == noDay && req.BusinessPhone.PriorRelationship && req.BusinessPhone.OfferServesBusiness {
					basis, found = ReasonBusinessPresumedConsent, true
				} else {
					f.add(ReasonBusinessFactsMissing, FactBusinessFacts)
				}
			case RecipientUnknown:
				f.add(ReasonRecipientTreatedAsConsumer, FactRecipientKind)
			}
		}
	default: // § 7(2) Nr. 2 UWG
		rule = RuleElectronic
		if consentFor(p, req, c, content, &f) {
			basis, found = ReasonConsentValid, true
			break
		}
		f.reasons = f.reasons.with(ReasonNoElectronicConsent)
		switch c {
		case ChannelEmail:
			if existingCustomer(p, req, content, revoked, &f) {
				basis, found, rule = ReasonExistingCustomer, true, RuleExistingCustomer
			}
		case ChannelSMS, ChannelMessenger, ChannelPush, ChannelInApp:
			if revoked == noDay && existingCustomerFactsMet(p, req, content) {
				f.reasons = f.reasons.with(ReasonECEmailOnly)
				f.contested = true
			}
		}
		if c == ChannelPush || c == ChannelInApp {
			f.reasons = f.reasons.with(ReasonPushInAppAsEmail)
			f.contested = true
		}
	}

	if found && dutiesOK {
		keep := f.reasons & (1<<ReasonMixedIsAdvertising | 1<<ReasonFeedbackIsAdvertising | 1<<ReasonPurposeUnknown | 1<<ReasonCallIssueNotStated)
		return Decision{Allowed: true, Rule: rule, Reasons: keep.with(basis)}
	}
	d := Decision{Rule: rule, Reasons: f.reasons, Missing: f.missing, Contested: f.contested}
	switch {
	case revoked != noDay && !found:
		d.Rule = RuleRevoked
		d.Reasons = d.Reasons.with(ReasonConsentRevoked)
		d.Missing = d.Missing.with(FactConsent)
		d.Contested = false
	case !dutiesOK:
		d.Rule = RuleMessageDuties
		d.Contested = false
	}
	return d
}

// consentFor reports whether a valid consent covers channel c and content.
// It records why each record for c fails.
func consentFor(p *prepared, req *Request, c Channel, content Content, f *finding) bool {
	revoked := p.revokedOn(c)
	var acc finding
	seen := false
	for i := range req.Consents {
		rec := &req.Consents[i]
		if rec.Channel != c {
			continue
		}
		seen = true
		var rf finding
		soft := false // failed only on a contested staleness limit
		g := dayOf(rec.GrantedAt)
		switch {
		case g == noDay:
			rf.add(ReasonConsentNotPrior, FactConsentGrantDate)
		case g > p.d:
			rf.add(ReasonConsentNotPrior, FactConsent)
		case revoked != noDay && g <= revoked:
			rf.add(ReasonConsentRevoked, FactConsent)
		}
		if !rec.ActiveOptIn {
			rf.add(ReasonNoActiveOptIn, FactActiveOptIn)
		}
		if rec.Method == MethodUnknown {
			rf.add(ReasonConsentMethodUnknown, FactConsentMethod)
		}
		if rec.Method.online() && !rec.DoubleOptIn {
			rf.add(ReasonNoDoubleOptIn, FactDoubleOptIn)
		}
		if !rec.Documented {
			if c.voice() {
				rf.add(ReasonPhoneConsentUndocumented, FactConsentProof)
			} else {
				rf.add(ReasonConsentUndocumented, FactConsentProof)
			}
		}
		if !rec.Scope.covers(content) {
			rf.add(ReasonConsentOutOfScope, FactConsentScope)
		}
		if rf.reasons == 0 {
			// Staleness only matters for an otherwise valid record.
			active := g
			if u := dayOf(rec.LastUsedAt); u != noDay && u <= p.d && u > active {
				active = u
			}
			if active < p.cutoff(cutIdle) {
				rf.add(ReasonConsentStale, FactFreshConsent)
				soft = true
			}
			if ce := p.contractEnd; ce != noDay && g <= ce && ce <= p.d && ce < p.cutoff(cutContract) {
				rf.add(ReasonConsentAfterContractEnd, FactFreshConsent)
				soft = true
			}
			if rf.reasons == 0 {
				return true
			}
		}
		acc.reasons |= rf.reasons
		acc.missing |= rf.missing
		acc.contested = acc.contested || soft
	}
	// Merged only when no record is valid, so the result does not depend
	// on the order of the records.
	if !seen {
		acc.missing = acc.missing.with(FactConsent)
	}
	f.reasons |= acc.reasons
	f.missing |= acc.missing
	f.contested = f.contested || acc.contested
	return false
}

// existingCustomer checks the four conditions of § 7(3) UWG for e-mail.
func existingCustomer(p *prepared, req *Request, content Content, revoked day, f *finding) bool {
	if revoked != noDay {
		return false // a withdrawal of e-mail consent is an objection under Nr. 3
	}
	var ef finding
	if !req.ExistingCustomer.AddressFromSale {
		ef.add(ReasonECAddressNotFromSale, FactAddressFromSale)
	}
	notSimilar := content != ContentOwnSimilar
	if notSimilar {
		ef.add(ReasonECNotOwnSimilar, FactOwnSimilarContent)
	}
	if !req.ExistingCustomer.NoticeAtCollection {
		ef.add(ReasonECNoNoticeAtCollection, FactNoticeAtCollection)
	}
	if !req.Message.ObjectionNotice {
		ef.add(ReasonECNoNoticeInMessage, FactNoticeInMessage)
	}
	lp := p.lastPurchase
	noPurchase := lp == noDay || lp > p.d
	windowPassed := !noPurchase && lp < p.cutoff(cutPurchase)
	if noPurchase || windowPassed {
		ef.add(ReasonECPurchaseStale, FactRecentPurchase)
	}
	if ef.reasons == 0 {
		return true
	}
	// The denial is contested when its only ground is unsettled: the
	// purchase window (no court has fixed it), or a feedback request that
	// meets every other condition (BGH VI ZR 225/17 points to § 7(3)).
	settled := ef.reasons &^ (1<<ReasonECPurchaseStale | 1<<ReasonECNotOwnSimilar)
	soft := settled == 0 && !noPurchase &&
		((windowPassed && !notSimilar) || (!windowPassed && content == ContentFeedback))
	f.reasons |= ef.reasons
	f.missing |= ef.missing
	f.contested = f.contested || soft
	return false
}

// existingCustomerFactsMet reports whether the § 7(3) facts would be met if
// the exception applied to channels other than e-mail.
func existingCustomerFactsMet(p *prepared, req *Request, content Content) bool {
	lp := p.lastPurchase
	return req.ExistingCustomer.AddressFromSale && req.ExistingCustomer.NoticeAtCollection &&
		req.Message.ObjectionNotice && content == ContentOwnSimilar &&
		lp != noDay && lp <= p.d && lp >= p.cutoff(cutPurchase)
}
