package io.feedpipe.client.consume;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The classification {@link DurableConsumer} uses unless told otherwise. Pure: it reads exception
 * types and SQLStates (SQL:2011 and PostgreSQL appendix A), nothing else.
 *
 * <p>Deterministic — the records are at fault, a retry fails the same way:
 *
 * <ul>
 *   <li>SQLState class 22, data exception: 22021 invalid byte sequence (a NUL character in text),
 *       22P05 untranslatable character, 22008 datetime field overflow (a year PostgreSQL cannot
 *       store), 22001 string too long for its column, 22003 numeric value out of range, …;
 *   <li>class 23, integrity constraint violation (a check, not-null or unique constraint);
 *   <li>class 42, except the codes that mean the database is not the one the writer expects (see
 *       below);
 *   <li>class 54, program limit exceeded (an index row over PostgreSQL's size limit: a huge key);
 *   <li>{@link DeterministicFailureException}; {@link DateTimeException} and {@link
 *       ArithmeticException} (a value that does not convert in Java, before any driver sees it);
 *       {@link CharacterCodingException} (text that cannot be encoded).
 * </ul>
 *
 * <p>Transient — the surroundings failed and will recover: class 08 connection exception, 40001
 * serialization failure, 40P01 deadlock, classes 53 (insufficient resources), 57 (operator
 * intervention: shutdown, statement timeout) and 58 (system error), {@link SQLTransientException},
 * {@link SQLRecoverableException}, {@link SQLNonTransientConnectionException}, any other {@link
 * IOException} (socket timeout, connection reset, disk full). A missing table, column or privilege
 * (42P01, 42703, 42501, …) is transient on purpose: every record would fail the same way, and
 * rejecting them all would empty the topic into the rejects; waiting until an operator fixes the
 * database loses nothing. Anything not named here is transient too: a record is rejected only for
 * a failure known to be its own.
 *
 * <p>The whole cause chain (and {@link SQLException#getNextException()}, where a JDBC batch keeps
 * the server's error) is read; a transient sign anywhere wins, so an outage never rejects a record.
 */
public final class StandardFailures {
  /** Class 42 codes that say the schema or the grants are wrong, not the data. */
  private static final Set<String> DATABASE_NOT_AS_EXPECTED = Set.of(
      "42501", // insufficient privilege
      "42601", // syntax error
      "42602", // invalid name
      "42P01", // undefined table
      "42P02", // undefined parameter
      "42703", // undefined column
      "42704", // undefined object
      "42883", // undefined function
      "42P06", // duplicate schema
      "42P07"); // duplicate table
  private static final int MAX_CHAIN = 32;

  private StandardFailures() {}

  public static FailureKind classify(Throwable failure) {
    boolean deterministic = false;
    for (Throwable t : chain(failure)) {
      FailureKind kind = classifyOne(t);
      if (kind == FailureKind.TRANSIENT) {
        return FailureKind.TRANSIENT;
      }
      deterministic |= kind == FailureKind.DETERMINISTIC;
    }
    return deterministic ? FailureKind.DETERMINISTIC : FailureKind.TRANSIENT;
  }

  /**
   * The reason to keep with a rejected record: {@code SQLState 22021: <the server's message>} for
   * a database error, else the exception type and message. Picks the innermost deterministic
   * failure of the chain: for a JDBC batch, the server's error rather than the driver's wrapper.
   */
  public static String reason(Throwable failure) {
    Throwable chosen = culprit(failure);
    if (chosen instanceof SQLException sql && sql.getSQLState() != null) {
      return "SQLState " + sql.getSQLState() + ": " + sql.getMessage();
    }
    return chosen.getClass().getSimpleName() + ": " + chosen.getMessage();
  }

  /**
   * A name for the kind of a deterministic failure, from a small fixed set (a metric label, where
   * {@link #reason} is free text): the SQLState class of a database error ({@code data_exception}
   * 22, {@code integrity_constraint_violation} 23, {@code syntax_error_or_access_rule_violation}
   * 42, {@code program_limit_exceeded} 54, {@code database_error} for another), {@code
   * value_not_convertible} for a date or number Java cannot convert, {@code unencodable_text},
   * else {@code other}.
   */
  public static String category(Throwable failure) {
    Throwable chosen = culprit(failure);
    if (chosen instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
      return switch (sql.getSQLState().substring(0, 2)) {
        case "22" -> "data_exception";
        case "23" -> "integrity_constraint_violation";
        case "42" -> "syntax_error_or_access_rule_violation";
        case "54" -> "program_limit_exceeded";
        default -> "database_error";
      };
    }
    if (chosen instanceof DateTimeException || chosen instanceof ArithmeticException) {
      return "value_not_convertible";
    }
    if (chosen instanceof CharacterCodingException) {
      return "unencodable_text";
    }
    return "other";
  }

  /**
   * The innermost deterministic failure of the chain (for a JDBC batch, the server's error rather
   * than the driver's wrapper), or {@code failure} itself when none is.
   */
  public static Throwable culprit(Throwable failure) {
    Throwable chosen = failure;
    for (Throwable t : chain(failure)) {
      if (classifyOne(t) == FailureKind.DETERMINISTIC) {
        chosen = t;
      }
    }
    return chosen;
  }

  /** This throwable alone: a kind, or null when it says nothing either way. */
  static FailureKind classifyOne(Throwable t) {
    if (t instanceof DeterministicFailureException) {
      return FailureKind.DETERMINISTIC;
    }
    if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException) {
      return FailureKind.TRANSIENT;
    }
    if (t instanceof SQLException sql) {
      return sqlState(sql.getSQLState());
    }
    if (t instanceof CharacterCodingException) { // an IOException, but about the text, not the connection
      return FailureKind.DETERMINISTIC;
    }
    if (t instanceof IOException) {
      return FailureKind.TRANSIENT;
    }
    if (t instanceof DateTimeException || t instanceof ArithmeticException) {
      return FailureKind.DETERMINISTIC;
    }
    return null;
  }

  /** A SQLState's kind, or null when it is not one of the known classes. */
  static FailureKind sqlState(String state) {
    if (state == null || state.length() != 5) {
      return null;
    }
    if (state.equals("40001") || state.equals("40P01")) {
      return FailureKind.TRANSIENT;
    }
    if (state.startsWith("42")) {
      return DATABASE_NOT_AS_EXPECTED.contains(state) ? FailureKind.TRANSIENT : FailureKind.DETERMINISTIC;
    }
    return switch (state.substring(0, 2)) {
      case "22", "23", "54" -> FailureKind.DETERMINISTIC;
      case "08", "53", "57", "58" -> FailureKind.TRANSIENT;
      default -> null;
    };
  }

  /** The failure, its causes and the next exceptions of SQLExceptions, each once, in that order. */
  static List<Throwable> chain(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> out = new ArrayList<>();
    List<Throwable> todo = new ArrayList<>();
    todo.add(failure);
    while (!todo.isEmpty() && out.size() < MAX_CHAIN) {
      Throwable t = todo.remove(0);
      if (t == null || !seen.add(t)) {
        continue;
      }
      out.add(t);
      todo.add(t.getCause());
      if (t instanceof SQLException sql) {
        todo.add(sql.getNextException());
      }
    }
    return out;
  }
}
