package ai.honeyhive.config;

/**
 * A setting is missing or malformed. The message names the setting, where its value came from
 * and how to fix it; it never contains the value of a secret.
 */
public final class ConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }
}
