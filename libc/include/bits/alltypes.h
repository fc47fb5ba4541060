/*
 * The basic types of the pagewise libc, in one place.
 *
 * Sizes follow the Linux i386 ABI, because these types cross the int 0x80
 * boundary: 32-bit long and time_t (as i386 Linux has always had), 64-bit
 * off_t (musl's choice: lseek goes through _llseek, stat through stat64, so
 * files over 2 GiB are never a special case), 64-bit dev_t and ino_t (the
 * widths of struct stat64).
 */
#ifndef _BITS_ALLTYPES_H
#define _BITS_ALLTYPES_H

#ifndef NULL
#define NULL ((void *)0)
#endif

typedef __SIZE_TYPE__ size_t;
typedef int ssize_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef __WCHAR_TYPE__ wchar_t;
typedef __WINT_TYPE__ wint_t;
typedef __builtin_va_list va_list;
typedef __builtin_va_list __gnuc_va_list;

typedef long long off_t;
typedef long long off64_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int id_t;
typedef unsigned int mode_t;
typedef unsigned long long dev_t;
typedef unsigned long long ino_t;
typedef unsigned int nlink_t;
typedef long blksize_t;
typedef long long blkcnt_t;
typedef long time_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef long clock_t;
typedef int clockid_t;
typedef unsigned int socklen_t;

/* struct timespec as the i386 syscalls without a 64 suffix read and write it. */
struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#endif
