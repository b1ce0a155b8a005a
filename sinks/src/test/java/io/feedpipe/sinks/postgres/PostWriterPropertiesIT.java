package io.feedpipe.sinks.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.client.consume.BatchBisection;
import io.feedpipe.client.consume.FailureClassifier;
import io.feedpipe.client.consume.FailureKind;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.sinks.hostile.HostilePosts;
import io.feedpipe.testsupport.PostgresTables;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The PostgreSQL sink's writing path over generated hostile revisions, against a real PostgreSQL
 * server: a batch is written whole, or (when PostgreSQL refuses a value, which must be classified
 * as the record's fault, never as an outage to retry forever) bisected down to the refused records,
 * which are kept in {@code sink_rejects} with a reason while every other revision is written. The
 * reject itself never fails, whatever the values.
 */
class PostWriterPropertiesIT {
  private static final FailureClassifier CLASSIFIER = FailureClassifier.standard();
  private static final PostWriter WRITER = new PostWriter(PostgresSinkSettings.DEFAULT_SCHEMA);

  private static EmbeddedPostgres postgres;
  private static String jdbcUrl;

  @BeforeContainer
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
    jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    PostgresSchema.migrate(PostgresSinkSettings.of(jdbcUrl, "postgres", "postgres"));
  }

  @AfterContainer
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Provide
  Arbitrary<List<CleanPost>> batches() {
    return HostilePosts.posts().list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 40)
  void everyRevisionIsWrittenOrRejectedWithAReasonAndNoneIsRetriedForever(@ForAll("batches") List<CleanPost> batch) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("TRUNCATE posts, post_revisions, sink_rejects");
      }
      c.commit();
      List<ConsumerRecord<String, CleanPost>> records = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        records.add(new ConsumerRecord<>("posts.clean", 0, i, batch.get(i).getPostId(), batch.get(i)));
      }

      List<BatchBisection.Rejected<ConsumerRecord<String, CleanPost>>> rejected = List.of();
      try {
        write(c, records);
      } catch (Exception refused) {
        assertThat(CLASSIFIER.classify(refused)).as("a value PostgreSQL refuses is the record's fault: %s", refused)
            .isEqualTo(FailureKind.DETERMINISTIC);
        BatchBisection.Outcome<ConsumerRecord<String, CleanPost>> outcome =
            BatchBisection.isolate(records, refused, part -> write(c, part), CLASSIFIER);
        assertThat(outcome).isInstanceOf(BatchBisection.Isolated.class);
        rejected = ((BatchBisection.Isolated<ConsumerRecord<String, CleanPost>>) outcome).rejected();
        assertThat(rejected).isNotEmpty();
        for (var reject : rejected) {
          WRITER.reject(c, RejectedPost.of(reject.item(), reject.reason(), 4_000, 100_000)); // must not fail
          c.commit();
        }
      }

      // Shown in the report: most batches must contain refused values, or the property proves little.
      Statistics.label("batch").collect(rejected.isEmpty() ? "written whole" : "bisected");

      Set<Long> rejectedOffsets = new HashSet<>();
      rejected.forEach(r -> rejectedOffsets.add(r.item().offset()));
      Set<String> revisions = new HashSet<>();
      for (Map<String, Object> row : PostgresTables.rows(c, "post_revisions", "post_id")) {
        revisions.add(row.get("post_id") + "#" + row.get("revision"));
      }
      for (ConsumerRecord<String, CleanPost> record : records) {
        if (!rejectedOffsets.contains(record.offset())) {
          assertThat(revisions).as("revision of record %d written", record.offset())
              .contains(record.value().getPostId() + "#" + record.value().getRevision());
        }
      }
      List<Map<String, Object>> rejects = PostgresTables.rows(c, "sink_rejects", "source_offset");
      assertThat(rejects).hasSize(rejected.size());
      assertThat(rejects).allSatisfy(r -> assertThat((String) r.get("error")).isNotBlank());
    }
  }

  private static void write(Connection c, List<ConsumerRecord<String, CleanPost>> records) throws SQLException {
    List<PostRow> rows = new ArrayList<>();
    for (ConsumerRecord<String, CleanPost> record : records) {
      rows.add(PostRow.of(record.value(), record.topic(), record.partition(), record.offset()));
    }
    try {
      WRITER.write(c, rows);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }
}
