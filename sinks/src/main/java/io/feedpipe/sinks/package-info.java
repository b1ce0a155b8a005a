/**
 * Reference sinks: each is a consumer group, writes idempotently and is safe to replay.
 * {@link io.feedpipe.sinks.jsonl} archives topics as gzip JSON-lines files whose names carry the
 * offsets they hold, so a restart after {@code kill -9} resumes from the files themselves;
 * {@link io.feedpipe.sinks.postgres} upserts posts and revisions into PostgreSQL and commits
 * offsets after the database transaction.
 */
package io.feedpipe.sinks;
