/**
 * The PostgreSQL sink: {@code posts} (latest revision per post id) and {@code post_revisions}
 * (every revision), written by conditional upserts in one transaction per polled batch, offsets
 * committed after the transaction. The schema is created and migrated by Flyway from {@code
 * io/feedpipe/sinks/postgres/migration}.
 */
package io.feedpipe.sinks.postgres;
