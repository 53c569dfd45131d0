/* interrupt.h - Ctrl-C and SIGTERM end a publish cleanly.
 *
 * The first SIGINT or SIGTERM only raises a flag: the transfer in progress
 * stops, its temporary file is removed, the lock is released and the old
 * feed stays live; the command then exits 130. A second one ends the
 * process at once. The flag is the one piece of process-wide state podpub
 * has: a signal handler can reach nothing else. */
#ifndef PODPUB_INTERRUPT_H
#define PODPUB_INTERRUPT_H

#include <stdbool.h>

/* Installs the handlers (main does, once). */
void interrupt_catch(void);

/* True once a SIGINT or SIGTERM arrived. */
bool interrupted(void);

#endif
