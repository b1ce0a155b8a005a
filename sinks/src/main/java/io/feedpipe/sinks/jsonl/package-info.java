/**
 * The JSON-lines archive: {@code DIR/<topic>/<topic>-<partition>-<first offset>-<last
 * offset>.jsonl.gz}. A file is written under a hidden partial name and only renamed to its final
 * name, which carries the offset of its last line, after it was completely written and fsynced;
 * on start the sink deletes partial files and resumes each partition after the last offset its
 * final files hold. So the files themselves are the consumer's position: a {@code kill -9} at any
 * moment loses no line and writes none twice. A record that cannot have a line (over the line
 * bound, or not renderable as JSON) goes to {@code DIR/<topic>/rejects-<partition>.jsonl} with the
 * reason instead ({@link io.feedpipe.sinks.jsonl.RejectsFile}).
 */
package io.feedpipe.sinks.jsonl;
