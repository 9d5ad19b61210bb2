package ai.honeyhive.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule documented on {@link SecretNames}, name by name: names real code uses for secrets, and its counters. */
class SecretNamesTest {
  private final SecretNames defaults = new SecretNames(List.of());

  @ParameterizedTest
  @ValueSource(strings = {
      // the generic terms
      "password", "PASSWORD", "Password", "db_password", "dbPassword", "userPasswordHash", "passwd",
      "passphrase", "secret", "client_secret", "clientSecret", "secretKey", "secrets",
      "token", "access_token", "accessToken", "refresh-token", "id.token", "csrftoken", "bearerToken",
      "api_key", "apiKey", "APIKey", "x-api-key", "X-API-KEY", "apikey", "openaiApiKey", "HH_API_KEY",
      "authorization", "Authorization", "Proxy-Authorization", "cookie", "Set-Cookie", "cookies",
      "credentials", "aws_credential", "private_key", "privateKey",
      // short credential words, alone or as the last word
      "pwd", "PWD", "db_pwd", "pass", "user_pass", "passcode", "pin", "user_pin", "pin_code", "bearer",
      "jwt", "auth", "basic_auth", "auth_header", "authHeader", "creds", "aws_creds", "otp", "otp_code",
      "cvv", "card_cvv", "cvc", "dsn", "sentry_dsn", "SENTRY_DSN",
      // cookies carrying a session
      "sessionid", "JSESSIONID", "PHPSESSID",
      // keys
      "signing_key", "signingKey", "encryption_key", "access_key", "AccessKey", "aws_access_key_id",
      "AWS_SECRET_ACCESS_KEY", "aws_session_token", "master_key", "AccountKey", "SharedAccessKey",
      "SharedAccessSignature", "Ocp-Apim-Subscription-Key", "x-goog-api-key", "private_key_id",
      // connection strings and OAuth
      "connection_string", "connectionString", "ConnectionStrings", "conn_str", "client_assertion",
      "code_verifier", "id_token", "X-Auth-Token", "X-Amz-Security-Token", "X-CSRF-Token",
      "sas_token",
      // plurals of credentials
      "access_tokens", "refresh_tokens", "accessTokens", "id_tokens", "api_tokens", "passwords"})
  void secretLookingNamesAreSecret(String name) {
    assertThat(defaults.isSecret(name)).as(name).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // LLM counters and tokenizer output
      "max_tokens", "maxTokens", "prompt_tokens", "completion_tokens", "total_tokens", "num_tokens",
      "input_tokens", "output_tokens", "cached_tokens", "max_completion_tokens", "reasoning_tokens",
      "tokens", "tokenizer", "token_count", "tokenCount", "token_type", "token_limit", "token_usage",
      "max_token", "tokens_used",
      // measures of secrets
      "cookie_count", "password_length", "pin_length",
      // ordinary names that contain a term's letters
      "secretary", "author", "authority", "key", "keys", "monkey", "primary_key", "cache_key",
      "partition_key", "passage", "passenger", "compass", "bypass", "pass_rate", "spin", "pinned",
      "opinion", "auth_url", "auth_provider", "session_id", "sessionId", "query", "content", "",
      "jwt_issuer", "dsn_host"})
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
