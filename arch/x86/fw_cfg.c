/*
 * QEMU's firmware configuration device (docs/specs/fw_cfg.rst in QEMU): a way for the host
 * to hand the guest named blobs. The run scripts pass "-fw_cfg name=opt/pagewise/cmdline,..."
 * so that the same GRUB ISO can boot interactively or in batch mode without a second menu entry.
 */
#include <boot.h>
#include <arch/io.h>

#define FW_CFG_PORT_SEL   0x510
#define FW_CFG_PORT_DATA  0x511
#define FW_CFG_SIGNATURE  0x0000
#define FW_CFG_FILE_DIR   0x0019

struct fw_cfg_file {               /* directory entry; numbers are big-endian */
    uint32_t size;
    uint16_t select;
    uint16_t reserved;
    char name[56];
};

static void read_bytes(void *buf, size_t n)
{
    uint8_t *p = buf;
    while (n--)
        *p++ = inb(FW_CFG_PORT_DATA);
}

static uint32_t be32(uint32_t v) { return __builtin_bswap32(v); }
static uint16_t be16(uint16_t v) { return __builtin_bswap16(v); }

static bool fw_cfg_present(void)
{
    char sig[4];
    outw(FW_CFG_PORT_SEL, FW_CFG_SIGNATURE);
    read_bytes(sig, 4);
    return memcmp(sig, "QEMU", 4) == 0;
}

void arch_read_extra_cmdline(char *buf, size_t size)
{
    buf[0] = '\0';
    if (size == 0 || !fw_cfg_present())
        return;
    uint32_t count;
    outw(FW_CFG_PORT_SEL, FW_CFG_FILE_DIR);
    read_bytes(&count, 4);
    count = be32(count);
    for (uint32_t i = 0; i < count; i++) {
        struct fw_cfg_file f;
        read_bytes(&f, sizeof f);
        if (strcmp(f.name, "opt/pagewise/cmdline") != 0)
            continue;
        size_t n = MIN(be32(f.size), size - 1);
        outw(FW_CFG_PORT_SEL, be16(f.select));
        read_bytes(buf, n);
        buf[n] = '\0';
        return;
    }
}
