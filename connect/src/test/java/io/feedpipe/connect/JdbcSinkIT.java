package io.feedpipe.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.connect.worker.ConnectWorker;
import io.feedpipe.connect.worker.TestTopics;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.EditSummary;
import io.feedpipe.schemas.PostImage;
import io.feedpipe.testkit.KafkaCluster;
import io.feedpipe.testkit.KafkaClusterInfo;
import io.feedpipe.testsupport.PostgresDatabase;
import io.feedpipe.testsupport.RealPostgres;
import io.feedpipe.testsupport.SamplePosts;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * The Debezium JDBC sink connector on a real standalone worker upserts posts.clean into a real
 * PostgreSQL table by post id, through the converter; a record that is not feedpipe Avro goes to
 * Connect's dead letter queue and the records after it still arrive.
 */
@KafkaCluster
@RealPostgres
class JdbcSinkIT {

  private static final byte[] POISON = "{\"postId\": \"not avro\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void latestRevisionOfEveryPostIsARowAndThePoisonRecordGoesToTheDeadLetterQueue(KafkaClusterInfo kafka, PostgresDatabase db)
      throws Exception {
    String topic = kafka.uniqueName("posts.clean");
    String dlq = kafka.uniqueName("posts.clean.connect-dlq");
    TestTopics.create(kafka, topic, 1); // one partition: the poison's position among the posts is known
    CleanPost a1 = SamplePosts.cleanPost("blog:a", 1);
    CleanPost a2 = SamplePosts.cleanPost("blog:a", 2);
    a2.setEdit(EditSummary.newBuilder().setTitleChanged(true).setPreviousTitle(a1.getTitle()).setTextChanged(true)
        .setWordsAdded(1).setWordsRemoved(1).setSummary("title changed; text changed: +1 -1 words").build());
    a2.setImages(List.of(new PostImage("https://example.org/chart.png", "a chart")));
    CleanPost b1 = SamplePosts.cleanPost("blog:b", 1);
    CleanPost old = SamplePosts.cleanPost("blog:old", 1);
    List<Map.Entry<String, byte[]>> records = List.of(TestTopics.current(a1), TestTopics.current(b1),
        Map.entry("blog:poison", POISON), TestTopics.current(a2), TestTopics.asVersion1(old));
    TestTopics.produce(kafka, topic, records);

    Map<String, String> connector = new LinkedHashMap<>();
    connector.put("name", "posts-postgres");
    connector.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
    connector.put("tasks.max", "1");
    connector.put("topics", topic);
    connector.put("connection.url", db.jdbcUrl());
    connector.put("connection.username", db.user());
    connector.put("connection.password", db.password());
    connector.put("insert.mode", "upsert");
    connector.put("primary.key.mode", "record_key");
    connector.put("primary.key.fields", "post_id");
    connector.put("schema.evolution", "basic");
    connector.put("collection.name.format", "feedpipe_posts");
    connector.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    connector.put("value.converter", "io.feedpipe.connect.FeedpipeAvroConverter");
    connector.put("value.converter.record.type", "CleanPost");
    // The JDBC sink takes its primary key from a struct key: the post id (a string) becomes the
    // key struct's post_id field. It writes flat rows: the optional edit struct becomes edit_*
    // columns, and the images (an array of structs, which has no column type) are left out.
    connector.put("transforms", "keyToStruct,flatten,dropImages");
    connector.put("transforms.keyToStruct.type", "org.apache.kafka.connect.transforms.HoistField$Key");
    connector.put("transforms.keyToStruct.field", "post_id");
    connector.put("transforms.flatten.type", "org.apache.kafka.connect.transforms.Flatten$Value");
    connector.put("transforms.flatten.delimiter", "_");
    connector.put("transforms.dropImages.type", "org.apache.kafka.connect.transforms.ReplaceField$Value");
    connector.put("transforms.dropImages.exclude", "images");
    connector.put("errors.tolerance", "all");
    connector.put("errors.log.enable", "true");
    connector.put("errors.log.include.messages", "true"); // the log names the record's topic, partition and offset
    connector.put("errors.deadletterqueue.topic.name", dlq);
    connector.put("errors.deadletterqueue.topic.replication.factor", "1");
    connector.put("errors.deadletterqueue.context.headers.enable", "true");

    try (ConnectWorker worker = ConnectWorker.start(ConnectWorker.workDir(kafka.uniqueName("jdbc-sink")), kafka.bootstrapServers(), List.of(connector))) {
      worker.awaitUntil("the sink's group at the end of " + topic, Duration.ofMinutes(3), () -> committedOffset(kafka, "connect-posts-postgres", new TopicPartition(topic, 0)) >= records.size());

      Map<String, Map<String, Object>> rows = rows(db, "SELECT * FROM feedpipe_posts ORDER BY post_id");
      assertThat(rows.keySet()).as(worker.logTail()).containsExactly("blog:a", "blog:b", "blog:old");
      assertThat(rows.get("blog:a")).containsEntry("revision", 2).containsEntry("title", a2.getTitle())
          .containsEntry("edit_titlechanged", true).containsEntry("edit_previoustitle", a1.getTitle())
          .containsEntry("edit_wordsadded", 1);
      assertThat(rows.get("blog:b")).containsEntry("revision", 1).containsEntry("edit_titlechanged", null);
      assertThat(rows.get("blog:old")).containsEntry("readingtimeminutes", 0);
      // Columns made by schema.evolution=basic from the Connect schema: timestamps (UTC wall time),
      // text arrays, the flattened edit struct.
      Map<String, Map<String, Object>> columns = rows(db, "SELECT column_name AS post_id, udt_name FROM information_schema.columns"
          + " WHERE table_name = 'feedpipe_posts'");
      assertThat(columns.get("publishedat")).containsEntry("udt_name", "timestamp");
      assertThat(columns.get("authors")).containsEntry("udt_name", "_text");
      assertThat(columns.get("edit_wordsadded")).containsEntry("udt_name", "int4");
      assertThat(columns).doesNotContainKey("images");
      assertThat(rows(db, "SELECT post_id, publishedat::text AS published, array_to_string(authors, '|') AS authors"
          + " FROM feedpipe_posts WHERE post_id = 'blog:a'").get("blog:a"))
          .containsEntry("published", "2026-11-01 10:00:00").containsEntry("authors", "Ada");

      List<ConsumerRecord<byte[], byte[]>> dead = TestTopics.readAll(kafka, dlq);
      assertThat(dead).singleElement().satisfies(record -> {
        assertThat(record.value()).isEqualTo(POISON);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("blog:poison");
        assertThat(header(record, "__connect.errors.topic")).isEqualTo(topic);
        assertThat(header(record, "__connect.errors.partition")).isEqualTo("0");
        assertThat(header(record, "__connect.errors.offset")).isEqualTo("2");
        assertThat(header(record, "__connect.errors.stage")).isEqualTo("VALUE_CONVERTER");
        assertThat(header(record, "__connect.errors.exception.message"))
            .startsWith("feedpipe converter, topic " + topic + ": not an Avro single-object encoded feedpipe record");
      });
    }
  }

  private static long committedOffset(KafkaClusterInfo kafka, String group, TopicPartition partition) throws Exception {
    try (Admin admin = kafka.admin()) {
      var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      var committed = offsets.get(partition);
      return committed == null ? -1 : committed.offset();
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Map<String, Map<String, Object>> rows(PostgresDatabase db, String sql) throws SQLException {
    Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
        }
        rows.put(rs.getString("post_id"), row);
      }
    }
    return rows;
  }
}
