/* Exits 0: run.sh uses it to find out how this host runs i386 programs. */
int main(void)
{
	return 0;
}
