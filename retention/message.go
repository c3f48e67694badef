package retention

// UnsubscribeRate returns unsubscribes / sent, the unsubscribes caused per
// message sent, as a fraction in [0, 1]. Convention: a message causes at most
// one unsubscribe, so unsubscribes > sent returns ErrInvalidInput; sent = 0
// returns ErrUndefined.
func UnsubscribeRate(unsubscribes, sent int) (float64, error) {
	if err := denominator("sent", sent, "unsubscribe rate"); err != nil {
		return 0, err
	}
	if err := part("unsubscribes", unsubscribes, "sent", sent); err != nil {
		return 0, err
	}
	return fraction(unsubscribes, sent), nil
}

// ComplaintRate returns complaints / sent, the complaints (e.g. spam reports
// or complaints about the contact) per message sent, as a fraction in
// [0, 1]. Convention: a message causes at most one complaint, so
// complaints > sent returns ErrInvalidInput; sent = 0 returns ErrUndefined.
func ComplaintRate(complaints, sent int) (float64, error) {
	if err := denominator("sent", sent, "complaint rate"); err != nil {
		return 0, err
	}
	if err := part("complaints", complaints, "sent", sent); err != nil {
		return 0, err
	}
	return fraction(complaints, sent), nil
}
