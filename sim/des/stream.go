package des

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
)

// StreamScheme names the seed derivation of StreamSeed; results record it
// so that a change of scheme is visible.
const StreamScheme = "pcg(sha256(\"vaxsim/des/v1\" | u64le(seed) | u64le(rep) | name))"

// StreamSeed derives the two PCG seed words of the stream called name in
// replication rep of master seed seed: the first 16 bytes of
// SHA-256("vaxsim/des/v1" || seed as 8 little-endian bytes || rep as 8
// little-endian bytes || name), read as two little-endian uint64.
func StreamSeed(seed uint64, rep int, name string) (hi, lo uint64) {
	var buf [16]byte
	h := sha256.New()
	h.Write([]byte("vaxsim/des/v1"))
	binary.LittleEndian.PutUint64(buf[:8], seed)
	binary.LittleEndian.PutUint64(buf[8:], uint64(rep))
	h.Write(buf[:])
	h.Write([]byte(name))
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return binary.LittleEndian.Uint64(sum[:8]), binary.LittleEndian.Uint64(sum[8:16])
}

// NewStream returns a generator over PCG seeded by StreamSeed.
func NewStream(seed uint64, rep int, name string) *rand.Rand {
	hi, lo := StreamSeed(seed, rep, name)
	return rand.New(rand.NewPCG(hi, lo))
}

// Stream returns the environment's stream called name, creating it on
// first use. Calling it twice with the same name returns the same
// generator. Look streams up once, at set-up, not per event.
func (e *Env) Stream(name string) *rand.Rand {
	s, ok := e.streams[name]
	switch {
	case !ok:
		hi, lo := StreamSeed(e.seed, e.rep, name)
		pcg := rand.NewPCG(hi, lo)
		s = &stream{pcg: pcg, r: rand.New(pcg), gen: e.gen}
		e.streams[name] = s
	case s.gen != e.gen: // made before a Reset
		s.pcg.Seed(StreamSeed(e.seed, e.rep, name))
		s.gen = e.gen
	}
	return s.r
}
