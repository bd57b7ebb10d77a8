package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The replay's offset-metadata checkpoint, its filter signature, and the time arguments. */
class ReplayCheckpointTest {

  @Test
  void pendingCheckpointRoundTripsWithItsTargetOffsets() {
    ReplayCheckpoint pending =
        new ReplayCheckpoint(
            "kind=* reason='a;b/c:d' since=* until=* to=* maxReplays=3",
            true,
            Map.of("ratings", List.of(10L, 12L, 9L), "other", List.of(0L)));

    String encoded = pending.encode();

    assertThat(encoded)
        .isEqualTo(
            "ratings-dlq-replay v1;state=pending;targets=other:0/ratings:10,12,9;"
                + "filters=kind=* reason='a;b/c:d' since=* until=* to=* maxReplays=3");
    assertThat(ReplayCheckpoint.decode(encoded)).contains(pending);
    assertThat(ReplayCheckpoint.decode(ReplayCheckpoint.done("f").encode()))
        .contains(new ReplayCheckpoint("f", false, Map.of()));
    assertThat(ReplayCheckpoint.decode("")).isEmpty();
    assertThat(ReplayCheckpoint.decode(null)).isEmpty();
  }

  @Test
  void metadataOfSomeoneElseIsNotACheckpoint() {
    assertThatThrownBy(() -> ReplayCheckpoint.decode("committed by another tool"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ReplayCheckpoint.decode("ratings-dlq-replay v1;state=pending;targets=t:x;filters="))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signatureNamesTheChoicesAsGivenAndLongOnesAreHashed() {
    ReplayFilter filter =
        new ReplayFilter(
            Set.of("invalid", "Malformed"), "DB Down", null, null, "2h", null, "ratings", 3);

    assertThat(filter.signature())
        .isEqualTo(
            "kind=INVALID,MALFORMED reason='db down' since=2h until=* to=ratings maxReplays=3");
    assertThat(filter.storedSignature()).isEqualTo(filter.signature());
    ReplayFilter longReason =
        new ReplayFilter(Set.of(), "x".repeat(1000), null, null, null, null, null, 3);
    assertThat(longReason.storedSignature()).startsWith("sha256:").hasSize(7 + 64);
  }

  @Test
  void timeArgumentsTakeInstantsDatesEpochMillisAndDurationsBeforeNow() {
    Clock clock = Clock.fixed(Instant.parse("2024-05-02T12:00:00Z"), ZoneOffset.UTC);

    assertThat(TimeArg.parse("2024-05-01T10:00:00Z", clock))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(TimeArg.parse("2024-05-01T10:00", clock))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(TimeArg.parse("2024-05-01", clock)).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
    assertThat(TimeArg.parse("1714557600000", clock))
        .isEqualTo(Instant.ofEpochMilli(1_714_557_600_000L));
    assertThat(TimeArg.parse("2h", clock)).isEqualTo(Instant.parse("2024-05-02T10:00:00Z"));
    assertThat(TimeArg.parse("PT30M", clock)).isEqualTo(Instant.parse("2024-05-02T11:30:00Z"));
  }
}
