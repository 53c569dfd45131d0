#include "podcast_taxonomy.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* The taxonomy as the namespace's taxonomy.json lists it (podcast-namespace
 * repository), lowercased, without the trailing spaces some of its entries
 * carry, and with "translator" beside the file's own spelling
 * "translater". A role listed twice ("editor": writing, video
 * post-production) takes its first group. */
static const struct {
	const char *role;
	const char *group;
} roles[] = {
	{ "director", "creative direction" },
	{ "assistant director", "creative direction" },
	{ "executive producer", "creative direction" },
	{ "senior producer", "creative direction" },
	{ "producer", "creative direction" },
	{ "associate producer", "creative direction" },
	{ "development producer", "creative direction" },
	{ "creative director", "creative direction" },
	{ "host", "cast" },
	{ "co-host", "cast" },
	{ "guest host", "cast" },
	{ "guest", "cast" },
	{ "voice actor", "cast" },
	{ "narrator", "cast" },
	{ "announcer", "cast" },
	{ "reporter", "cast" },
	{ "author", "writing" },
	{ "editorial director", "writing" },
	{ "co-writer", "writing" },
	{ "writer", "writing" },
	{ "songwriter", "writing" },
	{ "guest writer", "writing" },
	{ "story editor", "writing" },
	{ "managing editor", "writing" },
	{ "script editor", "writing" },
	{ "script coordinator", "writing" },
	{ "researcher", "writing" },
	{ "editor", "writing" },
	{ "fact checker", "writing" },
	{ "translator", "writing" },
	{ "translater", "writing" },
	{ "transcriber", "writing" },
	{ "logger", "writing" },
	{ "studio coordinator", "audio production" },
	{ "technical director", "audio production" },
	{ "technical manager", "audio production" },
	{ "audio engineer", "audio production" },
	{ "remote recording engineer", "audio production" },
	{ "post production engineer", "audio production" },
	{ "audio editor", "audio post-production" },
	{ "sound designer", "audio post-production" },
	{ "foley artist", "audio post-production" },
	{ "composer", "audio post-production" },
	{ "theme music", "audio post-production" },
	{ "music production", "audio post-production" },
	{ "music contributor", "audio post-production" },
	{ "production coordinator", "administration" },
	{ "booking coordinator", "administration" },
	{ "production assistant", "administration" },
	{ "content manager", "administration" },
	{ "marketing manager", "administration" },
	{ "sales representative", "administration" },
	{ "sales manager", "administration" },
	{ "graphic designer", "visuals" },
	{ "cover art designer", "visuals" },
	{ "social media manager", "community" },
	{ "consultant", "misc." },
	{ "intern", "misc." },
	{ "camera operator", "video production" },
	{ "lighting designer", "video production" },
	{ "camera grip", "video production" },
	{ "assistant camera", "video production" },
	{ "assistant editor", "video post-production" },
};

static const char *const groups[] = {
	"creative direction", "cast",	   "writing",	       "audio production",
	"audio post-production", "administration", "visuals", "community",
	"misc.",		"video production", "video post-production",
};

const char *podcast_role_group(const char *role, bool any_case)
{
	for (size_t i = 0; i < COUNT(roles); i++)
		if ((any_case ? strcasecmp(roles[i].role, role) : strcmp(roles[i].role, role)) == 0)
			return roles[i].group;
	return NULL;
}

const char *podcast_role_near(const char *role)
{
	return pp_did_you_mean(role, &roles[0].role, COUNT(roles), sizeof(roles[0]));
}

bool podcast_group_known(const char *group)
{
	for (size_t i = 0; i < COUNT(groups); i++)
		if (strcasecmp(groups[i], group) == 0)
			return true;
	return false;
}
