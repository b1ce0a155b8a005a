package io.feedpipe.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the sink's tables whole, every column, in a stable order: for comparing before and after. */
public final class PostgresTables {
  private PostgresTables() {}

  public static List<Map<String, Object>> rows(Connection connection, String table, String orderBy) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + orderBy)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = rs.getObject(i);
          if (value instanceof java.sql.Array array) {
            value = List.of((Object[]) array.getArray());
          } else if (value instanceof byte[] bytes) {
            value = java.util.HexFormat.of().formatHex(bytes);
          }
          row.put(meta.getColumnName(i), value);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  public static Map<String, List<Map<String, Object>>> snapshot(Connection connection) throws SQLException {
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    tables.put("posts", rows(connection, "posts", "post_id"));
    tables.put("post_revisions", rows(connection, "post_revisions", "post_id, revision"));
    tables.put("sink_rejects", rows(connection, "sink_rejects", "source_topic, source_partition, source_offset"));
    return tables;
  }
}
