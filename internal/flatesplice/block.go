package flatesplice

import "encoding/binary"

// huffman decodes one Huffman-coded block with the literal/length table lt
// and the distance table dt. It is the loop all the time goes to, so the
// bit buffer, positions and output live in locals (registers) and are
// stored back on every exit.
func (d *decoder) huffman(lt, dt *table) error {
	src, pos, b, nb := d.src, d.pos, d.b, d.nb
	buf, o := d.buf, d.o
	lp := (*[1 << litBits]uint32)(lt.primary)
	dp := (*[1 << distBits]uint32)(dt.primary)
	lsub, dsub := lt.sub, dt.sub
	for {
		// One refill covers a whole length/distance pair: at most
		// 15+5+15+13 = 48 bits.
		if pos+8 <= len(src) {
			b |= binary.LittleEndian.Uint64(src[pos:]) << nb
			pos += int(63-nb) >> 3
			nb |= 56
		} else {
			d.pos, d.b, d.nb, d.buf, d.o = pos, b, nb, buf, o
			if err := d.refillSlow(); err != nil {
				return err
			}
			pos, b, nb = d.pos, d.b, d.nb
		}
		e := lp[b&(1<<litBits-1)]
		if e&flagSub != 0 {
			e = lsub[int(e>>16)+int(b>>litBits)&(1<<(e>>8&0xff)-1)]
		}
		n := e & lenMask
		b >>= n
		nb -= uint(n)
		if e&flagLit != 0 {
			if o >= len(buf) {
				d.pos, d.b, d.nb, d.buf, d.o = pos, b, nb, buf, o
				if err := d.grow(1); err != nil {
					return err
				}
				buf = d.buf
			}
			buf[o] = byte(e >> 16)
			o++
			// A literal takes at most 15 bits: try a second one on the
			// same refill.
			if nb < 15 {
				continue
			}
			e = lp[b&(1<<litBits-1)]
			if e&flagSub != 0 {
				e = lsub[int(e>>16)+int(b>>litBits)&(1<<(e>>8&0xff)-1)]
			}
			if e&flagLit == 0 || o >= len(buf) {
				continue // decoded again after the refill
			}
			n = e & lenMask
			b >>= n
			nb -= uint(n)
			buf[o] = byte(e >> 16)
			o++
			continue
		}
		if e&flagSpecial != 0 {
			d.pos, d.b, d.nb, d.buf, d.o = pos, b, nb, buf, o
			if e&^lenMask == entryEOB {
				return nil
			}
			return d.corrupt()
		}
		ex := e >> 8 & 0xff
		length := int(e>>16) + int(b&(1<<ex-1))
		b >>= ex
		nb -= uint(ex)

		e = dp[b&(1<<distBits-1)]
		if e&flagSub != 0 {
			e = dsub[int(e>>16)+int(b>>distBits)&(1<<(e>>8&0xff)-1)]
		}
		n = e & lenMask
		b >>= n
		nb -= uint(n)
		if e&flagSpecial != 0 {
			d.pos, d.b, d.nb, d.buf, d.o = pos, b, nb, buf, o
			return d.corrupt()
		}
		ex = e >> 8 & 0xff
		dist := int(e>>16) + int(b&(1<<ex-1))
		b >>= ex
		nb -= uint(ex)
		if dist > o {
			d.pos, d.b, d.nb, d.buf, d.o = pos, b, nb, buf, o
			return d.corrupt()
		}
		if length > len(buf)-o {
			d.pos, d.b, d.nb, d.buf, d.o = pos, b, nb, buf, o
			if err := d.grow(length); err != nil {
				return err
			}
			buf = d.buf
		}
		from := o - dist
		switch {
		case dist >= 8 && (length <= 32 || dist < length) && o+length+8 <= len(buf):
			// Most matches in XML are short, and a repeat (a match reaching
			// into itself) would otherwise go byte by byte: a few word moves
			// instead of a call to memmove or a byte loop. Bytes past the
			// match are written too, and written again by what follows;
			// each word is read before it is written, and 8 bytes back or
			// more from where it goes.
			for i := 0; i < length; i += 8 {
				binary.LittleEndian.PutUint64(buf[o+i:], binary.LittleEndian.Uint64(buf[from+i:]))
			}
		case dist >= length:
			copy(buf[o:o+length], buf[from:from+length])
		case dist == 1:
			c := buf[from]
			for i := o; i < o+length; i++ {
				buf[i] = c
			}
		default:
			for i := range length {
				buf[o+i] = buf[from+i]
			}
		}
		o += length
	}
}
