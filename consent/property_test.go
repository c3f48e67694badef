package consent

import (
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// genDay draws a date between 2020-01-01 and 2026-12-31.
func genDay(t *rapid.T, label string) time.Time {
	return date(2020, 1, 1).AddDate(0, 0, rapid.IntRange(0, 7*365).Draw(t, label))
}

// genOptDay draws a date or, one time in four, the zero time.
func genOptDay(t *rapid.T, label string) time.Time {
	if rapid.IntRange(0, 3).Draw(t, label+"?") == 0 {
		return time.Time{}
	}
	return genDay(t, label)
}

// genRecord draws a consent record; half of them are valid-looking
// records granted within about a year before the decision date d.
func genRecord(t *rapid.T, i int, d time.Time) ConsentRecord {
	l := func(s string) string { return s + string(rune('0'+i)) }
	var c ConsentRecord
	if rapid.Bool().Draw(t, l("good")) {
		c = ConsentRecord{
			Channel:     Channel(rapid.IntRange(1, int(channelCount)-1).Draw(t, l("ch"))),
			Scope:       rapid.SampledFrom([]Scope{ScopeOwnAll, ScopeOwnSimilar, ScopeFeedback}).Draw(t, l("scope")),
			Method:      rapid.SampledFrom([]Method{MethodOnlineForm, MethodWritten, MethodInPerson, MethodPhone, MethodApp}).Draw(t, l("method")),
			GrantedAt:   d.AddDate(0, 0, -rapid.IntRange(-5, 420).Draw(t, l("granted"))),
			ActiveOptIn: true, DoubleOptIn: true, Documented: true,
		}
	} else {
		c = ConsentRecord{
			Channel:     Channel(rapid.IntRange(0, int(channelCount)-1).Draw(t, l("ch"))),
			Scope:       Scope(rapid.IntRange(0, int(scopeCount)-1).Draw(t, l("scope"))),
			Method:      Method(rapid.IntRange(0, int(methodCount)-1).Draw(t, l("method"))),
			GrantedAt:   genOptDay(t, l("granted")),
			ActiveOptIn: rapid.Bool().Draw(t, l("active")),
			DoubleOptIn: rapid.Bool().Draw(t, l("doi")),
			Documented:  rapid.Bool().Draw(t, l("doc")),
		}
	}
	if !c.GrantedAt.IsZero() {
		if rapid.IntRange(0, 6).Draw(t, l("revoked?")) == 0 {
			c.RevokedAt = c.GrantedAt.AddDate(0, 0, rapid.IntRange(0, 900).Draw(t, l("revoked")))
		}
		if rapid.Bool().Draw(t, l("used?")) {
			c.LastUsedAt = c.GrantedAt.AddDate(0, 0, rapid.IntRange(0, 900).Draw(t, l("used")))
		}
	}
	return c
}

// genRequest draws a valid Request whose facts are often, but not always,
// favourable, so that both allowances and denials occur.
func genRequest(t *rapid.T) Request {
	r := Request{
		Date:      date(2025, 1, 1).AddDate(0, 0, rapid.IntRange(-400, 400).Draw(t, "date")),
		Recipient: RecipientKind(rapid.IntRange(0, int(recipientKindCount)-1).Draw(t, "recipient")),
		Message: Message{
			Purpose:          rapid.SampledFrom([]Purpose{PurposeAdvertising, PurposeAdvertising, PurposeMixed, PurposeFeedback, PurposeTransactional, PurposeUnknown}).Draw(t, "purpose"),
			Content:          rapid.SampledFrom([]Content{ContentOwnSimilar, ContentOwnSimilar, ContentOwnOther, ContentFeedback, ContentThirdParty, ContentUnknown}).Draw(t, "content"),
			SenderIdentified: rapid.IntRange(0, 9).Draw(t, "sender") > 0,
			DDGCompliant:     rapid.IntRange(0, 9).Draw(t, "ddg") > 0,
			OptOutAddress:    rapid.IntRange(0, 9).Draw(t, "optout") > 0,
			ObjectionNotice:  rapid.IntRange(0, 3).Draw(t, "notice") > 0,
			StatedIssue:      rapid.Bool().Draw(t, "issue"),
		},
		ExistingCustomer: ExistingCustomer{AddressFromSale: rapid.IntRange(0, 3).Draw(t, "fromsale") > 0, NoticeAtCollection: rapid.IntRange(0, 3).Draw(t, "noticecoll") > 0},
		BusinessPhone:    BusinessPhone{rapid.Bool().Draw(t, "prior"), rapid.Bool().Draw(t, "serves")},
		PostalList:       ListStatus(rapid.IntRange(0, int(listStatusCount)-1).Draw(t, "list")),
	}
	if rapid.Bool().Draw(t, "recentpurchase") {
		r.Relationship.LastPurchase = r.Date.AddDate(0, 0, -rapid.IntRange(-5, 420).Draw(t, "purchase"))
	} else {
		r.Relationship.LastPurchase = genOptDay(t, "purchase")
	}
	if rapid.IntRange(0, 3).Draw(t, "contractend?") == 0 {
		r.Relationship.ContractEnd = genDay(t, "contractend")
	}
	for i := range rapid.IntRange(0, 4).Draw(t, "nconsents") {
		r.Consents = append(r.Consents, genRecord(t, i, r.Date))
	}
	if rapid.IntRange(0, 9).Draw(t, "objection?") == 0 {
		r.Objections = append(r.Objections, Objection{Date: genOptDay(t, "objdate"), Channel: Channel(rapid.IntRange(0, int(channelCount)-1).Draw(t, "objch"))})
	}
	return r
}

func genOptions(t *rapid.T) Options {
	return Options{
		ConsentMaxIdleMonths:   rapid.IntRange(0, 48).Draw(t, "idle"),
		AfterContractEndMonths: rapid.IntRange(0, 48).Draw(t, "afterend"),
		ExistingCustomerMonths: rapid.IntRange(0, 48).Draw(t, "ec"),
	}
}

func mustAll(t *rapid.T, r Request, o Options) ChannelDecisions {
	d, err := EvaluateAll(r, o)
	if err != nil {
		t.Fatalf("EvaluateAll on a valid request: %v", err)
	}
	return d
}

// blank returns a copy of r with one permission-supporting fact removed or
// set to its zero (unknown) value. Restrictive facts (objections,
// withdrawals, contract end) are not touched here.
func blank(t *rapid.T, r Request) Request {
	r.Consents = slices.Clone(r.Consents)
	var edits []func()
	edits = append(edits,
		func() { r.Recipient = RecipientUnknown },
		func() { r.Message.Purpose = PurposeUnknown },
		func() { r.Message.Content = ContentUnknown },
		func() { r.Message.SenderIdentified = false },
		func() { r.Message.DDGCompliant = false },
		func() { r.Message.OptOutAddress = false },
		func() { r.Message.ObjectionNotice = false },
		func() { r.Message.StatedIssue = false },
		func() { r.ExistingCustomer.AddressFromSale = false },
		func() { r.ExistingCustomer.NoticeAtCollection = false },
		func() { r.BusinessPhone.PriorRelationship = false },
		func() { r.BusinessPhone.OfferServesBusiness = false },
		func() { r.PostalList = ListUnknown },
		func() { r.Relationship.LastPurchase = time.Time{} },
	)
	for i := range r.Consents {
		c := &r.Consents[i]
		edits = append(edits,
			func() { c.Channel = ChannelUnknown },
			func() { c.Scope = ScopeUnknown },
			func() { c.Method = MethodUnknown },
			func() { c.GrantedAt = time.Time{} },
			func() { c.ActiveOptIn = false },
			func() { c.DoubleOptIn = false },
			func() { c.Documented = false },
			func() { c.LastUsedAt = time.Time{} },
		)
		if c.RevokedAt.IsZero() {
			edits = append(edits, func() { r.Consents = slices.Delete(r.Consents, i, i+1) })
		}
	}
	edits[rapid.IntRange(0, len(edits)-1).Draw(t, "edit")]()
	return r
}

func TestBlankingAFactNeverTurnsDenialIntoAllowance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRequest(t)
		o := genOptions(t)
		before := mustAll(t, r, o)
		after := mustAll(t, blank(t, r), o)
		for c := ChannelEmail; c < channelCount; c++ {
			if !before[c].Allowed && after[c].Allowed {
				t.Fatalf("%v: denied (%v %v) became allowed (%v %v) after blanking a fact",
					c, before[c].Rule, before[c].Reasons.List(), after[c].Rule, after[c].Reasons.List())
			}
		}
	})
}

