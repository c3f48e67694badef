package clv

// FitMBGNBD fits an MBG/NBD model to customer histories by maximum
// likelihood, as FitBGNBD does for BG/NBD.
func FitMBGNBD(rows []History, opts FitOptions) (MBGNBD, FitInfo, error) {
	g, err := Group(rows)
	if err != nil {
		return MBGNBD{}, FitInfo{}, err
	}
	return fitMBGGrouped(g, opts)
}

// FitMBGNBDWeighted is FitMBGNBD for grouped rows with counts.
func FitMBGNBDWeighted(rows []Weighted, opts FitOptions) (MBGNBD, FitInfo, error) {
	if err := validateWeighted(rows); err != nil {
		return MBGNBD{}, FitInfo{}, err
	}
	return fitMBGGrouped(regroup(rows), opts)
}

func fitMBGGrouped(rows []Weighted, opts FitOptions) (MBGNBD, FitInfo, error) {
	th, info, err := fitBGFamily(true, rows, opts)
	if err != nil {
		return MBGNBD{}, info, err
	}
	return MBGNBD{R: th[0], Alpha: th[1], A: th[2], B: th[3]}, info, nil
}
