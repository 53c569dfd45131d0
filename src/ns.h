/* ns.h - the XML namespaces of a podcast feed, spelt exactly as apps match
 * them: the feed writer declares these and the linter looks for these, so
 * the two can never disagree. */
#ifndef PODPUB_NS_H
#define PODPUB_NS_H

#define NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_PODCAST "https://podcastindex.org/namespace/1.0"
/* The second URI of the Podcasting 2.0 namespace, which apps treat as
 * NS_PODCAST: several of the namespace authors' own feeds declare it. */
#define NS_PODCAST_ALT "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_ATOM "http://www.w3.org/2005/Atom"

#endif
