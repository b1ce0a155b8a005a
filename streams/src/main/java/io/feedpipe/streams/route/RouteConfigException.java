package io.feedpipe.streams.route;

/** A routing rule that cannot work as written; the message names the rule and the field at fault. */
public final class RouteConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String rule;
  private final String field;
  private final String problem;

  public RouteConfigException(String rule, String field, String problem) {
    super("route '" + rule + "': " + field + " " + problem);
    this.rule = rule;
    this.field = field;
    this.problem = problem;
  }

  /** The rule's name (or its position, {@code #2}, when it has none). */
  public String rule() {
    return rule;
  }

  /** The field at fault, relative to the rule, e.g. {@code when.all[1].words.min}. */
  public String field() {
    return field;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }
}
