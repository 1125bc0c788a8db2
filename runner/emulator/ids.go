package emulator

import (
	"crypto/rand"
	"fmt"
	mrand "math/rand/v2"
	"sync"

	"github.com/cognito-contract/cognito-contract/contracts"
)

const (
	lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	mixedAlnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	hexDigits  = "0123456789abcdef"
)

// idSource draws identifiers: from a seeded PCG when deterministic, from crypto/rand otherwise.
// The PCG is called directly (a math/rand/v2 Rand over it draws the same Uint64s, through an
// interface).
type idSource struct {
	mu  sync.Mutex
	pcg *mrand.PCG // nil: crypto/rand
}

func newRandomIDs() *idSource { return &idSource{} }

func newSeededIDs(seed uint64) *idSource {
	return &idSource{pcg: mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15)}
}

// text returns n characters drawn from alphabet (each byte of randomness reduced modulo the
// alphabet: a slight bias that does not matter for identifiers).
func (s *idSource) text(n int, alphabet string) string {
	b := make([]byte, n)
	s.fill(b, alphabet)
	return string(b)
}

// fill draws len(b) characters of alphabet into b, the way text does.
func (s *idSource) fill(b []byte, alphabet string) {
	s.draw(b)
	inAlphabet(b, alphabet)
}

// draw writes a byte of randomness into each byte of b: the low byte of one PCG draw each,
// all under one lock, or one read of crypto/rand for the whole of b.
func (s *idSource) draw(b []byte) {
	if s.pcg == nil {
		_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
		return
	}
	s.mu.Lock()
	for i := range b {
		b[i] = byte(s.pcg.Uint64())
	}
	s.mu.Unlock()
}

// inAlphabet reduces each byte of b to a character of alphabet, by a modulo of the
// alphabet's length.
func inAlphabet(b []byte, alphabet string) {
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
}

// poolID is "<region>_" plus 9 alphanumerics, the format of real user pool ids
// (for example "us-east-1_AAAAAAAAA" in OB-14 of docs/contract-facts.md).
func (s *idSource) poolID(region string) string { return region + "_" + s.text(9, mixedAlnum) }

// clientID is 26 lower-case alphanumerics, the format of real app client ids.
func (s *idSource) clientID() string { return s.text(26, lowerAlnum) }

// uuidLen is the length of a UUID's text.
const uuidLen = 36

// requestIDInto writes a version 4 UUID, the format of x-amzn-RequestId, into out, for an
// answer that writes it with its other header values in one string. It draws 33 bytes at
// once (draw: under one lock, or in one read): 32 hex digits, as fill draws them, and the
// variant, chosen by the last byte modulo 4. That byte is the low byte of a PCG draw, whose
// value modulo 4 is the whole draw's, so a seeded source hands out the ids it did when the
// variant was a whole Uint64 drawn after the digits.
func (s *idSource) requestIDInto(out *[uuidLen]byte) {
	var b [33]byte
	s.draw(b[:])
	inAlphabet(b[:32], hexDigits)
	b[12] = '4'
	b[16] = "89ab"[b[32]%4]
	copy(out[0:8], b[0:8])
	copy(out[9:13], b[8:12])
	copy(out[14:18], b[12:16])
	copy(out[19:23], b[16:20])
	copy(out[24:36], b[20:32])
	out[8], out[13], out[18], out[23] = '-', '-', '-', '-'
}

// secretLength is the length of generated client secrets when the model allows it; real
// secrets are of this order (51-52 lower-case alphanumerics).
const secretLength = 52

// clientSecret draws a secret that satisfies ClientSecretType of the model: its length bounds
// and its pattern are read from the model, never written here.
func (s *idSource) clientSecret(m *contracts.Model) (string, error) {
	shape, ok := m.Shape("ClientSecretType")
	if !ok {
		return "", fmt.Errorf("model has no ClientSecretType shape")
	}
	n := int64(secretLength)
	if lo, ok := shape.Length.MinInt(); ok && n < lo {
		n = lo
	}
	if hi, ok := shape.Length.MaxInt(); ok && n > hi {
		n = hi
	}
	secret := s.text(int(n), lowerAlnum)
	if re := shape.Regexp(); re != nil && !re.MatchString(secret) {
		return "", fmt.Errorf("model's ClientSecretType pattern %q admits no lower-case alphanumeric secret", shape.Pattern)
	}
	return secret, nil
}
