package org.mltrace.agent.core.plugins;

import java.util.List;

/** Stands for a library's data frame: columns and the files it was read from. */
public final class TestFrame {
  public final String columns;
  public final List<String> sources;

  public TestFrame(String columns, List<String> sources) {
    this.columns = columns;
    this.sources = sources;
  }

  /** Never called by the agent: a value's own methods are the plugin's business. */
  @Override
  public String toString() {
    throw new AssertionError("the agent called toString()");
  }
}
