package winback

// pairSet is an open-addressing hash set of (index, value) pairs packed in a
// uint64: the customer's index in the upper 32 bits, a day or period number
// in the lower 32. It holds the distinct purchase days (or active periods)
// of every customer, which is what makes same-day merging and period counts
// exact under Merge. Memory: 8 bytes per slot, at most 2 slots per element
// after growth (load factor ≤ 1/2 … 3/4).
type pairSet struct {
	slots []uint64 // encoded pairs (see enc); 0 marks an empty slot
	n     int
}

// enc maps a pair to a non-zero slot value. Pairs are (uint32, int32); the
// index is stored +1 so that the encoded value is never 0.
func enc(idx int32, v int32) uint64 {
	return uint64(uint32(idx)+1)<<32 | uint64(uint32(v))
}

// dec is the inverse of enc.
func dec(k uint64) (idx int32, v int32) {
	return int32(uint32(k>>32) - 1), int32(uint32(k))
}

// hash64 is a fast 64-bit mixer (the finaliser of SplitMix64).
func hash64(k uint64) uint64 {
	k ^= k >> 30
	k *= 0xbf58476d1ce4e5b9
	k ^= k >> 27
	k *= 0x94d049bb133111eb
	k ^= k >> 31
	return k
}

// add inserts the pair and reports whether it was new.
func (s *pairSet) add(idx, v int32) bool {
	if 4*(s.n+1) > 3*len(s.slots) {
		s.grow()
	}
	return s.insert(enc(idx, v))
}

func (s *pairSet) insert(k uint64) bool {
	mask := uint64(len(s.slots) - 1)
	for i := hash64(k) & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case k:
			return false
		case 0:
			s.slots[i] = k
			s.n++
			return true
		}
	}
}

// has reports whether the pair is in the set.
func (s pairSet) has(idx, v int32) bool {
	if len(s.slots) == 0 {
		return false
	}
	k := enc(idx, v)
	mask := uint64(len(s.slots) - 1)
	for i := hash64(k) & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

func (s *pairSet) grow() { s.rehash(2 * len(s.slots)) }

// rehash moves the elements into a table of at least size slots (a power of
// two, at least 64).
func (s *pairSet) rehash(size int) {
	n := 64
	for n < size {
		n *= 2
	}
	old := s.slots
	s.slots = make([]uint64, n)
	s.n = 0
	for _, k := range old {
		if k != 0 {
			s.insert(k)
		}
	}
}

// reserve makes room for n elements without further growth.
func (s *pairSet) reserve(n int) {
	if 4*n > 3*len(s.slots) {
		s.rehash(n * 2)
	}
}

// all calls f for every pair in unspecified order.
func (s pairSet) all(f func(idx, v int32)) {
	for _, k := range s.slots {
		if k != 0 {
			f(dec(k))
		}
	}
}