func TestAddingAnObjectionStopsAllAdvertising(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRequest(t)
		o := genOptions(t)
		before := mustAll(t, r, o)
		r.Objections = append(slices.Clone(r.Objections), Objection{
			Date:    genOptDay(t, "newobj"),
			Channel: Channel(rapid.IntRange(0, int(channelCount)-1).Draw(t, "newobjch")),
		})
		after := mustAll(t, r, o)
		noNewAllowance(t, before, after, "an objection")
		for c := ChannelEmail; c < channelCount; c++ {
			if after[c].Allowed && after[c].Rule != RuleTransactional {
				t.Fatalf("%v: advertising still allowed (%v) after an objection", c, after[c].Rule)
			}
		}
	})
}

// A withdrawal dated on or after every grant (and the decision date) ends
// every consent for its channel; one dated earlier leaves room for a consent
// granted again afterwards, which is the point of dating it.
func TestAddingAWithdrawalStopsAdvertisingOnItsChannel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRequest(t)
		o := genOptions(t)
		before := mustAll(t, r, o)
		ch := Channel(rapid.IntRange(1, int(channelCount)-1).Draw(t, "revch"))
		latest := r.Date
		for _, c := range r.Consents {
			if c.GrantedAt.After(latest) {
				latest = c.GrantedAt
			}
		}
		rv := latest.AddDate(0, 0, rapid.IntRange(0, 30).Draw(t, "revdays"))
		r.Consents = slices.Clone(r.Consents)
		idx := slices.IndexFunc(r.Consents, func(c ConsentRecord) bool { return c.Channel == ch })
		if idx >= 0 && rapid.Bool().Draw(t, "onexisting") {
			r.Consents[idx].RevokedAt = rv
		} else {
			r.Consents = append(r.Consents, ConsentRecord{Channel: ch, GrantedAt: genOptDay(t, "revgrant").AddDate(-10, 0, 0), RevokedAt: rv})
		}
		after := mustAll(t, r, o)
		noNewAllowance(t, before, after, "a withdrawal")
		if after[ch].Allowed && after[ch].Rule != RuleTransactional {
			t.Fatalf("%v: advertising still allowed (%v) after a withdrawal on the channel", ch, after[ch].Rule)
		}
	})
}

