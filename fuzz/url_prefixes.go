package fuzz

// urlPrefixTexts are appendURLPrefix's texts of each kind (urlPrefixes) for the indexes of the
// model's URL lists, made once (listURLPrefixes): a short URL's prefix is then copied whole
// instead of written in three pieces. texts[k][i] is kind k's prefix of index i; the prefixes
// of a kind are pieces of one string. slots[k][i] is the same text in a room of its own
// (urlPrefixSlot), for the indexes whose prefixes fit one (all of the model's lists': the
// longest is 28 bytes).
type urlPrefixTexts struct {
	texts [len(urlPrefixes)][]string
	slots [len(urlPrefixes)][]urlPrefixSlot
}

// urlPrefixSlot is a prefix's text in urlPrefixRoom bytes, its length in the last byte: a
// short URL copies the whole room at once (a copy of a fixed size: no call, no loop) and
// advances by the length.
type urlPrefixSlot [urlPrefixRoom]byte

// urlPrefixRoom is the bytes of a prefix's room (urlPrefixSlot): a prefix of up to
// urlPrefixRoom-1 bytes has one.
const urlPrefixRoom = 32

// listURLPrefixes makes the prefixes of the indexes of the input's URL lists: every index of
// the longest list and of one entry more (a list broken too long, breakShape).
func (g *Generator) listURLPrefixes() urlPrefixTexts {
	n := 0
	for _, m := range g.input.Members {
		if isURLList(m) {
			_, hi := listBounds(m.Effective())
			n = max(n, hi+1)
		}
	}
	var t urlPrefixTexts
	for k := range t.texts {
		var text []byte
		ends := make([]int, n)
		for i := range ends {
			text, _ = appendURLPrefix(text, k, i)
			ends[i] = len(text)
		}
		all, start := string(text), 0
		t.texts[k] = make([]string, n)
		for i, end := range ends {
			t.texts[k][i], start = all[start:end], end
		}
		for _, pre := range t.texts[k] {
			if len(pre) >= urlPrefixRoom { // this index and the longer ones after it: no room
				break
			}
			var slot urlPrefixSlot
			slot[urlPrefixRoom-1] = byte(copy(slot[:], pre))
			t.slots[k] = append(t.slots[k], slot)
		}
	}
	return t
}

// appendPrefix appends the prefix of kind k around the index i to dst: appendURLPrefix's text,
// copied from t for an index it holds.
func (t *urlPrefixTexts) appendPrefix(dst []byte, k, i int) []byte {
	if pre := t.texts[k]; uint(i) < uint(len(pre)) {
		return append(dst, pre[i]...)
	}
	dst, _ = appendURLPrefix(dst, k, i)
	return dst
}
