package org.mltrace.collector.trigger;

/** When a trigger looks at a run: its inputs as captured at entry, or its outputs at exit. */
public enum Phase {
  BEFORE_RUN("before_run"),
  AFTER_RUN("after_run");

  private final String yamlKey;

  Phase(String yamlKey) {
    this.yamlKey = yamlKey;
  }

  public static Phase ofYamlKey(String key) {
    for (Phase p : values()) {
      if (p.yamlKey.equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException("not a trigger phase: " + key);
  }
}
