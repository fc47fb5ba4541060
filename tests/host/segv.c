/* A -nostdlib program that reads address 0: run-elf must exit 139 (128 + SIGSEGV), on
 * pagewise as on Linux. */
void _start(void)
{
    volatile int *null = 0;
    (void)*null;
    for (;;)
        ;
}
