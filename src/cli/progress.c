/* progress.c - the publish's progress display on a terminal. */
#include "cli/progress.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

/* Redraws at most this often: a terminal is no faster than the eye, and
 * each redraw costs a write for every file under way. */
#define REDRAW_NS 100000000LL

enum file_state { FILE_IDLE, FILE_MOVING, FILE_DONE };

struct progress_file {
	enum file_state state;
	int64_t sent;
	int64_t started_ns;
};

struct progress {
	FILE *out;
	struct publish_progress callbacks;
	const struct publish_plan *plan; /* borrowed, from begin on */
	struct progress_file *files;     /* one per plan item */
	int64_t total, done_bytes;
	size_t to_send, done_count;
	int64_t begun_ns, drawn_ns;
	int lines;                       /* lines drawn the last time */
	int width;
	bool drawn;
};

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* "1.2 MB", "340 kB", "12 B": short and at a glance. */
static void human_bytes(double n, char *out, size_t size)
{
	static const char *const units[] = { "B", "kB", "MB", "GB", "TB" };
	size_t u = 0;

	while (n >= 1000 && u < sizeof(units) / sizeof(units[0]) - 1) {
		n /= 1000;
		u++;
	}
	snprintf(out, size, u == 0 ? "%.0f %s" : "%.1f %s", n, units[u]);
}

