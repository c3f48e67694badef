package scoring

import "time"

// Event is one thing a customer did or that happened to them, e.g. a site
// visit, a purchase, an e-mail that was not opened. Events are the input of
// Model.Score; the shop (or the root package) derives them from its logs.
type Event struct {
	// Date is when the event happened. It must not be the zero time.
	Date time.Time
	// Kind names the event, e.g. "site_visit", "purchase",
	// "email_unopened". Rules match it exactly (case-sensitive).
	Kind string
	// Attrs are optional attributes that rule conditions test, e.g. the
	// subject of an e-mail or the value of an order. Keys should be unique;
	// a condition looks at the first attribute with its key.
	Attrs []Attr
}

// Attr is one attribute of an event: a string or a number under a key.
// Build it with NumAttr or StrAttr.
type Attr struct {
	Key     string
	Str     string  // the value when Numeric is false
	Num     float64 // the value when Numeric is true; must be finite
	Numeric bool    // whether the value is the number Num rather than the string Str
}

// NumAttr returns a numeric attribute.
func NumAttr(key string, v float64) Attr { return Attr{Key: key, Num: v, Numeric: true} }

// StrAttr returns a string attribute.
func StrAttr(key, s string) Attr { return Attr{Key: key, Str: s} }

// attr returns the first attribute with key k.
func (e *Event) attr(k string) (Attr, bool) {
	for _, a := range e.Attrs {
		if a.Key == k {
			return a, true
		}
	}
	return Attr{}, false
}
