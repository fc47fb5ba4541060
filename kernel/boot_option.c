/* The kernel command line: words like "ktest" or "ktest=pmm", separated by spaces. */
#include <boot.h>

const char *boot_option(const char *name)
{
    size_t len = strlen(name);
    const char *p = boot_info.cmdline;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *word = p;
        while (*p && *p != ' ')
            p++;
        if ((size_t)(p - word) >= len && strncmp(word, name, len) == 0) {
            if (word + len == p)
                return "";
            if (word[len] == '=')
                return word + len + 1;   /* runs to the next space; callers compare prefixes */
        }
    }
    return NULL;
}
