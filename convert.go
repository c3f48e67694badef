package winback

import (
	"slices"
	"time"

	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/clv"
	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/internal/money"
)

// purchaseDays merges a customer's orders up to asOf into purchase
// occasions, one per calendar day in the order's location (the BTYD
// convention of Summarize), amounts summed, Returned if any order of the day
// was returned. It appends to dst and returns it sorted by date.
func purchaseDays(dst []churn.Purchase, orders []Order, asOf time.Time) []churn.Purchase {
	start := len(dst)
	for i := range orders {
		o := &orders[i]
		if o.Time.After(asOf) {
			continue
		}
		dst = append(dst, churn.Purchase{
			Date:     o.Time,
			Amount:   money.ToFloat(o.Amount),
			Discount: money.ToFloat(o.Discount),
			Items:    o.Items,
			Returned: o.Returned,
		})
	}
	days := dst[start:]
	slices.SortFunc(days, func(a, b churn.Purchase) int { return a.Date.Compare(b.Date) })
	out := days[:0]
	for _, p := range days {
		if n := len(out); n > 0 && sameDay(out[n-1].Date, p.Date) {
			last := &out[n-1]
			last.Amount += p.Amount
			last.Discount += p.Discount
			last.Items += p.Items
			last.Returned = last.Returned || p.Returned
			continue
		}
		out = append(out, p)
	}
	return dst[:start+len(out)]
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// churnEvent maps a shop event to churn's vocabulary; ok is false for kinds
// churn does not read (abandoned carts, objections, revocations).
func churnEvent(e *Event) (churn.Event, bool) {
	ce := churn.Event{Date: e.Time}
	switch e.Kind {
	case EventCancellation:
		ce.Kind = churn.Cancellation
	case EventAccountDeleted:
		ce.Kind = churn.AccountDeleted
	case EventComplaint:
		ce.Kind = churn.Complaint
		ce.Outcome = churnOutcome(e.Outcome)
	case EventSupportTicket:
		ce.Kind, ce.Answered = churn.Ticket, e.Answered
	case EventPaymentFailure:
		ce.Kind = churn.PaymentFailure
	case EventAddressChange:
		ce.Kind = churn.AddressChange
	case EventEmailSent:
		ce.Kind = churn.EmailSent
	case EventEmailOpened:
		ce.Kind = churn.EmailOpened
	case EventEmailClicked:
		ce.Kind = churn.EmailClicked
	case EventSiteVisit:
		ce.Kind = churn.SiteVisit
	case EventUnsubscribe:
		ce.Kind = churn.Unsubscribe
	case EventNPSAnswer:
		ce.Kind, ce.Score = churn.NPS, e.Score
	default:
		return churn.Event{}, false
	}
	return ce, true
}

func churnOutcome(o ComplaintOutcome) churn.Outcome {
	switch o {
	case OutcomeResolved:
		return churn.Resolved
	case OutcomeRejected:
		return churn.Rejected
	case OutcomeEscalated:
		return churn.Escalated
	}
	return churn.Open // unknown or open: not settled
}

// Floors of clvHistory. A customer whose first purchase is at the
// decision date has T = 0, which no model accepts: such a customer counts
// as observed for one hour. Repeat purchases that were all free carry no
// spend information the Gamma-Gamma model can use (it needs positive
// amounts): they count as one cent each.
const (
	minAgeHours    = 1.0
	minRepeatSpend = 0.01
)

// clvHistory returns the customer's (x, t_x, T) at asOf in unit from the
// merged purchase days, and the mean amount of the repeat purchases.
func clvHistory(days []churn.Purchase, asOf time.Time, unit TimeUnit) (clv.History, float64) {
	first, last := days[0].Date, days[len(days)-1].Date
	per := unit.Days() * 24
	h := clv.History{
		X:  float64(len(days) - 1),
		Tx: last.Sub(first).Hours() / per,
		T:  max(asOf.Sub(first).Hours(), minAgeHours) / per,
	}
	if h.X == 0 {
		h.Tx = 0
		return h, 0
	}
	h.Tx = min(h.Tx, h.T)
	repeat := 0.0
	for _, p := range days[1:] {
		repeat += p.Amount
	}
	return h, max(repeat/h.X, minRepeatSpend)
}

// consentChannel maps a shop channel to consent's vocabulary; shop-only
// channels (web, store) map to ChannelUnknown.
func consentChannel(c Channel) consent.Channel {
	switch c {
	case ChannelEmail:
		return consent.ChannelEmail
	case ChannelSMS:
		return consent.ChannelSMS
	case ChannelPhone:
		return consent.ChannelPhone
	case ChannelPost:
		return consent.ChannelPostal
	case ChannelFax:
		return consent.ChannelFax
	case ChannelMessenger:
		return consent.ChannelMessenger
	case ChannelApp:
		return consent.ChannelPush
	}
	return consent.ChannelUnknown
}
