package contracts

import (
	"strconv"
	"time"
)

// appendEpochSeconds appends a time the way awsJson sends timestamps: epoch seconds as a JSON
// number, with milliseconds as a fraction (S5). It is the shortest decimal of
// float64(ms)/1000 (strconv.FormatFloat 'f', -1), written from the integer milliseconds
// without the float formatter where that decimal is plainly seconds and three digits of
// milliseconds less trailing zeros: from 0 up to 1e15 ms the doubles near ms/1000 lie closer
// than 0.0005 apart, so no shorter decimal names the same double. Apply writes it into the
// stored document from a buffer of its frame, without a string of its own.
func appendEpochSeconds(dst []byte, t time.Time) []byte {
	ms := t.UnixMilli()
	if ms < 0 || ms >= maxPlainEpochMillis {
		return strconv.AppendFloat(dst, float64(ms)/1000, 'f', -1, 64)
	}
	dst = strconv.AppendInt(dst, ms/1000, 10)
	if frac := ms % 1000; frac != 0 {
		digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
		n := 3
		for digits[n-1] == '0' {
			n--
		}
		dst = append(append(dst, '.'), digits[:n]...)
	}
	return dst
}

// epochRoom is room for appendEpochSeconds' text of any time: the integer path writes at most 15
// digits, a point and three; FormatFloat's shortest decimal of a double at most 17
// significant digits, a sign and a point (19 bytes, as for -4254312276578863.5 s).
const epochRoom = 24

// maxPlainEpochMillis bounds appendEpochSeconds' integer path (see there).
const maxPlainEpochMillis = 1e15
