package io.feedpipe.sinks.postgres;

import io.feedpipe.client.FeedpipeTopic;
import io.feedpipe.client.consume.DurableConsumer;
import io.feedpipe.client.consume.FailureClassifier;
import io.feedpipe.client.consume.FailureKind;
import io.feedpipe.client.consume.SafeText;
import io.feedpipe.client.consume.StandardFailures;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.sinks.metrics.SinkMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts {@code CleanPost} revisions into PostgreSQL: one database transaction per polled batch,
 * the batch's offsets committed only after that transaction committed ({@link DurableConsumer}).
 * A crash between the two delivers the batch again, and the idempotent statements of {@link
 * PostWriter} turn that into no change; so does a replay of the group to any earlier offset.
 * While the database is unreachable the sink retries the same batch with backoff and does not
 * move on.
 *
 * <p>A record the database refuses for its content — a NUL character in a text, a timestamp out of
 * PostgreSQL's range, a broken constraint, a key too big for the index ({@link StandardFailures})
 * — is isolated by {@link DurableConsumer}'s bisection and kept in {@code sink_rejects} with the
 * SQLState and message, its key, its value (Avro bytes) and a JSON rendering of it; the other
 * records of its batch are written and the sink goes on. It never stalls on one bad record.
 *
 * <p>Metrics ({@link SinkMeters}, {@code sink="postgres"}): records written, rejects by reason
 * (the SQLState class, {@code undecodable}), batch duration, age of the last commit.
 */
public final class PostgresSink implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(PostgresSink.class);
  /** Bounds of the texts kept with a reject: enough to see the problem, never a row that fails. */
  static final int MAX_ERROR_CHARS = 4_000;
  static final int MAX_JSON_CHARS = 1_000_000;
  /** The {@code sink} label of this sink's metrics. */
  public static final String SINK = "postgres";

  private final FailureClassifier classifier = FailureClassifier.standard();

  private final PostgresSinkSettings settings;
  private final Map<String, Object> consumerProps;
  private final PostWriter writer;
  private final SinkMeters meters;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile DurableConsumer<CleanPost> loop;
  private Connection connection;

  /** @param kafkaProps bootstrap servers and any client settings (security); the sink adds its own */
  public PostgresSink(PostgresSinkSettings settings, Map<String, Object> kafkaProps) {
    this(settings, kafkaProps, SinkMeters.none(SINK));
  }

  /**
   * A sink counting in {@code registry} (docs/metrics.md, "Sinks").
   *
   * @param kafkaProps bootstrap servers and any client settings (security); the sink adds its own
   */
  public PostgresSink(PostgresSinkSettings settings, Map<String, Object> kafkaProps, MeterRegistry registry) {
    this(settings, kafkaProps, new SinkMeters(registry, SINK));
  }

  private PostgresSink(PostgresSinkSettings settings, Map<String, Object> kafkaProps, SinkMeters meters) {
    this.meters = meters;
    this.settings = settings;
    Map<String, Object> props = new HashMap<>(kafkaProps);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "feedpipe-sink-postgres");
    props.putAll(DurableConsumer.safetySettings());
    this.consumerProps = props;
    this.writer = new PostWriter(settings.schema());
  }

  /** Migrates the schema, then consumes until {@link #stop()}. */
  @Override
  public void run() {
    try {
      PostgresSchema.migrate(settings);
      Deserializer<CleanPost> values = FeedpipeTopic.CLEAN.valueDeserializer(); // every topic of the sink carries CleanPost
      KafkaConsumer<String, CleanPost> consumer = new KafkaConsumer<>(consumerProps, FeedpipeTopic.CLEAN.keyDeserializer(), values);
      DurableConsumer<CleanPost> l = new DurableConsumer<>(consumer, settings.topics(), this::writeBatch, this::reject, classifier,
          this::rejectUnwritable).withListener(meters);
      loop = l;
      if (stopRequested.getCount() == 0) {
        l.stop();
      }
      log.info("writing {} into {} schema {} (group {})", settings.topics(), redacted(settings.jdbcUrl()), settings.schema(), settings.groupId());
      l.run();
    } finally {
      closeConnection();
      stopped.countDown();
    }
  }

  public void stop() {
    stopRequested.countDown();
    DurableConsumer<CleanPost> l = loop;
    if (l != null) {
      l.stop();
    }
  }

  public boolean stopAndAwait(Duration timeout) throws InterruptedException {
    stop();
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Records written in transactions that committed (a redelivered record counts again). */
  public long recordsHandled() {
    DurableConsumer<CleanPost> l = loop;
    return l == null ? 0 : l.recordsHandled();
  }

  /** Records kept in sink_rejects because PostgreSQL refused them (not counting records that did not decode). */
  public long recordsRejected() {
    DurableConsumer<CleanPost> l = loop;
    return l == null ? 0 : l.recordsRejected();
  }

  private void writeBatch(List<ConsumerRecord<String, CleanPost>> batch) throws SQLException {
    List<PostRow> rows = new ArrayList<>(batch.size());
    for (ConsumerRecord<String, CleanPost> record : batch) {
      if (record.value() != null) { // a tombstone deletes nothing here: the tables keep history
        rows.add(PostRow.of(record.value(), record.topic(), record.partition(), record.offset()));
      }
    }
    inTransaction(c -> writer.write(c, rows));
  }

  private void reject(RecordDeserializationException e) throws SQLException {
    String error = SafeText.of(String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), MAX_ERROR_CHARS);
    inTransaction(c -> writer.reject(c, new PostWriter.Reject(e.topicPartition().topic(), e.topicPartition().partition(), e.offset(), error,
        null, bytes(e.keyBuffer()), bytes(e.valueBuffer()), null)));
    log.error("{} offset {} does not decode as CleanPost; kept in {}.sink_rejects: {}", e.topicPartition(), e.offset(), settings.schema(),
        e.getMessage());
  }

  /** A record PostgreSQL refuses: kept in sink_rejects with the reason, sanitized so that this write cannot fail the same way. */
  private void rejectUnwritable(ConsumerRecord<String, CleanPost> record, Throwable failure) throws SQLException {
    PostWriter.Reject reject = RejectedPost.of(record, failure, MAX_ERROR_CHARS, MAX_JSON_CHARS);
    inTransaction(c -> writer.reject(c, reject));
  }

  private interface Work {
    void run(Connection connection) throws SQLException;
  }

  private void inTransaction(Work work) throws SQLException {
    Connection c = connection();
    try {
      work.run(c);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      boolean healthy = classifier.classify(e) == FailureKind.DETERMINISTIC;
      try {
        c.rollback();
      } catch (SQLException broken) {
        healthy = false;
      }
      if (!healthy) {
        closeConnection(); // next attempt on a fresh connection
      } // else keep it: the bisection of a batch with a bad record tries a few transactions in a row
      throw e;
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Properties props = new Properties();
      settings.user().ifPresent(u -> props.setProperty("user", u));
      settings.password().ifPresent(p -> props.setProperty("password", p));
      props.setProperty("ApplicationName", "feedpipe-sink-postgres");
      Connection c = DriverManager.getConnection(settings.jdbcUrl(), props);
      c.setAutoCommit(false);
      connection = c;
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing the database connection: {}", e.toString());
      }
      connection = null;
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static String redacted(String url) {
    return url.replaceAll("(?i)password=[^&]*", "password=***");
  }
}
