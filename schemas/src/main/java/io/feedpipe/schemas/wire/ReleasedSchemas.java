package io.feedpipe.schemas.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of every feedpipe schema, by CRC-64-AVRO fingerprint.
 *
 * <p>The versions live as {@code .avsc} files under {@code io/feedpipe/schemas/released/}, listed
 * in its {@code INDEX} (a jar cannot be listed, hence the index). A reader resolves the writer's
 * schema of any single-object-encoded record here, so it decodes every version that was ever
 * released, not just the one it was compiled against.
 */
public final class ReleasedSchemas implements SchemaStore {

  static final String FOLDER = "/io/feedpipe/schemas/released/";

  private static final ReleasedSchemas INSTANCE = load();

  private final Map<Long, Schema> byFingerprint;
  private final Map<String, List<Schema>> byName;

  private ReleasedSchemas(Map<Long, Schema> byFingerprint, Map<String, List<Schema>> byName) {
    this.byFingerprint = byFingerprint;
    this.byName = byName;
  }

  /** The schemas released with this build of feedpipe (immutable, loaded once). */
  public static ReleasedSchemas bundled() {
    return INSTANCE;
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** All released versions of the named record (full name, e.g. io.feedpipe.schemas.CleanPost), oldest first. */
  public List<Schema> versionsOf(String fullName) {
    return byName.getOrDefault(fullName, List.of());
  }

  /** The CRC-64-AVRO fingerprint that single-object encoding puts in every record's header. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  /** How fingerprints are written in messages and errors: 16 hex digits, as in the wire header's little-endian bytes read as a number. */
  public static String hex(long fingerprint) {
    return String.format("%016x", fingerprint);
  }

  /** A store of exactly these schemas, oldest first (tests; a reader that pins its own versions). */
  public static ReleasedSchemas of(List<Schema> schemas) {
    Map<Long, Schema> byFingerprint = new LinkedHashMap<>();
    Map<String, List<Schema>> byName = new LinkedHashMap<>();
    for (Schema schema : schemas) {
      byFingerprint.put(fingerprint(schema), schema);
      byName.computeIfAbsent(schema.getFullName(), k -> new ArrayList<>()).add(schema);
    }
    byName.replaceAll((k, v) -> List.copyOf(v));
    return new ReleasedSchemas(Collections.unmodifiableMap(byFingerprint), Collections.unmodifiableMap(byName));
  }

  private static ReleasedSchemas load() {
    List<Schema> schemas = new ArrayList<>();
    for (String file : indexLines()) {
      schemas.add(parse(file));
    }
    return of(schemas);
  }

  private static List<String> indexLines() {
    List<String> files = new ArrayList<>();
    try (InputStream in = open("INDEX");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          files.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FOLDER + "INDEX", e);
    }
    return files;
  }

  private static Schema parse(String file) {
    try (InputStream in = open(file)) {
      // A fresh parser per file: each released file is self-contained.
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read released schema " + FOLDER + file, e);
    }
  }

  private static InputStream open(String file) {
    InputStream in = ReleasedSchemas.class.getResourceAsStream(FOLDER + file);
    if (in == null) {
      throw new IllegalStateException("released schema file missing from the classpath: " + FOLDER + file);
    }
    return in;
  }
}
