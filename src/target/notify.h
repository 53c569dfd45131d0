/* notify.h - after a publish that changed the live feed, tell those who
 * would otherwise poll: the show's WebSub hub (hub.mode=publish), Podcast
 * Index's pubnotify, and Podping (with PODPING_TOKEN in the environment),
 * each as podcast.yaml's `hub:` and `notify:` say. A service that does not
 * answer is a warning, never a failure: the feed is live either way. */
#ifndef PODPUB_NOTIFY_H
#define PODPUB_NOTIFY_H

#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "result.h"

/* Tells every configured service that the feed at c->feed_url changed;
 * *told counts the ones that answered 2xx. PP_OK unless out of memory. */
enum pp_result notify_feed_changed(const struct config *c, size_t *told,
				   struct diag *diag) PP_MUST_USE;

#endif
