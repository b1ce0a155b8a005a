package io.feedpipe.web.render;

import static io.feedpipe.web.render.Html.escape;

import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.EditSummary;
import io.feedpipe.web.feed.EntryTimes;
import io.feedpipe.web.store.FeedCount;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The reader page as HTML: no script, no inline style, one stylesheet ({@code /style.css}); text
 * from posts escaped by {@link Html}, the posts' sanitized HTML inserted as is. Formulas stay the
 * TeX text the cleaner kept ({@code <span class="math">}): the Content-Security-Policy allows no
 * script, so there is no MathJax to typeset them, and TeX is what their authors wrote.
 */
public final class PageRenderer {
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Escaped and quoted value for an attribute. */
  private static String attr(String value) {
    return "\"" + escape(value) + "\"";
  }

  public String render(PageView view) {
    StringBuilder out = new StringBuilder(64 * 1024);
    String title = view.heading() + " · feedpipe";
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"referrer\" content=\"no-referrer\">")
        .append("<title>").append(escape(title)).append("</title>")
        .append("<link rel=\"stylesheet\" href=\"/style.css\">");
    if (view.feedsOut() != null) {
      out.append("<link rel=\"alternate\" type=\"application/atom+xml\" title=").append(attr(view.heading() + " (Atom)"))
          .append(" href=").append(attr(view.feedsOut() + "atom.xml")).append('>');
      out.append("<link rel=\"alternate\" type=\"application/feed+json\" title=").append(attr(view.heading() + " (JSON Feed)"))
          .append(" href=").append(attr(view.feedsOut() + "feed.json")).append('>');
    }
    out.append("</head>\n<body>\n<header class=\"site\"><a class=\"home\" href=\"/\">feedpipe</a>")
        .append("<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">")
        .append("<input type=\"search\" name=\"q\" aria-label=\"Search the posts\" placeholder=\"Search the posts\" value=")
        .append(attr(view.query() == null ? "" : view.query())).append('>')
        .append("<button type=\"submit\">Search</button></form></header>\n");
    out.append("<div class=\"layout\"><main>\n<h1>").append(escape(view.heading())).append("</h1>\n");
    if (view.feedsOut() != null) {
      out.append("<p class=\"feeds-out\">Subscribe: <a href=").append(attr(view.feedsOut() + "atom.xml")).append(">Atom</a> · ")
          .append("<a href=").append(attr(view.feedsOut() + "feed.json")).append(">JSON Feed</a></p>\n");
    }
    if (view.page().posts().isEmpty()) {
      out.append("<p class=\"empty\">").append(view.query() != null ? "No post holds all these words." : "No posts here yet.")
          .append("</p>\n");
    }
    for (CleanPost post : view.page().posts()) {
      post(out, post);
    }
    pagination(out, view);
    out.append("</main>\n<aside class=\"nav\"><h2>Feeds</h2><ul>");
    for (FeedCount feed : view.feeds()) {
      out.append("<li><a href=").append(attr("/feed/" + Html.segment(feed.feedId()))).append('>').append(escape(feed.feedId()))
          .append("</a> <span class=\"count\">").append(feed.posts()).append("</span></li>");
    }
    out.append("</ul>");
    if (!view.routes().isEmpty()) {
      out.append("<h2>Routes</h2><ul>");
      for (String route : view.routes()) {
        out.append("<li><a href=").append(attr("/route/" + Html.segment(route))).append('>').append(escape(route)).append("</a></li>");
      }
      out.append("</ul>");
    }
    out.append("<p class=\"held\">").append(view.held()).append(" posts held</p></aside></div>\n</body></html>\n");
    return out.toString();
  }

  void post(StringBuilder out, CleanPost post) {
    out.append("<article class=\"post\">\n<h2 class=\"post-title\">");
    String title = post.getTitle().isBlank() ? "(untitled)" : post.getTitle();
    String link = Html.httpUrl(post.getLink());
    if (link != null) {
      out.append("<a href=").append(attr(link)).append(" rel=\"noopener nofollow\">").append(escape(title)).append("</a>");
    } else {
      out.append(escape(title));
    }
    out.append("</h2>\n<p class=\"meta\"><a class=\"feed\" href=").append(attr("/feed/" + Html.segment(post.getFeedId()))).append('>')
        .append(escape(post.getFeedId())).append("</a>");
    if (!post.getAuthors().isEmpty()) {
      out.append(" · <span class=\"authors\">by ").append(escape(String.join(", ", post.getAuthors()))).append("</span>");
    }
    // The date the post gives (else first seen), though it is listed by no later than first seen.
    Instant shown = EntryTimes.published(post);
    out.append(" · <time datetime=").append(attr(shown.toString())).append('>').append(SHOWN.format(shown)).append("</time>");
    if (post.getReadingTimeMinutes() > 0) {
      out.append(" · <span class=\"reading\">").append(post.getReadingTimeMinutes()).append(" min read</span>");
    }
    EditSummary edit = post.getEdit();
    if (post.getRevision() > 1) {
      out.append(" · <span class=\"edited\">edited");
      if (edit != null && !edit.getSummary().isBlank()) {
        out.append(": ").append(escape(edit.getSummary()));
      }
      out.append("</span>");
    }
    out.append("</p>\n<div class=\"content\">").append(post.getHtml()).append("</div>\n</article>\n");
  }

  private static void pagination(StringBuilder out, PageView view) {
    int page = view.page().page();
    if (page <= 1 && !view.page().hasNext()) {
      return;
    }
    out.append("<nav class=\"pages\" aria-label=\"Pages\">");
    if (page > 1) {
      out.append("<a rel=\"prev\" href=").append(attr(pageLink(view, page - 1))).append(">← Newer</a> ");
    }
    out.append("<span class=\"page\">Page ").append(page).append("</span>");
    if (view.page().hasNext()) {
      out.append(" <a rel=\"next\" href=").append(attr(pageLink(view, page + 1))).append(">Older →</a>");
    }
    out.append("</nav>\n");
  }

  private static String pageLink(PageView view, int page) {
    String query = view.query() == null ? "" : "q=" + Html.query(view.query()) + "&";
    return view.path() + "?" + query + "page=" + page;
  }
}
