/* Address-to-name lookup over the sorted table made by tools/gen-ksyms. */
#include <kernel.h>
#include <ksyms.h>

extern char _etext[];

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
    if (ksym_count == 0 || addr < ksym_table[0].addr || addr >= (uintptr_t)_etext)
        return NULL;
    uint32_t lo = 0, hi = ksym_count;       /* find the last entry with entry.addr <= addr */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ksym_table[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    *offset = addr - ksym_table[lo].addr;
    return ksym_names + ksym_table[lo].name;
}
