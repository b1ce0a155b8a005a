package io.feedpipe.producer.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.producer.fetch.Validators;
import io.feedpipe.producer.identity.IdentityStrategy;
import io.feedpipe.producer.parse.FeedHints;
import io.feedpipe.producer.schedule.FeedPollState;
import io.feedpipe.schemas.FeedState;
import io.feedpipe.schemas.FetchOutcome;
import java.io.ByteArrayOutputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

class FeedRecordsTest {
  private static final Instant AT = Instant.parse("2025-12-09T08:00:00Z");

  @Test
  void stateWithHintsRoundTripsThroughTheFeedStateRecord() throws Exception {
    FeedHints hints = new FeedHints(Duration.ofMinutes(120), Set.of(0, 1, 23), Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
        Duration.ofHours(6));
    FeedPollState state = new FeedPollState("https://example.org/feed", new Validators("\"e\"", "Tue, 09 Dec 2025 07:00:00 GMT"), 0,
        FetchOutcome.FETCHED, null, AT, AT, AT.plus(Duration.ofHours(2)), Duration.ofHours(3), IdentityStrategy.LINK, "guids repeat",
        hints);

    FeedState record = FeedRecords.toAvro("f", state);
    FeedState decoded = FeedState.fromByteBuffer(record.toByteBuffer());

    assertThat(FeedRecords.fromAvro(decoded)).isEqualTo(state);
  }

  @Test
  void stateWithoutHintsRoundTripsAsNone() {
    FeedPollState state = FeedPollState.initial("https://example.org/feed");

    assertThat(FeedRecords.fromAvro(FeedRecords.toAvro("f", state)).hints()).isEqualTo(FeedHints.none());
  }

  @Test
  void stateWrittenBeforeHintsWereKeptReadsWithNoHints() throws Exception {
    Schema v1 = new Schema.Parser().parse(FeedRecordsTest.class.getResourceAsStream("/io/feedpipe/schemas/released/FeedState-v1.avsc"));
    GenericRecord old = new GenericData.Record(v1);
    old.put("feedId", "f");
    old.put("feedUrl", "https://example.org/feed");
    old.put("errorStreak", 0);
    old.put("etag", "\"e\"");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
    encoder.flush();

    FeedState read = new SpecificDatumReader<FeedState>(v1, FeedState.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    FeedPollState state = FeedRecords.fromAvro(read);

    assertThat(state.hints()).isEqualTo(FeedHints.none());
    assertThat(state.validators().etag()).isEqualTo("\"e\"");
  }

  @Test
  void unknownSkipDayIsIgnoredNotFatal() {
    FeedState record = FeedRecords.toAvro("f", FeedPollState.initial("https://example.org/feed"));
    record.setSkipDays(List.of("MONDAY", "Funday"));

    assertThat(FeedRecords.fromAvro(record).hints().skipDays()).containsExactly(DayOfWeek.MONDAY);
  }
}
