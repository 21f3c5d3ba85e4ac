package store

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// serials turns a record's sequence number into a SerialNo and back.
// Mainland serials look like Tencent's ("2433:" and 28 digits);
// international ones are UUIDs. Both embed a per-store salt, so the
// serials of two servers differ.
type serials struct {
	salt uint64 // random, 10 decimal digits
}

const (
	mainlandSerialPrefix = "2433:"
	saltModulus          = 10_000_000_000 // 10 digits
	seqModulus           = 1_000_000_000_000_000_000
)

func newSerials() serials {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return serials{salt: binary.BigEndian.Uint64(b[:])%(saltModulus-saltModulus/10) + saltModulus/10}
}

// serialNo returns the SerialNo of sequence seq.
func (s serials) serialNo(seq uint64, mainland bool) string {
	if mainland {
		// "2433:" + 10-digit salt + 18-digit zero-padded sequence.
		return fmt.Sprintf("%s%d%018d", mainlandSerialPrefix, s.salt, seq%seqModulus)
	}
	var u uuid.UUID
	binary.BigEndian.PutUint64(u[:8], s.salt)
	binary.BigEndian.PutUint64(u[8:], seq)
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return u.String()
}

// serialOf returns the SerialNo of the record r with sequence seq.
func (s serials) serialOf(seq uint64, r *record) string {
	return s.serialNo(seq, r.flags&flagMainland != 0)
}

// seqOf parses a SerialNo this store issued; ok is false for any other.
func (s serials) seqOf(serial string) (seq uint64, ok bool) {
	if rest, found := strings.CutPrefix(serial, mainlandSerialPrefix); found {
		if len(rest) != 28 || rest[:10] != strconv.FormatUint(s.salt, 10) {
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