func TestAddingAContractEndNeverAllows(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRequest(t)
		r.Relationship.ContractEnd = time.Time{}
		o := genOptions(t)
		before := mustAll(t, r, o)
		r.Relationship.ContractEnd = genDay(t, "newend")
		after := mustAll(t, r, o)
		noNewAllowance(t, before, after, "a contract end")
	})
}

func TestEvaluateIsDeterministicAndOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genRequest(t)
		o := genOptions(t)
		first := mustAll(t, r, o)
		if again := mustAll(t, r, o); again != first {
			t.Fatalf("two evaluations differ")
		}
		p := r
		p.Consents = rapid.Permutation(r.Consents).Draw(t, "consents")
		p.Objections = rapid.Permutation(r.Objections).Draw(t, "objections")
		if got := mustAll(t, p, o); got != first {
			for c := range got {
				if got[c] != first[c] {
					t.Fatalf("%v: order changed the decision: %+v vs %+v", Channel(c), got[c], first[c])
				}
			}
		}
	})
}

// Allowed decisions never report missing facts, and every decision's rule
// and reasons have identifiers.
func TestDecisionsAreWellFormed(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		all := mustAll(t, genRequest(t), genOptions(t))
		for c := ChannelEmail; c < channelCount; c++ {
			d := all[c]
			if d.Allowed && (d.Missing != 0 || d.Contested) {
				t.Fatalf("%v: allowed with missing %v contested %v", c, d.Missing, d.Contested)
			}
			if d.Rule == RuleNone || d.Reasons == 0 {
				t.Fatalf("%v: decision without rule or reasons: %+v", c, d)
			}
			if d.Reasons>>reasonCount != 0 || d.Missing>>factCount != 0 {
				t.Fatalf("%v: unknown reason or fact bits: %+v", c, d)
			}
		}
	})
}

// noNewAllowance fails when a channel denied before is allowed after adding
// what (a fail-closed engine never lets more facts against sending open a
// channel).
func noNewAllowance(t *rapid.T, before, after ChannelDecisions, what string) {
	for c := ChannelEmail; c < channelCount; c++ {
		if !before[c].Allowed && after[c].Allowed {
			t.Fatalf("%v: %s turned a denial into an allowance", c, what)
		}
	}
}
