/* config_target.h - podcast.yaml's `targets:` map (config.c's helper). */
#ifndef PODPUB_CONFIG_TARGET_H
#define PODPUB_CONFIG_TARGET_H

#include <stdbool.h>

#include "config.h"
#include "diag.h"
#include "yamldoc.h"

/* Reads the `targets:` mapping node into c->targets. False (after a diag
 * naming the line) when a target is unfit. */
bool config_read_targets(const struct yamldoc *doc, int mapping, struct config *c,
			 struct diag *diag);

#endif
