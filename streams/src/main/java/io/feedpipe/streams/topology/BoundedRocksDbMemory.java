package io.feedpipe.streams.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the memory RocksDB takes outside the Java heap for the dedupe store: one block cache shared
 * by every store instance of the process (one per input partition), with the memtables, index and
 * filter blocks charged to it.
 *
 * <p>Why: by default Kafka Streams gives each RocksDB instance its own 50 MB block cache and up to
 * three 16 MB memtables, and caches index and filter blocks outside any cache, so six partitions
 * may take several hundred MB that no {@code -Xmx} bounds (measured before this class:
 * {@code bench-memory} with {@code -Xmx512m} peaked near 1 GB resident). This follows the recipe of
 * Kafka Streams' memory-management guide, with the budget taken from {@code
 * streams.rocksdb-memory}. The bound is RocksDB's soft one (the cache may briefly exceed it while
 * a flush is under way, see {@link #SOFT_LIMIT_SLACK}), and it is per process and budget: instances
 * configured with the same budget in one JVM share one cache. It bounds what RocksDB accounts in
 * its cache, not every byte RocksDB allocates: iterators, compaction buffers, Kafka Streams' own
 * small column family for offsets and the C allocator's fragmentation come on top.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  /** The Streams config key carrying the budget in bytes (set by {@link StreamsProperties}). */
  public static final String BUDGET_CONFIG = "feedpipe.rocksdb.memory.bytes";

  /** Below this, RocksDB thrashes: a few memtables and the index blocks of a handful of files. */
  public static final long MIN_BUDGET = 8L * 1024 * 1024;

  /**
   * How far over the budget the cache may run: its limit is soft (a block read while it is full is
   * still cached and evicted sooner, and memtables are charged as they grow, before a flush frees
   * them). Used by the tests and {@code bench-memory} as the bound they check.
   */
  public static final double SOFT_LIMIT_SLACK = 0.25;

  /** Share of the budget memtables may take before the write buffer manager forces flushes. */
  static final double MEMTABLE_SHARE = 0.5;

  /** Share of the cache reserved for index and filter blocks, so data blocks cannot evict them. */
  static final double HIGH_PRIORITY_SHARE = 0.1;

  private static final Map<Long, SharedMemory> BUDGETS = new ConcurrentHashMap<>();

  /** The native objects of one budget. They live as long as the process: every store instance refers to them. */
  record SharedMemory(Cache cache, WriteBufferManager writeBuffers) {}

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    SharedMemory memory = shared(budget(configs));
    if (!(options.tableFormatConfig() instanceof BlockBasedTableConfig table)) {
      throw new ConfigException("streams.rocksdb-memory: store " + storeName + " does not use block-based tables ("
          + options.tableFormatConfig() + "), so its memory cannot be bounded by a shared block cache");
    }
    // Setting the cache on the table config Kafka Streams handed us also points its block-cache
    // metrics at the shared cache.
    table.setBlockCache(memory.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    options.setTableFormatConfig(table);
    // Memtables keep Kafka Streams' size (16 MB, up to three per store); the write buffer manager
    // flushes the largest once all of them together pass their share of the budget. It does not
    // stall writes, so while flushes lag behind the budget can be exceeded for a moment.
    options.setWriteBufferManager(memory.writeBuffers());
  }

  @Override
  public void close(String storeName, Options options) {
    // Nothing to free: the cache and the write buffer manager are shared by every store instance.
  }

  /** The budget in bytes from the Streams configs; {@link #MIN_BUDGET} at least. */
  static long budget(Map<String, Object> configs) {
    Object value = configs.get(BUDGET_CONFIG);
    if (value == null) {
      throw new ConfigException(BUDGET_CONFIG + " is not set: the streams.rocksdb-memory budget must be given to "
          + BoundedRocksDbMemory.class.getSimpleName());
    }
    long bytes;
    try {
      bytes = Long.parseLong(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(BUDGET_CONFIG, value, "not a number of bytes");
    }
    try {
      return requireBudget(bytes);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(BUDGET_CONFIG, value, e.getMessage());
    }
  }

  /** {@code bytes} if it is a usable budget; else an error naming streams.rocksdb-memory. */
  public static long requireBudget(long bytes) {
    if (bytes < MIN_BUDGET) {
      throw new IllegalArgumentException("streams.rocksdb-memory must be at least 8MB, got " + bytes + " bytes");
    }
    return bytes;
  }

  /**
   * Bytes held now in the shared cache of {@code budget}: data, index and filter blocks and the
   * memtables charged to it; -1 if no store of this process uses that budget yet.
   */
  public static long usage(long budget) {
    SharedMemory memory = BUDGETS.get(budget);
    return memory == null ? -1 : memory.cache().getUsage();
  }

  /** The shared objects of a budget, created on first use. */
  static SharedMemory shared(long budget) {
    return BUDGETS.computeIfAbsent(budget, BoundedRocksDbMemory::allocate);
  }

  private static SharedMemory allocate(long budget) {
    long memtables = (long) (budget * MEMTABLE_SHARE);
    // strictCapacityLimit=false: a read that needs a block while the cache is full still succeeds
    // (the block is evicted sooner) instead of failing the Streams task with an I/O error.
    Cache cache = new LRUCache(budget, -1, false, HIGH_PRIORITY_SHARE);
    return new SharedMemory(cache, new WriteBufferManager(memtables, cache));
  }
}
