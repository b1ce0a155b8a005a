package io.feedpipe.sinks.postgres;

import io.feedpipe.client.FeedpipeTopic;
import io.feedpipe.client.consume.DurableConsumer;
import io.feedpipe.schemas.CleanPost;
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
 */
public final class PostgresSink implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(PostgresSink.class);

  private final PostgresSinkSettings settings;
  private final Map<String, Object> consumerProps;
  private final PostWriter writer;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile DurableConsumer<CleanPost> loop;
  private Connection connection;

  /** @param kafkaProps bootstrap servers and any client settings (security); the sink adds its own */
  public PostgresSink(PostgresSinkSettings settings, Map<String, Object> kafkaProps) {
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
      DurableConsumer<CleanPost> l = new DurableConsumer<>(consumer, settings.topics(), this::writeBatch, this::reject);
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
    inTransaction(c -> writer.reject(c, e.topicPartition().topic(), e.topicPartition().partition(), e.offset(),
        String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), bytes(e.keyBuffer()), bytes(e.valueBuffer())));
    log.error("{} offset {} does not decode as CleanPost; kept in {}.sink_rejects: {}", e.topicPartition(), e.offset(), settings.schema(),
        e.getMessage());
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
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is broken; it is replaced below
      }
      closeConnection(); // next attempt on a fresh connection
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
