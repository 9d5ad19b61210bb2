package ai.honeyhive.samples.spring;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /ask?question=...}: the answer as plain text. */
@RestController
public class AskController {
  private final Assistant assistant;

  public AskController(Assistant assistant) {
    this.assistant = assistant;
  }

  @GetMapping("/ask")
  public String ask(@RequestParam String question) {
    return assistant.answer(question);
  }
}
