package contracts

// maxExactDigits is how many decimal digits every integer below 2^53 has room for: such an
// integer is a float64 exactly, and so is every power of ten up to 10^maxExactDigits.
const maxExactDigits = 15

// exactPow10 are the powers of ten that are float64s exactly, up to 10^maxExactDigits.
var exactPow10 = func() (p [maxExactDigits + 1]float64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// smallNumber reads a text of an optional '-', digits, and optionally '.' and more digits, at
// most maxExactDigits digits in all, as strconv.ParseFloat does (ok false for any other
// text): the digits are an integer m that is a float64 exactly, so m, or m / 10^k for k digits
// after the point, is the correctly rounded value ParseFloat answers (one IEEE operation on
// exact operands, its own fast path); -0 for a negative zero.
func smallNumber(s string) (float64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	i := 0
	if neg {
		i = 1
	}
	var m uint64
	digits, frac, point := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			digits++
			if point {
				frac++
			}
		case c == '.' && !point && digits > 0:
			point = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > maxExactDigits || point && frac == 0 {
		return 0, false
	}
	f := float64(m) / exactPow10[frac]
	if neg {
		f = -f // -0 for a zero, as ParseFloat reads it
	}
	return f, true
}
