package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatingBoundsTest {

  @Test
  void parsesPresetNamesInAnyCase() {
    assertThat(RatingBounds.parse("ml-20m")).isSameAs(RatingBounds.ML_20M);
    assertThat(RatingBounds.parse(" ML-25M ")).isSameAs(RatingBounds.ML_25M);
    assertThat(RatingBounds.parse("ml-32m")).isSameAs(RatingBounds.ML_32M);
    assertThat(RatingBounds.PRESET_NAMES)
        .allSatisfy(name -> assertThat(RatingBounds.parse(name).format()).isEqualTo(name));
  }

  @Test
  void parsesExplicitRanges() {
    assertThat(RatingBounds.parse("users=1..200000,movies=1..300000"))
        .isEqualTo(new RatingBounds(1, 200_000, 1, 300_000));
    assertThat(RatingBounds.parse("users = 5 .. 7 , movies = 10..10"))
        .isEqualTo(new RatingBounds(5, 7, 10, 10));
  }

  @Test
  void formatReadsBack() {
    RatingBounds custom = new RatingBounds(2, 9, 3, 2_147_483_647);
    assertThat(custom.format()).isEqualTo("users=2..9,movies=3..2147483647");
    assertThat(RatingBounds.parse(custom.format())).isEqualTo(custom);
    assertThat(new RatingBounds(1, 138_493, 1, 131_262).format()).isEqualTo("ml-20m");
  }

  @Test
  void rejectsUnknownNameWithBothForms() {
    assertThatThrownBy(() -> RatingBounds.parse("ml-100k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ml-100k'")
        .hasMessageContaining("ml-32m")
        .hasMessageContaining("users=MIN..MAX,movies=MIN..MAX");
    assertThatThrownBy(() -> RatingBounds.parse(null)).hasMessageContaining("got 'null'");
    assertThatThrownBy(() -> RatingBounds.parse("movies=1..5,users=1..5"))
        .hasMessageContaining("users=MIN..MAX");
    assertThatThrownBy(() -> RatingBounds.parse("users=1..5")).hasMessageContaining("got");
  }

  @Test
  void rejectsReversedRangeAndNumbersBeyondInt() {
    assertThatThrownBy(() -> RatingBounds.parse("users=10..1,movies=1..5"))
        .hasMessageContaining("minUserId 10 must be <= maxUserId 1");
    assertThatThrownBy(() -> RatingBounds.parse("users=1..9999999999,movies=1..5"))
        .hasMessageContaining("9999999999 is beyond the int range");
  }
}
