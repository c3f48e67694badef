package scoring

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/kundenwert/winback/internal/check"
)

type modelJSON struct {
	Rules      []ruleJSON      `json:"rules"`
	Min        float64         `json:"min,omitempty"`
	Max        float64         `json:"max,omitempty"`
	Thresholds []thresholdJSON `json:"thresholds,omitempty"`
}

type ruleJSON struct {
	ID       string     `json:"id"`
	Trigger  string     `json:"trigger"`
	Event    string     `json:"event"`
	When     []condJSON `json:"when,omitempty"`
	Op       string     `json:"op"`
	Points   float64    `json:"points"`
	After    string     `json:"after,omitempty"`
	Window   string     `json:"window,omitempty"`
	HalfLife string     `json:"half_life,omitempty"`
}

type condJSON struct {
	Attr  string          `json:"attr"`
	Cmp   string          `json:"cmp"`
	Value json.RawMessage `json:"value"`
}

type thresholdJSON struct {
	Name      string  `json:"name"`
	Score     float64 `json:"score"`
	Direction string  `json:"direction"`
	Action    string  `json:"action,omitempty"`
}

// MarshalJSON returns the JSON form of m, or an error if m is not valid.
func (m Model) MarshalJSON() ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	w := modelJSON{Min: m.Min, Max: m.Max}
	for _, r := range m.Rules {
		rj := ruleJSON{
			ID: r.ID, Trigger: r.Trigger.String(), Event: r.Event, Op: r.Op.String(), Points: r.Points,
			After: formatSpan(r.After), Window: formatSpan(r.Window), HalfLife: formatSpan(r.HalfLife),
		}
		for _, c := range r.When {
			var v []byte
			var err error
			if c.Numeric {
				v, err = json.Marshal(c.Num)
			} else {
				v, err = json.Marshal(c.Str)
			}
			if err != nil {
				return nil, err
			}
			rj.When = append(rj.When, condJSON{Attr: c.Attr, Cmp: c.Cmp.String(), Value: v})
		}
		w.Rules = append(w.Rules, rj)
	}
	for _, t := range m.Thresholds {
		w.Thresholds = append(w.Thresholds, thresholdJSON{Name: t.Name, Score: t.Score, Direction: t.Direction.String(), Action: t.Action})
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes and validates a model. Errors are *InputError values
// naming the field in JSON terms, e.g. "rules[2].half_life".
//
// The JSON form of a Model is
//
//	{
//	  "rules": [
//	    {"id": "no_site_visit_30d", "trigger": "absence", "event": "site_visit",
//	     "op": "subtract", "points": 10, "after": "30d"},
//	    {"id": "discount_email_unopened", "trigger": "event", "event": "email_unopened",
//	     "when": [{"attr": "subject", "cmp": "contains", "value": "Rabatt"}],
//	     "op": "subtract", "points": 5, "window": "30d", "half_life": "60d"}
//	  ],
//	  "min": -100, "max": 100,
//	  "thresholds": [{"name": "winback_campaign", "score": -15, "direction": "down",
//	                  "action": "winback_campaign"}]
//	}
//
// Spans ("after", "window", "half_life") are strings: a number of days "30d"
// or weeks "4w", or a Go duration such as "36h". A condition's "value" is a
// JSON string or number. Unknown fields are errors.
func (m *Model) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var w modelJSON
	if err := dec.Decode(&w); err != nil {
		return check.New(ErrInvalidInput, "model", "%v", err)
	}
	out := Model{Min: w.Min, Max: w.Max}
	for i, rj := range w.Rules {
		r, err := rj.rule(fmt.Sprintf("rules[%d]", i))
		if err != nil {
			return err
		}
		out.Rules = append(out.Rules, r)
	}
	for i, tj := range w.Thresholds {
		d, err := directionNames().Parse(tj.Direction)
		if err != nil {
			return check.New(ErrInvalidInput, fmt.Sprintf("thresholds[%d].direction", i), "%v", err)
		}
		out.Thresholds = append(out.Thresholds, Threshold{Name: tj.Name, Score: tj.Score, Direction: d, Action: tj.Action})
	}
	if err := out.Validate(); err != nil {
		return err
	}
	*m = out
	return nil
}

func (rj ruleJSON) rule(path string) (Rule, error) {
	r := Rule{ID: rj.ID, Event: rj.Event, Points: rj.Points}
	var err error
	if r.Trigger, err = triggerNames().Parse(rj.Trigger); err != nil {
		return Rule{}, check.New(ErrInvalidInput, path+".trigger", "%v", err)
	}
	if r.Op, err = opNames().Parse(rj.Op); err != nil {
		return Rule{}, check.New(ErrInvalidInput, path+".op", "%v", err)
	}
	for _, f := range []struct {
		name string
		src  string
		dst  *time.Duration
	}{{"after", rj.After, &r.After}, {"window", rj.Window, &r.Window}, {"half_life", rj.HalfLife, &r.HalfLife}} {
		if *f.dst, err = parseSpan(f.src); err != nil {
			return Rule{}, check.New(ErrInvalidInput, path+"."+f.name, "%v", err)
		}
	}
	for j, cj := range rj.When {
		cp := fmt.Sprintf("%s.when[%d]", path, j)
		c := Condition{Attr: cj.Attr}
		if c.Cmp, err = cmpNames().Parse(cj.Cmp); err != nil {
			return Rule{}, check.New(ErrInvalidInput, cp+".cmp", "%v", err)
		}
		v := bytes.TrimSpace(cj.Value)
		switch {
		case len(v) > 0 && v[0] == '"':
			if err := json.Unmarshal(v, &c.Str); err != nil {
				return Rule{}, check.New(ErrInvalidInput, cp+".value", "%v", err)
			}
		case len(v) > 0 && (v[0] == '-' || (v[0] >= '0' && v[0] <= '9')):
			if err := json.Unmarshal(v, &c.Num); err != nil {
				return Rule{}, check.New(ErrInvalidInput, cp+".value", "%v", err)
			}
			c.Numeric = true
		default:
			return Rule{}, check.New(ErrInvalidInput, cp+".value", "must be a JSON string or number, got %q", v)
		}
		r.When = append(r.When, c)
	}
	return r, nil
}

// parseSpan parses "30d", "4w" or a Go duration; "" is 0.
func parseSpan(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	unit := time.Duration(0)
	switch {
	case strings.HasSuffix(s, "d"):
		unit = 24 * time.Hour
	case strings.HasSuffix(s, "w"):
		unit = 7 * 24 * time.Hour
	}
	if unit == 0 {
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, fmt.Errorf("span %q: want e.g. \"30d\", \"4w\" or \"36h\"", s)
		}
		return d, nil
	}
	x, err := strconv.ParseFloat(s[:len(s)-1], 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("span %q: want e.g. \"30d\", \"4w\" or \"36h\"", s)
	}
	ns := x * float64(unit)
	if math.Abs(ns) >= math.MaxInt64 {
		return 0, fmt.Errorf("span %q is out of range", s)
	}
	return time.Duration(math.Round(ns)), nil
}

// formatSpan writes whole days as "30d" and other spans as Go durations.
func formatSpan(d time.Duration) string {
	switch {
	case d == 0:
		return ""
	case d%(24*time.Hour) == 0:
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
	}
	return d.String()
}
