package winback

import (
	"strconv"
	"time"

	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/segment"
	"github.com/shopspring/decimal"
)

// line builds one line of the reasons trail without fmt: the four lines
// every decision has are written on the hot path of Plan.
type line []byte

func (l line) s(s string) line         { return append(l, s...) }
func (l line) f(v float64, p int) line { return strconv.AppendFloat(l, v, 'f', p, 64) }
func (l line) date(t time.Time) line   { return t.AppendFormat(l, time.DateOnly) }
func (l line) money(d decimal.Decimal) line {
	return append(l, d.StringFixed(2)...)
}

// baseReasons writes the status, churn-type, value and worthiness lines.
func (a *assessment) baseReasons(d *Decision) {
	var b [256]byte
	status := line(b[:0]).s("status: ").s(a.lapse.State.String()).s(", ").f(a.lapse.Overdue, 1).
		s("× the own interval since the last purchase on ").date(a.lapse.Last).
		s(" (P(alive) ").f(d.PAlive, 2).s(")")
	d.Reasons = append(d.Reasons, string(status))
	kind := line(b[:0]).s("churn type: ").s(d.ChurnType.String()).s(" (confidence ").f(d.Confidence, 2).
		s(", runner-up ").s(d.RunnerUp.String()).s("), evidence: ").s(signalList(d.Evidence))
	d.Reasons = append(d.Reasons, string(kind))
	value := line(b[:0]).s("value if won back ").money(d.Value).s(" × win-back probability ").f(d.WinBackProbability, 2).
		s(" = recovery value ").money(d.RecoveryValue).s(" → quadrant ").s(d.Quadrant.String())
	d.Reasons = append(d.Reasons, string(value))
	worth := line(b[:0]).s("worth winning back: ").s(strconv.FormatBool(d.Worth)).s(" (").s(reasonList(d.WorthReasons)).s(")")
	d.Reasons = append(d.Reasons, string(worth))
}

func signalList(ss []churn.Signal) string {
	if len(ss) == 0 {
		return "none"
	}
	var b [128]byte
	l := line(b[:0])
	for i, s := range ss {
		if i > 0 {
			l = l.s(", ")
		}
		l = l.s(s.ID.String())
	}
	return string(l)
}

func reasonList(rs []segment.Reason) string {
	var b [128]byte
	l := line(b[:0])
	for i, r := range rs {
		if i > 0 {
			l = l.s(", ")
		}
		l = l.s(r.String())
	}
	return string(l)
}
