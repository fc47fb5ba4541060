/* A good program for exec tests: exits 42. tests/user/mkbad makes the bad ELF files from it. */
int main(void)
{
	return 42;
}
