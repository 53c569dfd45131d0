/* episode.h - one episode folder: episode.md (front matter + show notes)
 * and its single audio file. */
#ifndef PODPUB_EPISODE_H
#define PODPUB_EPISODE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "diag.h"
#include "media/chapters.h"
#include "media/transcript.h"
#include "result.h"

struct person {
	char *name;
	char *role;  /* Podcasting 2.0 role, lowercase: "host", "guest" */
	const char *group; /* static: the role's group in the taxonomy, "cast" */
	char *href;  /* optional */
	char *img;   /* optional */
};

/* A transcript file of the folder: "<name>.vtt", "<name>.srt", or with a
 * language before the ending, "transcript.fi.vtt". */
struct episode_transcript {
	char *path;      /* "episodes/<slug>/<file>" */
	char *language;  /* from the name; NULL: the show's language */
	enum transcript_format format;
};

struct episode {
	char *slug;          /* the folder's name; names the published files */
	char *dir;           /* "episodes/<slug>" */
	char *md_path;       /* "episodes/<slug>/episode.md" */
	char *audio_path;    /* "episodes/<slug>/<file>" */
	char *art_path;      /* "episodes/<slug>/cover.jpg|jpeg|png"; NULL: none */
	struct episode_transcript *transcripts; /* by file name */
	size_t transcript_count;
	size_t transcript_alloc;

	/* front matter */
	char *title;
	char *date_text;
	time_t date;
	long number;         /* itunes:episode; 0 when absent */
	long season;         /* 0 when absent */
	char *type;          /* "full", "trailer" or "bonus" */
	bool explicit_given;  /* false: the show's setting applies */
	bool explicit_content;
	bool block;
	bool draft;          /* unfinished: in no feed, its problems only warnings */
	char *guid;          /* NULL: derived from the show's guid and the slug */
	char *link;          /* optional: the episode's own web page */
	struct person *persons;
	size_t person_count;
	struct chapters chapters; /* `chapters:`, each with its line; win over the audio's */
	int chapters_line;   /* where 'chapters' was given; 0 when absent */
	int number_line;     /* where 'episode' was given, for duplicate messages */
	int guid_line;

	/* show notes */
	char *notes_html;
	char *notes_text;
};

void episode_init(struct episode *e);
void episode_release(struct episode *e);

/* The longest folder name (bytes) an episode may have: it names the
 * published "media/<slug>.<ext>", and a target writes that under a
 * temporary name some 40 bytes longer, within a file name's 255. */
#define EPISODE_SLUG_MAX 128

/* True when a folder name is safe to put in a URL unescaped:
 * letters, digits, '-', '_' and '.', not starting with '.'. */
bool episode_slug_valid(const char *slug);

/* Loads episodes_dir/slug. Every problem is a diag error naming the file
 * (and line); the result is PP_EPARSE then. `timezone` applies to dates
 * without an offset. */
enum pp_result episode_load(const char *episodes_dir, const char *slug, const char *timezone,
			    struct episode *out, struct diag *diag) PP_MUST_USE;

#endif
