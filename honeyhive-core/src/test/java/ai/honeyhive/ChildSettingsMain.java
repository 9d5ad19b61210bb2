package ai.honeyhive;

/** Prints what the process-wide tracer was configured with, for {@link ProcessWideSettingsTest}. */
public final class ChildSettingsMain {
  private ChildSettingsMain() {}

  public static void main(String[] args) {
    Tracer tracer = HoneyHive.tracer();
    System.out.println("sampleRate=" + tracer.settings().sampleRate()
        + " sessionName=" + tracer.settings().sessionName().orElse("-")
        + " maxDepth=" + tracer.settings().maxDepth()
        + " source=" + tracer.config().source()
        + " built=" + Tracer.builder().build().settings().sampleRate()
        + " configured=" + HoneyHive.configure(tracer.config()).settings().sampleRate()
        + " created=" + Tracer.create(tracer.config()).settings().sampleRate());
  }
}
