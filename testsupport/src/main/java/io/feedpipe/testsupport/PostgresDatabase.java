package io.feedpipe.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A fresh database on the test PostgreSQL server. */
public record PostgresDatabase(String jdbcUrl, String user, String password) {

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }
}
