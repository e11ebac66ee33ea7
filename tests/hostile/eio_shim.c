/* An LD_PRELOAD shim for the hostile-input suite: read() on any descriptor but the standard ones
 * fails with EIO once TPP_EIO_AFTER bytes have been read from it, the way a failing disk does.
 * It shows whether tpp takes a read error for the end of the file. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

static long long read_so_far[1024];

ssize_t read(int fd, void* buffer, size_t count) {
  static ssize_t (*real_read)(int, void*, size_t) = 0;
  if (!real_read) real_read = (ssize_t(*)(int, void*, size_t))dlsym(RTLD_NEXT, "read");
  const char* limit_text = getenv("TPP_EIO_AFTER");
  if (!limit_text || fd < 3 || fd >= 1024) return real_read(fd, buffer, count);
  const long long limit = atoll(limit_text);
  if (read_so_far[fd] >= limit) {
    errno = EIO;
    return -1;
  }
  if (read_so_far[fd] + (long long)count > limit) count = (size_t)(limit - read_so_far[fd]);
  const ssize_t got = real_read(fd, buffer, count);
  if (got > 0) read_so_far[fd] += got;
  return got;
}
