package ai.honeyhive.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.internal.ApiResponse.Verdict;
import org.junit.jupiter.api.Test;

/** The one reading of an API status that the exporter and the read client share. */
class ApiResponseVerdictTest {

  @Test
  void everyTwoHundredIsASuccess() {
    assertThat(ApiResponse.verdict(200)).isEqualTo(Verdict.SUCCESS);
    assertThat(ApiResponse.verdict(201)).isEqualTo(Verdict.SUCCESS);
    assertThat(ApiResponse.verdict(299)).isEqualTo(Verdict.SUCCESS);
  }

  @Test
  void unauthorizedAndForbiddenMeanTheKeyWasNotAccepted() {
    assertThat(ApiResponse.verdict(401)).isEqualTo(Verdict.KEY_REJECTED);
    assertThat(ApiResponse.verdict(403)).isEqualTo(Verdict.KEY_REJECTED);
  }

  @Test
  void tooManyRequestsAndEveryServerErrorAreWorthAnotherAttempt() {
    assertThat(ApiResponse.verdict(429)).isEqualTo(Verdict.RETRY);
    assertThat(ApiResponse.verdict(500)).isEqualTo(Verdict.RETRY);
    assertThat(ApiResponse.verdict(503)).isEqualTo(Verdict.RETRY);
    assertThat(ApiResponse.verdict(599)).isEqualTo(Verdict.RETRY);
  }

  @Test
  void anyOtherStatusRejectsTheRequestItself() {
    assertThat(ApiResponse.verdict(400)).isEqualTo(Verdict.REJECTED);
    assertThat(ApiResponse.verdict(404)).isEqualTo(Verdict.REJECTED);
    assertThat(ApiResponse.verdict(413)).isEqualTo(Verdict.REJECTED);
    assertThat(ApiResponse.verdict(302)).isEqualTo(Verdict.REJECTED);
    assertThat(ApiResponse.verdict(100)).isEqualTo(Verdict.REJECTED);
  }

  @Test
  void aResponseReadsItsOwnStatus() {
    assertThat(new ApiResponse(503, new byte[0], "5").verdict()).isEqualTo(Verdict.RETRY);
  }
}
