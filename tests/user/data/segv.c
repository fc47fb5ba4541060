/* Dies of SIGSEGV (a read of address 0): the shell test watches sh report it. */
int main(void)
{
	return *(volatile int *)0;
}
