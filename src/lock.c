#include "lock.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <jansson.h>

#include "ident.h"
#include "util.h"

struct lock {
	char token[33]; /* ours: compared before the lock is removed */
};

/* What a lock file says. */
struct holder {
	char who[256];
	char host[256];
	long long pid;
	long long started;
	char token[33];
};

static bool parse_holder(const char *data, size_t len, struct holder *h)
{
	json_t *root = json_loadb(data, len, 0, NULL);
	const char *who, *host, *token;
	bool ok;

	memset(h, 0, sizeof(*h));
	who = json_string_value(json_object_get(root, "holder"));
	host = json_string_value(json_object_get(root, "host"));
	token = json_string_value(json_object_get(root, "token"));
	ok = who && host && token && json_is_integer(json_object_get(root, "started"));
	if (ok) {
		snprintf(h->who, sizeof(h->who), "%s", who);
		snprintf(h->host, sizeof(h->host), "%s", host);
		snprintf(h->token, sizeof(h->token), "%s", token);
		h->pid = json_integer_value(json_object_get(root, "pid"));
		h->started = json_integer_value(json_object_get(root, "started"));
	}
	json_decref(root);
	return ok;
}

/* A holder that can no longer be publishing: a process of this host that
 * is gone, or a lock older than any publish takes. */
static bool is_stale(const struct holder *h, const char *host, time_t now)
{
	if (now - (time_t)h->started > LOCK_STALE_SECONDS)
		return true;
	return strcmp(h->host, host) == 0 && h->pid > 0 && kill((pid_t)h->pid, 0) != 0 &&
	       errno == ESRCH;
}

static void describe_now(time_t t, char out[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static enum pp_result write_lock(const struct target_ops *ops, struct target *t,
				 const char *token, const char *host, time_t now, bool *existed,
				 struct diag *diag)
{
	const struct passwd *pw = getpwuid(getuid());
	json_t *root = json_pack("{s:s,s:s,s:I,s:I,s:s}", "holder", pw ? pw->pw_name : "?", "host",
				 host, "pid", (json_int_t)getpid(), "started", (json_int_t)now,
				 "token", token);
	char *text = root ? json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
	struct target_source src = { .data = text, .len = text ? strlen(text) : 0,
				     .content_type = "application/json", .cache_control = "no-store" };
	enum pp_result res = text ? ops->put_new(t, &src, LOCK_NAME, existed, diag) : PP_ENOMEM;

	json_decref(root);
	free(text);
	return res;
}

enum pp_result lock_acquire(const struct target_ops *ops, struct target *t, bool break_lock,
			    struct lock **out, struct diag *diag)
{
	struct lock *lock = calloc(1, sizeof(*lock));
	char host[256] = "", when[32];
	time_t now = time(NULL);
	enum pp_result res;

	*out = NULL;
	if (!lock)
		return PP_ENOMEM;
	gethostname(host, sizeof(host) - 1);
	if ((res = ident_random_hex(lock->token, 16)) != PP_OK)
		goto fail;
	for (int attempt = 0; attempt < 2; attempt++) {
		struct holder h;
		bool existed = false, readable;
		char *data = NULL;
		size_t len = 0;

		if ((res = write_lock(ops, t, lock->token, host, now, &existed, diag)) != PP_OK)
			goto fail;
		if (!existed) {
			*out = lock;
			return PP_OK;
		}
		/* Someone holds it: who, and are they still there? */
		if ((res = ops->read(t, LOCK_NAME, &data, &len, diag)) != PP_OK)
			goto fail;
		readable = data && parse_holder(data, len, &h);
		free(data);
		if (!data)
			continue; /* released meanwhile: try again */
		if (!readable) {
			memset(&h, 0, sizeof(h));
			snprintf(h.who, sizeof(h.who), "an unreadable lock");
		}
		describe_now((time_t)h.started, when);
		if (!break_lock && readable && !is_stale(&h, host, now)) {
			diag_error(diag, LOCK_NAME, 0,
				   "another publish holds the target: %s on %s (process %lld) since %s; "
				   "it must finish first. If none is running (a crash), publish with "
				   "--break-lock",
				   h.who, h.host, h.pid, when);
			res = PP_ETARGET;
			goto fail;
		}
		if (break_lock || !readable)
			diag_warning(diag, LOCK_NAME, 0, "breaking the lock of %s%s%s", h.who,
				     readable ? " since " : "", readable ? when : "");
		else
			diag_warning(diag, LOCK_NAME, 0,
				     "taking over a stale lock: %s on %s (process %lld) since %s",
				     h.who, h.host, h.pid, when);
		if ((res = ops->remove(t, LOCK_NAME, diag)) != PP_OK)
			goto fail;
	}
	diag_error(diag, LOCK_NAME, 0, "cannot take the lock: another publish keeps taking it");
	res = PP_ETARGET;
fail:
	free(lock);
	return res;
}

void lock_release(const struct target_ops *ops, struct target *t, struct lock **lockp,
		  struct diag *diag)
{
	struct lock *lock = *lockp;
	struct holder h;
	char *data = NULL;
	size_t len = 0;

	if (!lock)
		return;
	/* Only our own lock: a broken one now belongs to someone else. */
	if (ops->read(t, LOCK_NAME, &data, &len, diag) == PP_OK && data &&
	    parse_holder(data, len, &h) && strcmp(h.token, lock->token) == 0)
		(void)ops->remove(t, LOCK_NAME, diag);
	free(data);
	free(lock);
	*lockp = NULL;
}
