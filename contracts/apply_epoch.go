package contracts

import (
	"strconv"
	"time"
)

// epochSeconds renders a time the way awsJson sends timestamps: epoch seconds as a JSON
// number, with milliseconds as a fraction (S5). It is the shortest decimal of
// float64(ms)/1000 (strconv.FormatFloat 'f', -1), written from the integer milliseconds
// without the float formatter where that decimal is plainly seconds and three digits of
// milliseconds less trailing zeros: from 0 up to 1e15 ms the doubles near ms/1000 lie closer
// than 0.0005 apart, so no shorter decimal names the same double.
func epochSeconds(t time.Time) string {
	ms := t.UnixMilli()
	if ms < 0 || ms >= maxPlainEpochMillis {
		return strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64)
	}
	var buf [24]byte
	b := strconv.AppendInt(buf[:0], ms/1000, 10)
	if frac := ms % 1000; frac != 0 {
		digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
		n := 3
		for digits[n-1] == '0' {
			n--
		}
		b = append(append(b, '.'), digits[:n]...)
	}
	return string(b)
}

// maxPlainEpochMillis bounds epochSeconds' integer path (see there).
const maxPlainEpochMillis = 1e15
