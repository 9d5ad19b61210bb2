package ai.honeyhive.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule documented on {@link SecretNames}, name by name. */
class SecretNamesTest {
  private final SecretNames defaults = new SecretNames(List.of());

  @ParameterizedTest
  @ValueSource(strings = {
      "password", "PASSWORD", "Password", "db_password", "dbPassword", "userPasswordHash", "passwd",
      "passphrase", "secret", "client_secret", "clientSecret", "secretKey", "secrets",
      "token", "access_token", "accessToken", "refresh-token", "id.token", "csrftoken", "bearerToken",
      "api_key", "apiKey", "APIKey", "x-api-key", "X-API-KEY", "apikey", "openaiApiKey", "HH_API_KEY",
      "authorization", "Authorization", "Proxy-Authorization", "cookie", "Set-Cookie", "cookies",
      "credentials", "aws_credential", "private_key", "privateKey"})
  void secretLookingNamesAreSecret(String name) {
    assertThat(defaults.isSecret(name)).as(name).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "max_tokens", "maxTokens", "prompt_tokens", "total_tokens", "tokens", "tokenizer",
      "token_count", "tokenCount", "token_type", "token_limit", "token_usage", "secretary",
      "author", "key", "keys", "monkey", "passage", "session_id", "query", "content", "",
      "cookie_count"})
  void ordinaryNamesAreNot(String name) {
    assertThat(defaults.isSecret(name)).as(name).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssn", "customer_ssn", "customerSsn", "cardNumber", "card-number", "CARD_NUMBER"})
  void configuredNamesAreMatchedTheSameWay(String name) {
    SecretNames configured = new SecretNames(List.of("ssn", "card_number"));
    assertThat(configured.isSecret(name)).as(name).isTrue();
    assertThat(configured.isSecret("password")).isTrue();
    assertThat(configured.isSecret("lesson")).isFalse();
  }
}
