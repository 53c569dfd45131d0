/* lock.h - one publish at a time on a target.
 *
 * The lock is a file on the target (.podpub-lock) naming its holder (user,
 * host, process) and the time it was taken. It is made only when none is
 * there (target_ops.put_new: an exclusive create where the protocol has
 * one), held for the whole publish and removed at the end, whatever the
 * end. A lock whose holder crashed goes stale: one from a process of this
 * host that is gone, or older than LOCK_STALE_SECONDS, is taken over with a
 * warning; `--break-lock` takes any lock. */
#ifndef PODPUB_LOCK_H
#define PODPUB_LOCK_H

#include <stdbool.h>
#include <time.h>

#include "diag.h"
#include "result.h"
#include "target/target.h"

#define LOCK_NAME ".podpub-lock"
#define LOCK_STALE_SECONDS (6 * 3600)

struct lock;

/* Takes the target's lock. When another publish holds it: PP_ETARGET after
 * an error naming the holder and since when (and how to break it). */
enum pp_result lock_acquire(const struct target_ops *ops, struct target *t, bool break_lock,
			    struct lock **out, struct diag *diag) PP_MUST_USE;

/* Removes the lock if it is still ours, and frees it; NULL is fine. */
void lock_release(const struct target_ops *ops, struct target *t, struct lock **lock,
		  struct diag *diag);

#endif
