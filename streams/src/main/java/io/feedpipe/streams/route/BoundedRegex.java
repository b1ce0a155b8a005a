package io.feedpipe.streams.route;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular-expression search with a work budget, so that one pathological pattern in a route rule
 * (nested quantifiers such as {@code (a+)+$} backtrack exponentially) cannot stall a stream thread
 * on one post.
 *
 * <p>{@link java.util.regex} has no timeout; the usual remedy, used here, is to hand the matcher a
 * {@link CharSequence} that counts the characters it reads. Any search reads each character a few
 * times; a runaway one reads them millions of times. The budget is generous for every pattern that
 * does not backtrack without bound: {@link #BASE_STEPS} plus {@link #STEPS_PER_CHAR} per character
 * of input.
 */
public final class BoundedRegex {

  /** Reads allowed on any input, however short. */
  static final long BASE_STEPS = 1_000_000;

  /** Reads allowed per character of the input on top of {@link #BASE_STEPS}. */
  static final long STEPS_PER_CHAR = 200;

  private BoundedRegex() {}

  /** The budget for an input of {@code length} characters. */
  static long budgetFor(int length) {
    return BASE_STEPS + STEPS_PER_CHAR * length;
  }

  /**
   * A matcher over {@code input} that throws {@link RegexBudgetExceededException} once it has read
   * more characters than the budget allows. {@code subject} names the input in that message ("the
   * title", "the text").
   */
  public static Matcher matcher(Pattern pattern, String input, String subject) {
    return pattern.matcher(new CountingSequence(input, 0, input.length(), new Budget(pattern, subject, budgetFor(input.length()))));
  }

  /** Whether {@code pattern} is found in {@code input}, within the budget. */
  public static boolean find(Pattern pattern, String input, String subject) {
    return matcher(pattern, input, subject).find();
  }

  /** The reads left; shared by a sequence and its subsequences. */
  private static final class Budget {
    private final Pattern pattern;
    private final String subject;
    private final long steps;
    private long left;

    Budget(Pattern pattern, String subject, long steps) {
      this.pattern = pattern;
      this.subject = subject;
      this.steps = steps;
      this.left = steps;
    }

    void spend() {
      if (--left < 0) {
        throw new RegexBudgetExceededException(pattern, subject, steps);
      }
    }
  }

  private static final class CountingSequence implements CharSequence {
    private final String s;
    private final int start;
    private final int end;
    private final Budget budget;

    CountingSequence(String s, int start, int end, Budget budget) {
      this.s = s;
      this.start = start;
      this.end = end;
      this.budget = budget;
    }

    @Override
    public char charAt(int index) {
      budget.spend();
      return s.charAt(start + index);
    }

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new CountingSequence(s, start + from, start + to, budget);
    }

    @Override
    public String toString() {
      return s.substring(start, end); // what Matcher.group() returns
    }
  }
}
