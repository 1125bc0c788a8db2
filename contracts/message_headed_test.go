package contracts

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	. "github.com/onsi/gomega"
)

// refMessage is ValidationMessage as the service's format states it, concatenated plainly.
func refMessage(vs []Violation) string {
	entries := make([]string, len(vs))
	for i, v := range vs {
		entries[i] = v.Message
	}
	head := "1 validation error detected: "
	if len(vs) != 1 {
		head = strconv.Itoa(len(vs)) + " validation errors detected: "
	}
	return head + strings.Join(entries, "; ")
}

func TestEntryIsConcatenation(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	for _, value := range []string{"", "x", strings.Repeat("あ", headedMin/3-10), strings.Repeat("a", headedMin),
		strings.Repeat("é\u2028", 100000)} {
		got := entry(value, "analyticsConfiguration.externalId", lengthMaxText(2048))
		g.Expect(got).To(Equal("Value '"+value+"' at 'analyticsConfiguration.externalId' failed to satisfy constraint: "+lengthMaxText(2048)), "%d bytes", len(value))
	}
}

// TestValidationMessageOfHeadedEntries: a long entry's one-error message is the buffer it was
// written in, and every other composition (the same text elsewhere, several entries, short
// entries) is the plain concatenation. Not parallel: other tests' long entries would push this
// one's out of the four remembered.
func TestValidationMessageOfHeadedEntries(t *testing.T) {
	g := NewWithT(t)
	huge := entry(strings.Repeat("あ\u2028", 60000), "clientName", lengthMaxText(128))
	small := entry("x", "clientId", lengthMinText(1))
	copied := strings.Clone(huge)
	cases := map[string][]Violation{
		"huge alone":        {{Message: huge}},
		"huge copied":       {{Message: copied}},
		"huge then small":   {{Message: huge}, {Message: small}},
		"small then huge":   {{Message: small}, {Message: huge}},
		"huge twice":        {{Message: huge}, {Message: huge}},
		"small alone":       {{Message: small}},
		"prefix of huge":    {{Message: huge[:len(huge)-1]}},
		"suffix of huge":    {{Message: huge[1:]}},
		"empty list":        {},
		"long, not entry's": {{Message: strings.Repeat("v", 2*headedMin)}},
	}
	for name, vs := range cases {
		g.Expect(ValidationMessage(vs)).To(Equal(refMessage(vs)), name)
	}
	msg, ok := headedMessage(huge)
	g.Expect(ok).To(BeTrue(), "the huge entry's buffer is remembered")
	g.Expect(msg[len(oneErrorHead):]).To(BeIdenticalTo(huge))
	_, ok = headedMessage(copied)
	g.Expect(ok).To(BeFalse(), "an equal text elsewhere is not the entry")
}

func TestHeadedConcurrent(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 20 {
				e := entry(strings.Repeat(string(rune('a'+i)), headedMin+j), "clientName", lengthMaxText(128))
				if got, want := ValidationMessage([]Violation{{Message: e}}), oneErrorHead+e; got != want {
					t.Errorf("worker %d: message differs", i)
				}
			}
		})
	}
	wg.Wait()
}
