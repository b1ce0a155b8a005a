package io.feedpipe.connect;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The converter's settings, given in a connector or worker configuration under the {@code
 * value.converter.} prefix.
 *
 * @param recordType the one record type (simple or full name, e.g. {@code CleanPost}) the topic may
 *     hold; empty: whatever type each record's fingerprint names
 */
public record FeedpipeConverterConfig(Optional<String> recordType) {

  public static final String RECORD_TYPE = "record.type";

  public static final ConfigDef DEFINITION = new ConfigDef()
      .define(RECORD_TYPE, Type.STRING, "", Importance.MEDIUM,
          "The feedpipe record type the topic holds (CleanPost, FetchedPost, FeedStatus, FeedConfig, FeedState, FeedHealth; "
              + "simple or full name). Set, a record of another type is an error (DataException). "
              + "Empty (the default): the type named by each record's schema fingerprint.");

  public static FeedpipeConverterConfig parse(Map<String, ?> settings) {
    String type = new AbstractConfig(DEFINITION, settings, false).getString(RECORD_TYPE).strip();
    return new FeedpipeConverterConfig(type.isEmpty() ? Optional.empty() : Optional.of(type));
  }

  /** Whether a record type (Avro full name) is one this configuration accepts. */
  public boolean accepts(String fullName) {
    return recordType.map(t -> t.equals(fullName) || fullName.endsWith("." + t)).orElse(true);
  }
}
