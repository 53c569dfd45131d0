/* result.h - the one result type every podpub module returns. */
#ifndef PODPUB_RESULT_H
#define PODPUB_RESULT_H

enum pp_result {
	PP_OK = 0,
	PP_ENOMEM,   /* an allocation failed */
	PP_EIO,      /* reading or writing a local file failed */
	PP_EPARSE,   /* an input file is malformed: the producer must fix it */
	PP_EMEDIA,   /* an audio or image file is unreadable, corrupt or not audio */
	PP_ELINT,    /* the feed has errors */
	PP_ETARGET,  /* the publish target failed */
	PP_EINTERNAL, /* a bug or a library misbehaving */
	PP_EINTR      /* stopped by Ctrl-C or SIGTERM */
};

#define PP_MUST_USE __attribute__((warn_unused_result))

/* A short lowercase description of a result, for messages. Never NULL. */
const char *pp_strerror(enum pp_result r);

#endif
