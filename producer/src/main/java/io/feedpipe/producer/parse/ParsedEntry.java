package io.feedpipe.producer.parse;

import java.time.Instant;
import java.util.List;

/**
 * One entry as the feed gave it: strings are not cleaned or unescaped, HTML is unsanitized.
 *
 * @param guid the entry's own id (RSS {@code guid}, RSS 1.0 {@code rdf:about}, Atom {@code id});
 *     null when the feed gave none, even where Rome would substitute the link
 * @param link the entry's link (Atom: the alternate link); null when absent
 * @param authors names, in feed order; empty when none
 * @param categories names (Atom: the term), in feed order; empty when none
 * @param published when the entry says it was published; null when it does not say
 * @param updated when the entry says it was last updated; null when it does not say
 * @param contentHtml RSS {@code content:encoded}, else RSS {@code description}; Atom: the first
 *     {@code content}
 * @param summaryHtml RSS {@code description} when {@code content:encoded} is there too; Atom: {@code
 *     summary}
 * @param xmlBase the base URI the document declares for the entry (Atom {@code xml:base} on the
 *     entry, resolved against the feed's), possibly still relative to the document's URL; null when
 *     it declares none
 */
public record ParsedEntry(
    String guid,
    String link,
    String title,
    List<String> authors,
    List<String> categories,
    Instant published,
    Instant updated,
    String contentHtml,
    String summaryHtml,
    String xmlBase) {
  public ParsedEntry {
    authors = List.copyOf(authors);
    categories = List.copyOf(categories);
  }

  /** An entry without a declared base URI. */
  public ParsedEntry(
      String guid,
      String link,
      String title,
      List<String> authors,
      List<String> categories,
      Instant published,
      Instant updated,
      String contentHtml,
      String summaryHtml) {
    this(guid, link, title, authors, categories, published, updated, contentHtml, summaryHtml, null);
  }
}
