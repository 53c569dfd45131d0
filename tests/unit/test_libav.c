/* Unit tests of the libav* loader: the warm-up maps the libraries, every
 * function resolves, a second load in the same process reuses the mapped
 * libraries, the pointers work. */
#include "media/libav.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "media/probe.h"
#include "testhelp.h"

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* The function pointers of a loaded struct libav that are set: all of them
 * (the handles come first, then one pointer per function). */
static size_t functions_set(const struct libav *lib)
{
	const char *p = (const char *)lib + offsetof(struct libav, avformat_alloc_context);
	size_t set = 0;

	for (size_t i = 0; i < LIBAV_FUNCTIONS; i++) {
		void (*fn)(void);

		memcpy(&fn, p + i * sizeof(fn), sizeof(fn));
		set += fn != NULL;
	}
	return set;
}

static void every_function_resolves(struct test_ctx *t)
{
	struct libav lib;
	struct diag diag;

	diag_init(&diag);
	EXPECT_INT(t, libav_load(&lib, "test.mp3", &diag), PP_OK);
	EXPECT_INT(t, diag.count, 0);
	EXPECT(t, lib.format && lib.codec && lib.util);
	EXPECT_INT(t, functions_set(&lib), LIBAV_FUNCTIONS);
	/* The pointers are the library's: a name, an error's words. */
	if (lib.avcodec_get_name)
		EXPECT_STR(t, lib.avcodec_get_name(AV_CODEC_ID_MP3), "mp3");
	if (lib.av_strerror)
		EXPECT_STR(t, libav_err2str(&lib, AVERROR_EOF), "End of file");
	libav_release(&lib);
	EXPECT(t, !lib.format && !lib.avformat_open_input);
	libav_release(&lib); /* twice is safe */
	diag_release(&diag);
}

static void second_load_reuses_the_libraries(struct test_ctx *t)
{
	struct libav first, second;
	struct diag diag;
	double t0, t1;

	diag_init(&diag);
	EXPECT_INT(t, libav_load(&first, "a.m4a", &diag), PP_OK);
	t0 = now_us();
	EXPECT_INT(t, libav_load(&second, "b.m4a", &diag), PP_OK);
	t1 = now_us();
	/* dlopen of a library already loaded gives its handle again. */
	EXPECT(t, first.format == second.format && first.codec == second.codec &&
		      first.util == second.util);
	EXPECT(t, first.avformat_open_input == second.avformat_open_input);
	libav_release(&second);
	libav_release(&first);
	/* Loaded again after both were released: still mapped (NODELETE). */
	EXPECT_INT(t, libav_load(&second, "c.m4a", &diag), PP_OK);
	EXPECT_INT(t, functions_set(&second), LIBAV_FUNCTIONS);
	libav_release(&second);
	EXPECT_INT(t, diag.count, 0);
	printf("# a second load took %.0f us\n", t1 - t0);
	diag_release(&diag);
}

static bool mapped(const char *soname)
{
	void *h = dlopen(soname, RTLD_LAZY | RTLD_NOLOAD);

	if (h)
		dlclose(h);
	return h != NULL;
}

/* The warm-up maps the libraries in its thread; a load racing it waits for
 * that (dlopen's lock) and works. First of the cases: nothing is mapped yet. */
static void warmup_maps_the_libraries(struct test_ctx *t)
{
	struct probe_warmup warmup = { .started = false };
	struct libav lib;
	struct diag diag;

	diag_init(&diag);
	EXPECT(t, !mapped("libavformat.so." AV_STRINGIFY(LIBAVFORMAT_VERSION_MAJOR)));
	probe_warmup_start(&warmup);
	EXPECT(t, warmup.started);
	EXPECT_INT(t, libav_load(&lib, "a.mp3", &diag), PP_OK);
	EXPECT_INT(t, functions_set(&lib), LIBAV_FUNCTIONS);
	libav_release(&lib);
	probe_warmup_finish(&warmup);
	EXPECT(t, !warmup.started);
	probe_warmup_finish(&warmup); /* twice: nothing */
	EXPECT(t, mapped("libavformat.so." AV_STRINGIFY(LIBAVFORMAT_VERSION_MAJOR)));
	EXPECT(t, mapped("libavcodec.so." AV_STRINGIFY(LIBAVCODEC_VERSION_MAJOR)));
	EXPECT_INT(t, diag.count, 0);
	diag_release(&diag);
}

TEST_MAIN(TEST_CASE(warmup_maps_the_libraries), TEST_CASE(every_function_resolves),
	  TEST_CASE(second_load_reuses_the_libraries))
