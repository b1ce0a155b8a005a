/**
 * The PostgreSQL sink: {@code posts} (latest revision per post id) and {@code post_revisions}
 * (every revision), written by conditional upserts in one transaction per polled batch, offsets
 * committed after the transaction. A record PostgreSQL refuses for its content goes to {@code
 * sink_rejects} with the SQLState and message, and the rest of its batch is written. The schema is created and migrated by Flyway from {@code
 * io/feedpipe/sinks/postgres/migration}.
 */
package io.feedpipe.sinks.postgres;
