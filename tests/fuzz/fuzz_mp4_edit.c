/* libFuzzer harness: an MP4's boxes as probe_mp4_edit walks them (ftyp,
 * moov, mvhd, trak, hdlr, mdhd, edts/elst), from a file of the bytes: a
 * stranger's audio is read box by box before libavformat opens it. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "media/probe_header.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A file in memory: regular, as probe_mp4_edit wants, and no disk. */
	int fd = memfd_create("fuzz.m4a", MFD_CLOEXEC);
	char path[64];
	struct mp4_edit edit;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (probe_mp4_edit(path, &edit) &&
		    (edit.media_time < 0 || edit.duration < 0 || edit.media_scale == 0))
			abort(); /* an edit it accepts is one a length can be cut by */
	}
	close(fd);
	return 0;
}
