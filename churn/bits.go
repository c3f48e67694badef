package churn

import "math/bits"

func trailingZeros(v uint64) int { return bits.TrailingZeros64(v) }
