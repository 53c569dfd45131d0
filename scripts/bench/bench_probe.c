/* bench_probe.c - times probe_file() in-process, for `make bench`.
 *
 *   build/bench-probe [-n RUNS] FILE...
 *
 * Prints one line per file: path, duration (s), source ("header" or
 * "packets"), and the fastest of RUNS probes in milliseconds (process
 * start-up excluded: what a build pays per episode). "error" when the probe
 * fails. Not a test: nothing here is timed in `make test`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "media/probe.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	int runs = 5, first = 1;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		runs = (int)strtol(argv[2], NULL, 10);
		first = 3;
	}
	if (runs < 1)
		runs = 1;
	probe_process_init();
	for (int i = first; i < argc; i++) {
		double best = -1.0;
		struct probe p;
		bool ok = true;

		probe_init(&p);
		for (int r = 0; r < runs && ok; r++) {
			struct diag diag;
			double t0 = now_ms(), dt;

			diag_init(&diag);
			ok = probe_file(argv[i], &p, &diag) == PP_OK;
			dt = now_ms() - t0;
			diag_release(&diag);
			if (best < 0 || dt < best)
				best = dt;
		}
		if (ok)
			printf("%s %.6f %s %.3f\n", argv[i], p.duration,
			       p.duration_source == PROBE_DURATION_HEADER ? "header" : "packets", best);
		else
			printf("%s error - %.3f\n", argv[i], best);
		probe_release(&p);
	}
	return 0;
}
