package io.feedpipe.web.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.web.render.Html;

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of a {@link FeedView}: the same entries as the Atom feed. */
public final class JsonFeedWriter {
  public static final String MEDIA_TYPE = "application/feed+json; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper();

  public String write(FeedView view) {
    ObjectNode feed = JSON.createObjectNode();
    feed.put("version", "https://jsonfeed.org/version/1.1");
    feed.put("title", view.title());
    feed.put("home_page_url", view.page().toString());
    feed.put("feed_url", view.self().toString());
    ArrayNode items = feed.putArray("items");
    for (CleanPost post : view.posts()) {
      ObjectNode item = items.addObject();
      item.put("id", EntryTimes.id(post));
      String link = Html.httpUrl(post.getLink());
      if (link != null) {
        item.put("url", link);
      }
      item.put("title", post.getTitle());
      item.put("content_html", post.getHtml());
      if (!post.getExcerpt().isBlank()) {
        item.put("summary", post.getExcerpt());
      }
      item.put("date_published", EntryTimes.published(post).toString());
      item.put("date_modified", EntryTimes.updated(post).toString());
      if (!post.getAuthors().isEmpty()) {
        ArrayNode authors = item.putArray("authors");
        post.getAuthors().forEach(name -> authors.addObject().put("name", name));
      }
      if (!post.getCategories().isEmpty()) {
        ArrayNode tags = item.putArray("tags");
        post.getCategories().forEach(tags::add);
      }
      if (post.getLanguage() != null) {
        item.put("language", post.getLanguage());
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(feed);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON feed " + view.self() + " could not be written: " + e.getMessage(), e);
    }
  }
}
