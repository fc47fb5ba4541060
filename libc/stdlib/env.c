/*
 * The environment: getenv(3), setenv(3), unsetenv(3) over environ, which
 * __libc_start points at the kernel's envp.  setenv allocates; strings it
 * replaces are not freed, because they may be the kernel's or the caller's
 * (the same trade glibc makes, documented in its setenv).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **owned;	/* environ, once setenv has had to copy it */

/* Index of name's entry, or of the terminating NULL if absent. */
static size_t find(const char *name, size_t len)
{
	size_t i = 0;

	for (; environ && environ[i]; i++)
		if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
			break;
	return i;
}

static int bad_name(const char *name)
{
	return !name || !*name || strchr(name, '=');
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	size_t i = find(name, len);

	return environ && environ[i] ? environ[i] + len + 1 : NULL;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t len, vlen, i, n;
	char *entry, **env;

	if (bad_name(name)) {
		errno = EINVAL;
		return -1;
	}
	len = strlen(name);
	i = find(name, len);
	if (environ && environ[i] && !overwrite)
		return 0;
	vlen = strlen(value);
	entry = malloc(len + vlen + 2);
	if (!entry)
		return -1;
	memcpy(entry, name, len);
	entry[len] = '=';
	memcpy(entry + len + 1, value, vlen + 1);
	if (environ && environ[i]) {
		environ[i] = entry;
		return 0;
	}
	/* A new name: grow the array by one (i is the count). */
	n = i;
	env = realloc(owned, (n + 2) * sizeof *env);
	if (!env) {
		free(entry);
		return -1;
	}
	if (!owned && n)
		memcpy(env, environ, n * sizeof *env);
	env[n] = entry;
	env[n + 1] = NULL;
	environ = owned = env;
	return 0;
}

int unsetenv(const char *name)
{
	size_t len, i;

	if (bad_name(name)) {
		errno = EINVAL;
		return -1;
	}
	len = strlen(name);
	/* Remove every match, shifting the rest down. */
	while (environ && environ[i = find(name, len)])
		for (; environ[i]; i++)
			environ[i] = environ[i + 1];
	return 0;
}
