#include "result.h"

#include <stddef.h>

#include "util.h"

static const char *const result_names[] = {
	[PP_OK] = "success",
	[PP_ENOMEM] = "out of memory",
	[PP_EIO] = "input/output error",
	[PP_EPARSE] = "invalid input",
	[PP_EMEDIA] = "unreadable media",
	[PP_ELINT] = "feed has errors",
	[PP_ETARGET] = "publish target failed",
	[PP_EINTERNAL] = "internal error",
	[PP_EINTR] = "interrupted",
};

const char *pp_strerror(enum pp_result r)
{
	if ((size_t)r < COUNT(result_names) && result_names[r])
		return result_names[r];
	return "unknown error";
}
