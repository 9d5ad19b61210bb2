package ai.honeyhive.samples.spring;

import java.util.Map;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.stereotype.Component;

/** The one tool the model may call. Spring AI records its calls; the starter turns them into tool events. */
@Component
public class WeatherTools {
  private static final Map<String, String> FORECASTS = Map.of("Paris", "sunny, 21 C", "Oslo", "light rain, 9 C");

  @Tool(name = "get_weather", description = "The current weather in a city")
  public String getWeather(String city) {
    return forecast(city);
  }

  static String forecast(String city) {
    return FORECASTS.getOrDefault(city, "unknown");
  }
}
