package io.feedpipe.bench.pipeline;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.time.ZoneOffset;

/** RSS 2.0 documents shaped like LessWrong's feed: each item's HTML in a CDATA description. Pure. */
public final class FeedXml {
  private FeedXml() {}

  public static String rss(String title, String link, List<BenchPost> posts) {
    int size = posts.stream().mapToInt(p -> p.html().length() + p.title().length() + 400).sum();
    StringBuilder xml = new StringBuilder(size + 400);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>").append(cdata(title))
        .append("</title><link>").append(link).append("</link><description>feedpipe bench</description>\n");
    for (BenchPost post : posts) {
      xml.append("<item><title>").append(cdata(post.title())).append("</title><description>").append(cdata(post.html()))
          .append("</description><link>").append(post.link()).append("</link><guid isPermaLink=\"false\">").append(post.guid())
          .append("</guid><pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(post.published().atZone(ZoneOffset.UTC)))
          .append("</pubDate></item>\n");
    }
    return xml.append("</channel></rss>\n").toString();
  }

  /** A CDATA section holding {@code text}; a "]]>" inside is split across two sections. */
  static String cdata(String text) {
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>";
  }
}
