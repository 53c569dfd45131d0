/* podcast_taxonomy.h - the Podcast Taxonomy Project's roles and groups
 * (podcasttaxonomy.com), which podcast:person's role and group attributes
 * take. Data only, one copy, so episode (the producer's persons) and lint
 * (any feed's) agree. */
#ifndef PODPUB_PODCAST_TAXONOMY_H
#define PODPUB_PODCAST_TAXONOMY_H

#include <stdbool.h>

/* The group of `role`, spelt as the feed writes it ("cast" for "host"), or
 * NULL when the role is not in the taxonomy. Roles are lowercase; with
 * `any_case` the comparison ignores ASCII case, as the namespace says apps
 * must (podcast:person: "Host" is the same as "host"). Borrowed, static. */
const char *podcast_role_group(const char *role, bool any_case);

/* The role nearest a misspelt one ("hots" → "host"), or NULL: for "did you
 * mean". Borrowed, static. */
const char *podcast_role_near(const char *role);

/* True when `group` is one of the taxonomy's groups, ignoring ASCII case. */
bool podcast_group_known(const char *group);

#endif
