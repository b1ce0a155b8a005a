package io.feedpipe.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

  private static final long MB = 1024 * 1024;

  @TempDir Path dir;

  @Test
  void streamsPropertiesInstallTheSetterWithTheConfiguredBudget() {
    StreamsSettings settings = new StreamsSettings("app", StreamsSettings.defaults(List.of(), dir).topics(),
        StreamsSettings.defaults(List.of(), dir).cleaner(), List.of(), StreamsSettings.DEFAULT_DEDUPE_RETENTION, 1, dir, 24 * MB);

    var props = StreamsProperties.of(settings, "unused:9092", Map.of());

    assertThat(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbMemory.class.getName());
    assertThat(BoundedRocksDbMemory.budget(new HashMap<>(Map.of(BoundedRocksDbMemory.BUDGET_CONFIG, props.get(BoundedRocksDbMemory.BUDGET_CONFIG)))))
        .isEqualTo(24 * MB);
  }

  @Test
  void aBudgetThatIsMissingMalformedOrTooSmallIsRefusedByName() {
    assertThatThrownBy(() -> BoundedRocksDbMemory.budget(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("streams.rocksdb-memory");
    assertThatThrownBy(() -> BoundedRocksDbMemory.budget(Map.of(BoundedRocksDbMemory.BUDGET_CONFIG, "64MB")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(BoundedRocksDbMemory.BUDGET_CONFIG).hasMessageContaining("64MB");
    assertThatThrownBy(() -> BoundedRocksDbMemory.budget(Map.of(BoundedRocksDbMemory.BUDGET_CONFIG, 1024L)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("at least 8MB");
    // An override through kafka.properties is checked at start, not when the first store opens.
    assertThatThrownBy(() -> StreamsProperties.of(StreamsSettings.defaults(List.of(), dir), "unused:9092",
            Map.of(BoundedRocksDbMemory.BUDGET_CONFIG, "lots")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("lots");
    StreamsSettings defaults = StreamsSettings.defaults(List.of(), dir);
    assertThatThrownBy(() -> new StreamsSettings("app", defaults.topics(), defaults.cleaner(), List.of(),
            StreamsSettings.DEFAULT_DEDUPE_RETENTION, 1, dir, MB))
        .hasMessageContaining("streams.rocksdb-memory must be at least 8MB");
  }

  @Test
  void everyStoreInstanceGetsTheSameCacheAndWriteBufferManager() {
    Map<String, Object> configs = Map.of(BoundedRocksDbMemory.BUDGET_CONFIG, Long.toString(40 * MB));
    try (Options a = kafkaStreamsLikeOptions(); Options b = kafkaStreamsLikeOptions()) {
      new BoundedRocksDbMemory().setConfig("post-state", a, configs);
      new BoundedRocksDbMemory().setConfig("post-state", b, configs);

      assertThat(a.writeBufferManager()).isNotNull().isSameAs(b.writeBufferManager())
          .isSameAs(BoundedRocksDbMemory.shared(40 * MB).writeBuffers());
      assertThat(((BlockBasedTableConfig) a.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
      // Memtables keep Kafka Streams' size; the shared write buffer manager bounds them together.
      assertThat(a.writeBufferSize()).isEqualTo(16 * MB);
    }
  }

  /**
   * Real RocksDB instances, as many as the default partitions, each written with far more than the
   * budget, flushed, and read back at random: the shared cache fills with blocks, index and filter
   * blocks, and its usage stays within the budget and RocksDB's soft-limit slack. Measured after
   * the flushes complete, not while they run: the write buffer manager does not stall writes, so
   * on a busy machine memtables may be charged past the budget until their flush catches up.
   */
  @Test
  void storesFullOfDataStayWithinTheBudget() throws Exception {
    long budget = 16 * MB;
    Map<String, Object> configs = Map.of(BoundedRocksDbMemory.BUDGET_CONFIG, budget);
    Random random = new Random(7);
    byte[] value = new byte[600];
    var dbs = new java.util.ArrayList<RocksDB>();
    var options = new java.util.ArrayList<Options>();
    try {
      for (int p = 0; p < 6; p++) {
        Options o = kafkaStreamsLikeOptions().setCreateIfMissing(true);
        new BoundedRocksDbMemory().setConfig("post-state", o, configs);
        options.add(o);
        dbs.add(RocksDB.open(o, dir.resolve("store-" + p).toString()));
      }
      for (int i = 0; i < 120_000; i++) { // 6 stores x 20,000 ids x ~650 B = ~78 MB written
        random.nextBytes(value);
        dbs.get(i % 6).put(key(i), value);
      }
      try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
        for (RocksDB db : dbs) {
          db.flush(wait);
        }
      }
      for (int i = 0; i < 60_000; i++) {
        int id = random.nextInt(120_000);
        assertThat(dbs.get(id % 6).get(key(id))).hasSize(value.length);
      }
      long usage = BoundedRocksDbMemory.shared(budget).cache().getUsage();
      assertThat(usage).as("blocks are cached").isGreaterThan(budget / 4);
      assertThat(usage).as("cache usage after the reads").isLessThanOrEqualTo((long) (budget * (1 + BoundedRocksDbMemory.SOFT_LIMIT_SLACK)));
    } finally {
      dbs.forEach(RocksDB::close);
      options.forEach(Options::close);
    }
  }

  private static byte[] key(int i) {
    return ("lesswrong:post-" + i).getBytes(StandardCharsets.UTF_8);
  }

  /** What Kafka Streams hands the setter: block-based tables with a bloom filter, 16 MB memtables. */
  private static Options kafkaStreamsLikeOptions() {
    RocksDB.loadLibrary();
    BlockBasedTableConfig table = new BlockBasedTableConfig();
    table.setFilterPolicy(new BloomFilter());
    return new Options().setTableFormatConfig(table).setWriteBufferSize(16 * MB).setMaxWriteBufferNumber(3);
  }
}
