package io.tideway.contracts.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminTokenTest {

  @Test
  void acceptsOnlyTheConfiguredBearerToken() {
    assertThat(AdminToken.authorises("s3cret", "Bearer s3cret")).isTrue();
    assertThat(AdminToken.authorises("s3cret", "Bearer wrong")).isFalse();
    assertThat(AdminToken.authorises("s3cret", "s3cret")).isFalse();
    assertThat(AdminToken.authorises("s3cret", null)).isFalse();
  }

  @Test
  void noConfiguredTokenRefusesEveryone() {
    assertThat(AdminToken.authorises("", "Bearer ")).isFalse();
    assertThat(AdminToken.authorises(null, "Bearer x")).isFalse();
  }
}
