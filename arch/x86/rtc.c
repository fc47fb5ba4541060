/*
 * The CMOS real-time clock (MC146818): the date and time at boot, as seconds since the Unix
 * epoch. Registers 0x00-0x09 hold the time, in BCD unless status register B says binary;
 * reading twice until both agree avoids catching an update half done.
 */
#include <kernel.h>
#include <timer.h>
#include <arch/cpu.h>
#include <arch/io.h>

#define CMOS_INDEX  0x70
#define CMOS_DATA   0x71
#define REG_STATUS_A 0x0A
#define REG_STATUS_B 0x0B
#define STATUS_A_UPDATING 0x80
#define STATUS_B_BINARY   0x04
#define STATUS_B_24H      0x02

struct rtc_time { unsigned sec, min, hour, day, mon, year; };

static uint8_t cmos(uint8_t reg)
{
    outb(CMOS_INDEX, reg);
    return inb(CMOS_DATA);
}

static void read_raw(struct rtc_time *t)
{
    while (cmos(REG_STATUS_A) & STATUS_A_UPDATING)
        ;
    *t = (struct rtc_time){ cmos(0x00), cmos(0x02), cmos(0x04), cmos(0x07), cmos(0x08), cmos(0x09) };
}

static unsigned bcd(unsigned v) { return (v & 0x0F) + (v >> 4) * 10; }

/* Days from 1970-01-01 to year-month-day (proleptic Gregorian; Howard Hinnant's algorithm). */
static int64_t days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int64_t)era * 146097 + (int64_t)doe - 719468;
}

int64_t arch_rtc_epoch(void)
{
    struct rtc_time a, b;
    do {
        read_raw(&a);
        read_raw(&b);
    } while (memcmp(&a, &b, sizeof a) != 0);
    uint8_t status_b = cmos(REG_STATUS_B);
    bool pm = !(status_b & STATUS_B_24H) && (a.hour & 0x80);
    a.hour &= 0x7F;
    if (!(status_b & STATUS_B_BINARY)) {
        a = (struct rtc_time){ bcd(a.sec), bcd(a.min), bcd(a.hour), bcd(a.day), bcd(a.mon), bcd(a.year) };
    }
    if (pm)
        a.hour = (a.hour % 12) + 12;
    int year = 2000 + (int)a.year;             /* the RTC keeps two digits; this is the 21st century */
    if (a.mon < 1 || a.mon > 12 || a.day < 1 || a.day > 31)
        return 0;
    return days_from_civil(year, a.mon, a.day) * 86400 + a.hour * 3600 + a.min * 60 + a.sec;
}

uint64_t arch_cycles(void) { return rdtsc(); }
