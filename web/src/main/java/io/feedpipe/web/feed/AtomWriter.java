package io.feedpipe.web.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.web.render.Html;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Atom 1.0 (RFC 4287) of a {@link FeedView}, written by Rome. Each entry: the post's stable id
 * ({@link EntryTimes#id}), title, alternate link, authors, categories, published and updated (RFC
 * 3339), the excerpt as summary and the sanitized HTML as content. The feed names feedpipe as its
 * author, since entries may have none and Atom requires one for each.
 */
public final class AtomWriter {
  public static final String MEDIA_TYPE = "application/atom+xml; charset=utf-8";

  public String write(FeedView view) {
    Feed feed = new Feed("atom_1.0");
    feed.setEncoding("UTF-8");
    feed.setId(view.self().toString());
    feed.setTitle(XmlText.legal(view.title()));
    feed.setUpdated(Date.from(view.updated()));
    feed.setAlternateLinks(List.of(link("alternate", view.page().toString(), "text/html")));
    feed.setOtherLinks(List.of(link("self", view.self().toString(), "application/atom+xml")));
    feed.setAuthors(List.of(person("feedpipe")));
    Generator generator = new Generator();
    generator.setValue("feedpipe");
    feed.setGenerator(generator);
    List<Entry> entries = new ArrayList<>();
    for (CleanPost post : view.posts()) {
      entries.add(entry(post));
    }
    feed.setEntries(entries);
    try {
      return new WireFeedOutput().outputString(feed, true);
    } catch (FeedException e) {
      throw new IllegalStateException("Atom feed " + view.self() + " could not be written: " + e.getMessage(), e);
    }
  }

  private static Entry entry(CleanPost post) {
    Entry entry = new Entry();
    entry.setId(EntryTimes.id(post));
    Content title = new Content();
    title.setType("text");
    title.setValue(XmlText.legal(post.getTitle().isBlank() ? "(untitled)" : post.getTitle()));
    entry.setTitleEx(title);
    String link = Html.httpUrl(post.getLink());
    if (link != null) {
      entry.setAlternateLinks(List.of(link("alternate", link, "text/html")));
    }
    List<com.rometools.rome.feed.synd.SyndPerson> authors = new ArrayList<>();
    for (String author : post.getAuthors()) {
      if (!author.isBlank()) {
        authors.add(person(XmlText.legal(author)));
      }
    }
    entry.setAuthors(authors);
    List<Category> categories = new ArrayList<>();
    for (String name : post.getCategories()) {
      if (!name.isBlank()) {
        Category category = new Category();
        category.setTerm(XmlText.legal(name));
        categories.add(category);
      }
    }
    entry.setCategories(categories);
    entry.setPublished(Date.from(EntryTimes.published(post)));
    entry.setUpdated(Date.from(EntryTimes.updated(post)));
    if (!post.getExcerpt().isBlank()) {
      Content summary = new Content();
      summary.setType("text");
      summary.setValue(XmlText.legal(post.getExcerpt()));
      entry.setSummary(summary);
    }
    Content content = new Content();
    content.setType("html");
    content.setValue(XmlText.legal(post.getHtml()));
    entry.setContents(List.of(content));
    return entry;
  }

  private static Link link(String rel, String href, String type) {
    Link link = new Link();
    link.setRel(rel);
    link.setHref(href);
    link.setType(type);
    return link;
  }

  private static Person person(String name) {
    Person person = new Person();
    person.setName(name);
    return person;
  }
}
