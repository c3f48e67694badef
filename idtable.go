package winback

import "hash/maphash"

// idTable maps customer ids to their index in a Summaries. It replaces a
// map[string]int32 on Summarize's hot path: each slot keeps the id's hash,
// its length and, for ids of up to 16 bytes, the id itself, so that a
// lookup usually reads one cache line and never the id stored elsewhere.
// Longer ids are compared with the stored copy. Open addressing with
// linear probing, load factor ≤ 3/4.
type idTable struct {
	slots []idSlot
	n     int
	seed  maphash.Seed
}

type idSlot struct {
	hash uint64   // hash | 1; 0 marks an empty slot
	key  [16]byte // the id if it has at most 16 bytes
	klen int32
	idx  int32
}

func newIDTable(hint int) idTable {
	t := idTable{seed: maphash.MakeSeed()}
	t.rehash(hint, nil)
	return t
}

// find returns the index of id, or -1 and the slot where it belongs.
func (t *idTable) find(id string, h uint64, keys []accCold) (idx int32, slot int) {
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		switch {
		case s.hash == 0:
			return -1, i
		case s.hash == h && int(s.klen) == len(id):
			if len(id) <= len(s.key) {
				if string(s.key[:len(id)]) == id {
					return s.idx, i
				}
			} else if keys[s.idx].id == id {
				return s.idx, i
			}
		}
	}
}

// lookup returns the index of id, or -1.
func (t *idTable) lookup(id string, keys []accCold) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	idx, _ := t.find(id, maphash.String(t.seed, id)|1, keys)
	return idx
}

// put stores id, with hash h and index idx, in the empty slot returned by
// find, growing the table first if needed.
func (t *idTable) put(slot int, id string, h uint64, idx int32, keys []accCold) {
	if 4*(t.n+1) > 3*len(t.slots) {
		t.rehash(2*len(t.slots), keys)
		_, slot = t.find(id, h, keys)
	}
	s := &t.slots[slot]
	s.hash, s.klen, s.idx = h, int32(len(id)), idx
	copy(s.key[:], id)
	t.n++
}

// rehash moves the slots into a table for at least n ids.
func (t *idTable) rehash(n int, _ []accCold) {
	size := 64
	for 3*size < 4*n {
		size *= 2
	}
	old := t.slots
	t.slots = make([]idSlot, size)
	mask := size - 1
	for _, s := range old {
		if s.hash == 0 {
			continue
		}
		i := int(s.hash) & mask
		for t.slots[i].hash != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}
