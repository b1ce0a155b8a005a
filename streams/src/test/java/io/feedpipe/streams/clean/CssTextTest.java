package io.feedpipe.streams.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CssTextTest {
  private static final String MATHJAX = ".mjx-chtml {display: inline-block; line-height: 0; text-indent: 0; padding: 1px 0}"
      + " .MJXc-display {display: block; text-align: center; margin: 1em 0; padding: 0}"
      + " .mjx-chtml[tabindex]:focus, body :focus .mjx-chtml[tabindex] {display: inline-table}"
      + " .MJXc-stacked > * {position: absolute} .mjx-full-width {text-align: center; display: table-cell!important; width: 10000em}"
      + " @font-face {font-family: MJXc-TeX-ams-Rw; src /*1*/: url('https://cdn.example/MathJax_AMS-Regular.eot');"
      + " src /*2*/: url('https://cdn.example/MathJax_AMS-Regular.woff') format('woff')}";

  @Test
  void stylesheetGluedToAFormulaIsCutAndTheProseKept() {
    String text = "we often assume the reward R(s,a)" + MATHJAX + " comes from the environment.";

    assertThat(CssText.strip(text)).isEqualTo("we often assume the reward R(s,a) comes from the environment.");
  }

  @Test
  void stylesheetBetweenWordsLeavesOneSpace() {
    assertThat(CssText.strip("Let X" + MATHJAX + "denote the space")).isEqualTo("Let X denote the space");
    assertThat(CssText.strip("Let X " + MATHJAX + " denote the space")).isEqualTo("Let X denote the space");
  }

  @Test
  void mediaAndFontFaceBlocksAreCut() {
    assertThat(CssText.strip("Intro. @media screen and (max-width: 600px) { .a {display: none} .b {margin: 0} } Outro."))
        .isEqualTo("Intro. Outro.");
    assertThat(CssText.strip("Intro. @font-face {font-family: X; src: local('X')} Outro.")).isEqualTo("Intro. Outro.");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "use {x: 1}",
      "In JavaScript, write const o = {x: 1, y: 2}; then o.x is 1.",
      "a {x: 1} and b {y: 2}",
      "set a {x: 1} b {y: 2} c {z: 3}",
      "The JSON {\"name\": \"feedpipe\", \"tags\": {\"a\": 1}} is valid.",
      "LaTeX: \\frac{a}{b} and \\mathbb{R}^{n}",
      "The set {1, 2, 3} has three members; {a, b} has two.",
      "Hello {{name}}, your order {order: 42} shipped.",
      "function f() { return x; } and if (a) { b: c; }",
      "Braces alone { and } and }{ and {}",
      "Ask @alice {x: 1} about it",
      "Note. Then {color: red} matters",
      "unterminated {color: red; and more text",
  })
  void proseWithBracesIsUnchanged(String prose) {
    assertThat(CssText.strip(prose)).isSameAs(prose);
  }

  @Test
  void hostileTextIsScannedInLinearTime() {
    String[] pieces = {"{", "a{", "{a:", "/*{", "'{", ".a {b: c} x y z {", "@media {", ".a{b:c}", "{a:'", "a, "};
    for (String piece : pieces) {
      String hostile = piece.repeat(400_000 / piece.length());
      assertTimeoutPreemptively(Duration.ofSeconds(2), () -> CssText.strip(hostile), piece);
    }
  }
}
