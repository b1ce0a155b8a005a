package io.feedpipe.sinks.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The sink's SQL. Every statement is idempotent, which is what makes the sink safe to replay:
 *
 * <ul>
 *   <li>{@code post_revisions}: {@code INSERT … ON CONFLICT (post_id, revision) DO NOTHING} — a
 *       revision is written once, the first time it is seen;
 *   <li>{@code posts}: {@code INSERT … ON CONFLICT (post_id) DO UPDATE … WHERE posts.revision <
 *       EXCLUDED.revision} — the row moves only forward, so a redelivered, replayed or late older
 *       revision never replaces a newer one.
 * </ul>
 *
 * Rows are sent as JDBC batches of single-row statements, in topic order, so two revisions of one
 * post in one batch apply one after the other (a multi-row upsert may not touch a row twice).
 */
public final class PostWriter {
  private final String revisionsSql;
  private final String postsSql;
  private final String rejectSql;

  public PostWriter(String schema) {
    String columns = String.join(", ", PostRow.COLUMNS);
    String params = PostRow.COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", "));
    String q = "\"" + schema + "\".";
    this.revisionsSql = "INSERT INTO " + q + "post_revisions (" + columns + ") VALUES (" + params + ") ON CONFLICT (post_id, revision) DO NOTHING";
    String updates = PostRow.COLUMNS.stream().filter(c -> !c.equals("post_id")).map(c -> c + " = EXCLUDED." + c)
        .collect(Collectors.joining(", "));
    this.postsSql = "INSERT INTO " + q + "posts AS posts (" + columns + ") VALUES (" + params + ") ON CONFLICT (post_id) DO UPDATE SET " + updates
        + " WHERE posts.revision < EXCLUDED.revision";
    this.rejectSql = "INSERT INTO " + q + "sink_rejects (source_topic, source_partition, source_offset, error, sql_state, record_key, "
        + "record_value, record_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_topic, source_partition, source_offset) DO NOTHING";
  }

  /** Writes the rows in the connection's current transaction; the caller commits. */
  public void write(Connection connection, List<PostRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement revisions = connection.prepareStatement(revisionsSql);
        PreparedStatement posts = connection.prepareStatement(postsSql)) {
      for (PostRow row : rows) {
        bind(connection, revisions, row);
        revisions.addBatch();
        bind(connection, posts, row);
        posts.addBatch();
      }
      revisions.executeBatch();
      posts.executeBatch();
    }
  }

  /**
   * A row of {@code sink_rejects}: where the record was, why it was refused ({@code sqlState} null
   * when the database did not refuse it, e.g. it did not decode), its key and value bytes, and a
   * JSON rendering of its value when it decoded.
   */
  public record Reject(String topic, int partition, long offset, String error, String sqlState, byte[] key, byte[] value, String json) {}

  /** Keeps a record that could not be decoded or written, with the reason; once per topic, partition and offset. */
  public void reject(Connection connection, Reject reject) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(rejectSql)) {
      statement.setString(1, reject.topic());
      statement.setInt(2, reject.partition());
      statement.setLong(3, reject.offset());
      statement.setString(4, reject.error());
      statement.setString(5, reject.sqlState());
      statement.setBytes(6, reject.key());
      statement.setBytes(7, reject.value());
      statement.setString(8, reject.json());
      statement.executeUpdate();
    }
  }

  private static void bind(Connection connection, PreparedStatement s, PostRow row) throws SQLException {
    int i = 1;
    s.setString(i++, row.postId());
    s.setInt(i++, row.revision());
    s.setString(i++, row.feedId());
    s.setString(i++, row.feedUrl());
    s.setString(i++, row.title());
    s.setString(i++, row.link());
    s.setArray(i++, textArray(connection, row.authors()));
    s.setArray(i++, textArray(connection, row.categories()));
    setTime(s, i++, row.publishedAt());
    setTime(s, i++, row.updatedAt());
    s.setString(i++, row.text());
    s.setString(i++, row.html());
    s.setString(i++, row.excerpt());
    s.setInt(i++, row.wordCount());
    s.setArray(i++, textArray(connection, row.outboundLinks()));
    s.setString(i++, row.contentHash());
    s.setString(i++, row.previousContentHash());
    setTime(s, i++, row.firstSeenAt());
    setTime(s, i++, row.lastSeenAt());
    s.setString(i++, row.fetchId());
    s.setString(i++, row.sourceTopic());
    s.setInt(i++, row.sourcePartition());
    s.setLong(i, row.sourceOffset());
  }

  private static Array textArray(Connection connection, List<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }

  private static void setTime(PreparedStatement s, int index, Instant time) throws SQLException {
    if (time == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
    }
  }
}
