package fakeserver

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/google/uuid"
)

// serials turns a record's sequence into a SerialNo and back. Mainland
// serials look like Tencent's ("2433:" and 28 digits); international ones
// are UUIDs. Both embed a per-server salt, so serials of two servers differ.
type serials struct {
	salt uint64 // random, < 1e10 so it fills exactly 10 digits
}

const (
	mainlandSerialPrefix = "2433:"
	saltModulus          = 1_000_000_0000 // 10 digits
	seqModulus           = 1_000_000_000_000_000_000
)

func newSerials() serials {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return serials{salt: binary.BigEndian.Uint64(b[:])%(saltModulus-saltModulus/10) + saltModulus/10}
}

// serialNoMaxLen is the longest SerialNo: a UUID's 36 characters.
const serialNoMaxLen = 36

// serialNo returns the SerialNo of sequence seq.
func (s serials) serialNo(seq uint64, mainland bool) string {
	var b [serialNoMaxLen]byte
	return string(s.appendSerialNo(b[:0], seq, mainland))
}

// serialOf returns the SerialNo of the held record r.
func (s serials) serialOf(r *record) string { return s.serialNo(r.seq, r.flags&flagMainland != 0) }

// appendSerialNo appends the SerialNo of sequence seq to dst.
func (s serials) appendSerialNo(dst []byte, seq uint64, mainland bool) []byte {
	if mainland {
		// "2433:" + 10-digit salt + 18-digit zero-padded sequence.
		dst = append(dst, mainlandSerialPrefix...)
		dst = strconv.AppendUint(dst, s.salt, 10)
		var digits [20]byte
		d := strconv.AppendUint(digits[:0], seq%seqModulus, 10)
		for range 18 - len(d) {
			dst = append(dst, '0')
		}
		return append(dst, d...)
	}
	var u uuid.UUID
	binary.BigEndian.PutUint64(u[:8], s.salt)
	binary.BigEndian.PutUint64(u[8:], seq)
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return appendUUID(dst, u)
}

// appendUUID appends u as uuid.UUID.String formats it:
// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, lowercase.
func appendUUID(dst []byte, u uuid.UUID) []byte {
	dst = hex.AppendEncode(dst, u[0:4])
	dst = append(dst, '-')
	dst = hex.AppendEncode(dst, u[4:6])
	dst = append(dst, '-')
	dst = hex.AppendEncode(dst, u[6:8])
	dst = append(dst, '-')
	dst = hex.AppendEncode(dst, u[8:10])
	dst = append(dst, '-')
	return hex.AppendEncode(dst, u[10:16])
}

// seqOf parses a SerialNo this server issued; ok is false for any other.
func (s serials) seqOf(serial string) (seq uint64, ok bool) {
	if rest, found := strings.CutPrefix(serial, mainlandSerialPrefix); found {
		if len(rest) != 28 || rest[:10] != fmt.Sprintf("%010d", s.salt) {
			return 0, false
		}
		n, err := strconv.ParseUint(rest[10:], 10, 64)
		return n, err == nil
	}
	u, err := uuid.Parse(serial)
	if err != nil || len(serial) != 36 {
		return 0, false
	}
	var want [8]byte
	binary.BigEndian.PutUint64(want[:], s.salt)
	want[6] = want[6]&0x0f | 0x40
	if [8]byte(u[:8]) != want {
		return 0, false
	}
	u[8] &= 0x3f
	return binary.BigEndian.Uint64(u[8:]), true
}

// newRequestID returns a fresh RequestId, a random (version 4) UUID like
// Tencent's, held in buf: the caller keeps buf unchanged while the string
// is in use, and copies the string to keep it longer. Random bytes come
// from crypto/rand in blocks, so a request costs no system call; each
// block serves one request at a time from a sync.Pool, so concurrent
// requests share no lock.
func newRequestID(buf *[36]byte) string {
	var u uuid.UUID
	blk := idBlocks.Get().(*idBlock)
	if blk.off+len(u) > len(blk.buf) {
		_, _ = rand.Read(blk.buf[:]) // crypto/rand.Read never fails (Go 1.24+)
		blk.off = 0
	}
	blk.off += copy(u[:], blk.buf[blk.off:])
	idBlocks.Put(blk)
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	appendUUID(buf[:0], u)
	return unsafe.String(&buf[0], len(buf))
}

// idBlock is a block of random bytes for RequestIds; off counts the bytes
// used. A block is only ever held by one request, and its bytes are used
// once, so no two RequestIds share them.
type idBlock struct {
	buf [4096]byte
	off int
}

// idBlocks holds idBlocks; a new one starts used up, so its first use
// fills it.
var idBlocks = sync.Pool{New: func() any { return &idBlock{off: len(idBlock{}.buf)} }}
