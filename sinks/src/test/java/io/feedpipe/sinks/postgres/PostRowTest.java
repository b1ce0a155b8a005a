package io.feedpipe.sinks.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.testsupport.SamplePosts;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostRowTest {

  @Test
  void rowHoldsTheRevisionAndWhereItWasRead() {
    PostRow row = PostRow.of(SamplePosts.cleanPost("lw:7", 2), "posts.clean", 4, 99);
    assertThat(row.postId()).isEqualTo("lw:7");
    assertThat(row.revision()).isEqualTo(2);
    assertThat(row.feedId()).isEqualTo("lw");
    assertThat(row.previousContentHash()).isEqualTo("hash-lw:7-1");
    assertThat(row.sourceTopic()).isEqualTo("posts.clean");
    assertThat(row.sourcePartition()).isEqualTo(4);
    assertThat(row.sourceOffset()).isEqualTo(99);
    assertThat(PostRow.COLUMNS).hasSize(PostRow.class.getRecordComponents().length);
  }

  @Test
  void upsertOfPostsMovesOnlyForward() {
    PostWriter writer = new PostWriter("public");
    assertThat(writer).extracting("postsSql").asString()
        .contains("ON CONFLICT (post_id) DO UPDATE").endsWith("WHERE posts.revision < EXCLUDED.revision");
    assertThat(writer).extracting("revisionsSql").asString().endsWith("ON CONFLICT (post_id, revision) DO NOTHING");
  }

  @Test
  void settingsRefuseTopicsThatDoNotHoldCleanPosts() {
    assertThatThrownBy(() -> PostgresSinkSettings.of("jdbc:postgresql://db/feedpipe", null, null).withTopics(List.of("posts.raw")))
        .hasMessageContaining("posts.raw does not hold CleanPost");
    assertThatThrownBy(() -> PostgresSinkSettings.of("jdbc:mysql://db/feedpipe", null, null)).hasMessageContaining("not a PostgreSQL");
    assertThatThrownBy(() -> PostgresSinkSettings.of("jdbc:postgresql://db/x", null, null).withSchema("Robert'); DROP"))
        .hasMessageContaining("identifier");
  }

  @Test
  void settingsNeverPrintThePassword() {
    assertThat(PostgresSinkSettings.of("jdbc:postgresql://db/x?password=secret", "u", "secret2").toString())
        .doesNotContain("secret");
  }
}
