package tcsms

import "time"

// Beijing is the zone of Tencent's statistics windows (yyyymmddhh), of the
// "YYYY-MM-DD HH:MM:SS" times in delivery-report callbacks, and of the
// calendar days of the per-number daily limits. China has no daylight
// saving time, so a fixed zone is exact and needs no tzdata.
var Beijing = time.FixedZone("CST", 8*3600)

// HourLayout is the time layout of the statistics actions' BeginTime and
// EndTime ("2024050113"), read in Beijing time.
const HourLayout = "2006010215"
