/* libFuzzer harness: a transcript file from an episode folder, read as
 * WebVTT and as SubRip (the first byte chooses), against a minute of
 * audio, or of none. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "media/transcript.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct transcript tr;
	struct diag diag;
	enum transcript_format format;

	if (size < 1)
		return 0;
	/* The first byte picks the format and whether a duration applies,
	 * so one corpus covers both parsers. */
	format = data[0] & 1 ? TRANSCRIPT_SRT : TRANSCRIPT_VTT;
	transcript_init(&tr);
	diag_init(&diag);
	if (transcript_parse((const char *)data + 1, size - 1, format, data[0] & 2 ? 60.0 : 0.0,
			     "fuzz.vtt", &tr, &diag) == PP_OK) {
		/* Every cue the parser accepts keeps its promises. */
		for (size_t i = 0; i < tr.count; i++)
			if (tr.cues[i].end < tr.cues[i].start ||
			    (i > 0 && tr.cues[i].start < tr.cues[i - 1].start) || !tr.cues[i].text)
				abort();
	}
	diag_release(&diag);
	transcript_release(&tr);
	return 0;
}
