package winback

import (
	"slices"
	"time"

	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/segment"
	"github.com/shopspring/decimal"
)

// act chooses the action, the channel and the budget cap.
func (d *Decision) act(resp churn.Response, rec segment.Recommendation, p Policy) {
	d.Action, d.BudgetCap = ActionNone, decimal.Zero
	switch {
	case d.ChurnType == churn.CompanyInitiated:
		d.Action = ActionExclude
		d.reason("action: exclude — company-initiated churn (negative margin, default or fraud) is never approached")
		return
	case d.Status == churn.Active:
		d.reason("action: none — the customer is still on their buying cycle")
		return
	case !resp.WinBack:
		d.Action = ActionLetGo
		d.reason("action: let go — the %s type is not won back (%s)", d.ChurnType, resp.Measures)
		return
	case !d.Worth:
		d.Action = ActionLetGo
		d.reason("action: let go — not worth winning back")
		return
	}
	switch rec.Treatment.Contact {
	case segment.ContactPersonal:
		d.Action = ActionPersonalContact
	case segment.ContactAutomated:
		d.Action = ActionAutomatedOffer
	default:
		d.Action = ActionLetGo
		d.reason("action: let go — quadrant %s gets no contact", d.Quadrant)
		return
	}
	d.chooseChannel(p)
	if d.Action.Contacts() {
		d.BudgetCap = rec.BudgetCap
		d.reason("action: %s via %s, incentive %s, tone %s, budget cap %s",
			d.Action, d.Channel, d.Incentive, d.Tone, d.BudgetCap.StringFixed(2))
	}
}

// chooseChannel picks the first allowed channel of the action's mode,
// falling back from personal to automated contact; without any allowed
// channel the action becomes ActionNone.
func (d *Decision) chooseChannel(p Policy) {
	if d.Action == ActionPersonalContact {
		if ch, ok := firstAllowed(d.Channels, p.PersonalChannels); ok {
			d.Channel = ch
			return
		}
		d.reason("no personal channel is permitted; trying automated channels")
		d.Action = ActionAutomatedOffer
	}
	if ch, ok := firstAllowed(d.Channels, p.AutomatedChannels); ok {
		d.Channel = ch
		return
	}
	d.Action, d.Channel = ActionNone, consent.ChannelUnknown
	d.reason("action: none — no channel is permitted (%s)", deniedSummary(d.Channels, p))
}

func firstAllowed(chs consent.ChannelDecisions, order []consent.Channel) (consent.Channel, bool) {
	for _, c := range order {
		if chs[c].Allowed {
			return c, true
		}
	}
	return consent.ChannelUnknown, false
}

func deniedSummary(chs consent.ChannelDecisions, p Policy) string {
	out := ""
	seen := [consent.NumChannels]bool{}
	for _, list := range [][]consent.Channel{p.PersonalChannels, p.AutomatedChannels} {
		for _, c := range list {
			if seen[c] {
				continue
			}
			seen[c] = true
			if out != "" {
				out += "; "
			}
			out += c.String() + ": " + chs[c].Rule.String()
		}
	}
	return out
}

// windowFree returns when the k-th oldest (from 0) contact in the window
// before asOf leaves it.
func windowFree(events []Event, asOf time.Time, window time.Duration, k int, oldest time.Time) time.Time {
	if k == 0 {
		return oldest.Add(window)
	}
	var times []time.Time
	for i := range events {
		e := &events[i]
		if e.Kind == EventEmailSent && !e.Time.After(asOf) && asOf.Sub(e.Time) < window {
			times = append(times, e.Time)
		}
	}
	slices.SortFunc(times, time.Time.Compare)
	return times[k].Add(window)
}

func deadlineNote(t Timing) string {
	if !t.Urgent {
		return ""
	}
	note := ", urgent: act by " + t.Deadline.Format(time.DateOnly) + " (recent cancellation or abandoned cart)"
	if t.NotBefore.After(t.Deadline) {
		note += "; the contact limits push the contact past it, and they win"
	}
	return note
}
