package io.feedpipe.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts one PostgreSQL server per JVM (lazily) and hands out fresh databases on it. */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresExtension.class);
  private static final Namespace NAMESPACE = Namespace.create(PostgresExtension.class);
  public static final String REQUIRED_PROPERTY = "feedpipe.test.postgres";

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context).newDatabase();
  }

  private static Server server(ExtensionContext context) {
    Server server = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Server.class, key -> Server.start(), Server.class);
    if (server.skipReason != null) {
      String message = "no PostgreSQL server could be started here (" + server.skipReason + "): skipping "
          + context.getRequiredTestClass().getSimpleName();
      if ("required".equalsIgnoreCase(System.getProperty(REQUIRED_PROPERTY, ""))) {
        Assertions.fail(message + " is not allowed: -D" + REQUIRED_PROPERTY + "=required");
      }
      LOG.warn(message);
      Assumptions.abort(message);
    }
    return server;
  }

  private static final class Server implements AutoCloseable {
    final EmbeddedPostgres postgres;
    final String skipReason;
    final AtomicInteger databases = new AtomicInteger();

    private Server(EmbeddedPostgres postgres, String skipReason) {
      this.postgres = postgres;
      this.skipReason = skipReason;
    }

    static Server start() {
      long start = System.nanoTime();
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            // a test server: durability across an OS crash is not what these tests are about
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
        LOG.info("PostgreSQL test server on port {} in {} ms", postgres.getPort(), (System.nanoTime() - start) / 1_000_000);
        return new Server(postgres, null);
      } catch (IOException | RuntimeException e) {
        return new Server(null, e.toString());
      }
    }

    PostgresDatabase newDatabase() {
      String name = "feedpipe_test_" + databases.incrementAndGet();
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
      }
      return new PostgresDatabase(postgres.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
      if (postgres != null) {
        postgres.close();
      }
    }
  }
}
