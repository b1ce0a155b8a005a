package io.feedpipe.sinks.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedpipe.schemas.CleanPost;
import io.feedpipe.schemas.wire.AvroSerdes;
import io.feedpipe.sinks.hostile.HostilePosts;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The archive's line writer over generated hostile revisions and arbitrary bytes: a record always
 * becomes exactly one line of JSON that reads back to the same post id, or is refused with a
 * reason; it never throws.
 */
class RecordLinePropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 300)
  void everyRevisionIsOneJsonLineOrRefusedWithAReason(@ForAll("posts") CleanPost post, @ForAll @IntRange(min = 1024, max = 40_000) int maxLine)
      throws Exception {
    byte[] value = AvroSerdes.serde(CleanPost.class).serializer().serialize("posts.clean", post);
    var record = new ConsumerRecord<>("posts.clean", 0, 7L, post.getPostId().getBytes(StandardCharsets.UTF_8), value);

    RecordLine.Rendered rendered = new RecordLine().render(record, maxLine);

    if (rendered instanceof RecordLine.Line line) {
      assertThat(line.bytes().length).isLessThanOrEqualTo(maxLine);
      String text = new String(line.bytes(), StandardCharsets.UTF_8);
      assertThat(text).endsWith("\n");
      assertThat(text.substring(0, text.length() - 1)).doesNotContain("\n").doesNotContain("\r");
      JsonNode node = JSON.readTree(text);
      assertThat(node.path("value").path("postId").asText()).isEqualTo(post.getPostId());
    } else {
      assertThat(((RecordLine.Refused) rendered).reason()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void anyBytesAreOneJsonLineOrRefusedWithAReason(@ForAll byte[] key, @ForAll byte[] value) throws Exception {
    var record = new ConsumerRecord<>("posts.clean", 0, 7L, key, value);

    RecordLine.Rendered rendered = new RecordLine().render(record, 1 << 20);

    if (rendered instanceof RecordLine.Line line) {
      String text = new String(line.bytes(), StandardCharsets.UTF_8);
      assertThat(text.substring(0, text.length() - 1)).doesNotContain("\n");
      assertThat(JSON.readTree(text).path("offset").asLong()).isEqualTo(7L);
    } else {
      assertThat(((RecordLine.Refused) rendered).reason()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<CleanPost> posts() {
    return HostilePosts.posts();
  }
}
