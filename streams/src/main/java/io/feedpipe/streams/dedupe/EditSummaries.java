package io.feedpipe.streams.dedupe;

import io.feedpipe.schemas.EditSummary;
import io.feedpipe.schemas.PostState;
import java.nio.ByteBuffer;

/**
 * Says what an edit changed, from what the store kept of the previous revision, so downstream can
 * decide whether an edit is worth a notification (a fixed typo is not; a new section may be).
 */
public final class EditSummaries {
  private EditSummaries() {}

  /**
   * @param previous the stored state of the previous revision (v1 states lack the title, text hash
   *     and sketch: what cannot be known is then left null and said so)
   * @param current the edit's content
   */
  public static EditSummary of(PostState previous, RevisionContent current) {
    if (previous.getTitle() == null || previous.getTextHash() == null) {
      return EditSummary.newBuilder().setTitleChanged(false).setPreviousTitle(null).setTextChanged(true)
          .setWordsAdded(null).setWordsRemoved(null)
          .setSummary("changed (no details: the previous revision was stored by an older feedpipe)").build();
    }
    boolean titleChanged = !previous.getTitle().equals(current.title());
    boolean textChanged = !previous.getTextHash().equals(current.textHash());
    Integer added = null;
    Integer removed = null;
    if (textChanged && previous.getWordSketch() != null) {
      WordSketch.Diff diff = WordSketch.diff(bytes(previous.getWordSketch()), current.wordSketch());
      added = diff.added();
      removed = diff.removed();
    } else if (!textChanged) {
      added = 0;
      removed = 0;
    }
    StringBuilder summary = new StringBuilder();
    if (titleChanged) {
      summary.append("title changed");
    }
    if (textChanged) {
      if (summary.length() > 0) {
        summary.append("; ");
      }
      summary.append("text changed");
      if (added != null) {
        summary.append(added == 0 && removed == 0 ? " (punctuation or spacing only)" : ": +" + added + " -" + removed + " words");
      }
    }
    if (summary.length() == 0) {
      summary.append("no visible change"); // cannot happen for an edit: its content hash changed
    }
    return EditSummary.newBuilder().setTitleChanged(titleChanged).setPreviousTitle(titleChanged ? previous.getTitle() : null)
        .setTextChanged(textChanged).setWordsAdded(added).setWordsRemoved(removed).setSummary(summary.toString()).build();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