/* "0:42", "1:02:03"; "-:--" when unknown. */
static void human_time(double seconds, char *out, size_t size)
{
	long s;

	if (seconds < 0 || seconds > 360000) {
		snprintf(out, size, "-:--");
		return;
	}
	s = (long)(seconds + 0.5);
	if (s >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(out, size, "%ld:%02ld", s / 60, s % 60);
}

/* "<sent> / <size>  <rate>/s  <eta> left", the figures of one line. */
static void figures(int64_t sent, int64_t size, double seconds, char *out, size_t len)
{
	char a[16], b[16], r[16], eta[32];
	double rate = seconds > 0 ? (double)sent / seconds : 0;

	human_bytes((double)sent, a, sizeof(a));
	human_bytes((double)size, b, sizeof(b));
	human_bytes(rate, r, sizeof(r));
	human_time(rate > 0 ? (double)(size - sent) / rate : -1, eta, sizeof(eta));
	snprintf(out, len, "%9s / %-9s %9s/s %8s left", a, b, r, eta);
}

/* Adds one line, cut to the terminal's width so that it never wraps (a
 * wrapped line would throw the redraw's count of lines off). */
static enum pp_result add_line(struct buf *screen, const char *name, const char *tail, int width)
{
	enum pp_result res = PP_OK;
	char line[512];
	int room = width - 1 - (int)strlen(tail) - 2;
	size_t n = strlen(name);

	if (room < 8)
		room = 8;
	/* The end of a long name says more than its start (media/<slug>...). */
	if ((int)n > room)
		snprintf(line, sizeof(line), "...%s  %s", name + n - (size_t)(room - 3), tail);
	else
		snprintf(line, sizeof(line), "%-*s  %s", room, name, tail);
	line[width - 1 < (int)sizeof(line) ? width - 1 : (int)sizeof(line) - 1] = '\0';
	if (screen->len)
		res = buf_puts(screen, "\n");
	if (res == PP_OK)
		res = buf_puts(screen, line);
	return res == PP_OK ? buf_puts(screen, "\033[K") : res;
}

static int64_t sent_now(const struct progress *p)
{
	int64_t sent = p->done_bytes;

	for (size_t i = 0; i < p->plan->count; i++)
		if (p->files[i].state == FILE_MOVING)
			sent += p->files[i].sent;
	return sent;
}

/* Draws every file under way and the total in place of the last drawing. */
static void draw(struct progress *p, int64_t now)
{
	struct buf screen;
	char tail[160], what[64];
	enum pp_result res = PP_OK;
	int lines = 0;

	buf_init(&screen);
	for (size_t i = 0; i < p->plan->count; i++) {
		const struct progress_file *f = &p->files[i];

		if (f->state != FILE_MOVING)
			continue;
		figures(f->sent, p->plan->items[i].size, (double)(now - f->started_ns) / 1e9, tail,
			sizeof(tail));
		if (res == PP_OK)
			res = add_line(&screen, p->plan->items[i].remote_path, tail, p->width);
		lines++;
	}
	figures(sent_now(p), p->total, (double)(now - p->begun_ns) / 1e9, tail, sizeof(tail));
	snprintf(what, sizeof(what), "total: %zu of %zu files", p->done_count, p->to_send);
	if (res == PP_OK)
		res = add_line(&screen, what, tail, p->width);
	lines++;
	/* Out of memory: the last drawing stays as it was. */
	if (res != PP_OK) {
		buf_release(&screen);
		return;
	}
	/* Back to the first line drawn last time; clear below; draw. */
	fputc('\r', p->out);
	for (int i = 1; i < p->lines; i++)
		fputs("\033[A", p->out);
	fputs("\033[J", p->out);
	if (screen.data)
		fwrite(screen.data, 1, screen.len, p->out);
	fflush(p->out);
	buf_release(&screen);
	p->lines = lines;
	p->drawn_ns = now;
	p->drawn = true;
}

static void maybe_draw(struct progress *p)
{
	int64_t now = now_ns();

	if (!p->drawn || now - p->drawn_ns >= REDRAW_NS)
		draw(p, now);
}

static void on_begin(void *ctx, const struct publish_plan *plan, int64_t bytes)
{
	struct progress *p = ctx;

	free(p->files);
	p->plan = NULL;
	/* No display beats a failed publish over a display's memory. */
	if (!(p->files = calloc(plan->count ? plan->count : 1, sizeof(*p->files))))
		return;
	p->plan = plan;
	p->total = bytes;
	p->to_send = 0;
	for (size_t i = 0; i < plan->count; i++)
		p->to_send += plan->items[i].action == PUBLISH_SEND;
	p->begun_ns = now_ns();
	if (p->to_send)
		maybe_draw(p);
}

static struct progress_file *file_of(struct progress *p, const struct publish_item *item)
{
	if (!p->plan || item < p->plan->items || item >= p->plan->items + p->plan->count)
		return NULL;
	return &p->files[item - p->plan->items];
}

static void on_sent(void *ctx, const struct publish_item *item, int64_t bytes)
{
	struct progress *p = ctx;
	struct progress_file *f = file_of(p, item);

	if (!f || f->state == FILE_DONE)
		return;
	if (f->state == FILE_IDLE) {
		f->state = FILE_MOVING;
		f->started_ns = now_ns();
	}
	f->sent = bytes;
	maybe_draw(p);
}

static void on_done(void *ctx, const struct publish_item *item)
{
	struct progress *p = ctx;
	struct progress_file *f = file_of(p, item);

	if (!f || f->state == FILE_DONE)
		return;
	f->state = FILE_DONE;
	p->done_bytes += item->size;
	p->done_count++;
	maybe_draw(p);
}

enum pp_result progress_new(FILE *out, struct progress **pp)
{
	struct progress *p = calloc(1, sizeof(*p));
	struct winsize ws;

	*pp = NULL;
	if (!p)
		return PP_ENOMEM;
	p->out = out;
	p->width = 80;
	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		p->width = ws.ws_col;
	p->callbacks = (struct publish_progress){
		.begin = on_begin, .sent = on_sent, .done = on_done, .ctx = p
	};
	*pp = p;
	return PP_OK;
}

const struct publish_progress *progress_callbacks(struct progress *p)
{
	return &p->callbacks;
}

void progress_finish(struct progress *p)
{
	char bytes[16], rate[16], line[160];
	double seconds;

	if (!p->plan || !p->to_send)
		return;
	draw(p, now_ns());
	seconds = (double)(now_ns() - p->begun_ns) / 1e9;
	human_bytes((double)p->done_bytes, bytes, sizeof(bytes));
	human_bytes(seconds > 0 ? (double)p->done_bytes / seconds : 0, rate, sizeof(rate));
	snprintf(line, sizeof(line), "total: sent %zu of %zu files, %s in %.1f s, %s/s",
		 p->done_count, p->to_send, bytes, seconds, rate);
	/* The files under way are gone by now: one line with the totals. */
	fputc('\r', p->out);
	for (int i = 1; i < p->lines; i++)
		fputs("\033[A", p->out);
	fprintf(p->out, "\033[J%s\n", line);
	fflush(p->out);
	p->lines = 0;
}

void progress_free(struct progress **pp)
{
	if (!*pp)
		return;
	free((*pp)->files);
	free(*pp);
	*pp = NULL;
}
