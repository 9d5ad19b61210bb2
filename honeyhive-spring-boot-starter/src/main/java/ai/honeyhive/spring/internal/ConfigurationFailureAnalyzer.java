package ai.honeyhive.spring.internal;

import ai.honeyhive.config.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A {@code honeyhive.*} value that is wrong stops start-up with the message every other entry point
 * gives (which setting, where the value came from, what is accepted), rather than a bean-creation
 * stack trace. The message never contains a secret's value. Not public API.
 */
public final class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    return new FailureAnalysis("HoneyHive configuration is invalid: " + cause.getMessage(),
        "Fix the honeyhive.* property (application.yml/.properties, a system property) or the HH_* environment"
            + " variable named above. docs/configuration.md lists every setting, its range and its default.",
        cause);
  }
}
