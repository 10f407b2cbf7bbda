package com.example.frames.mltrace;

import org.mltrace.agent.spi.EncodedValue;
import org.mltrace.agent.spi.ValueEncoderPlugin;
import org.mltrace.agent.spi.ValueTypes;

/** Fails on every MeanModel: the agent must count it, say so once, and record the model anyway. */
public final class BrokenModelPlugin implements ValueEncoderPlugin {
  @Override
  public boolean supports(Class<?> type) {
    return ValueTypes.isSubtypeOf(type, "com.example.frames.MeanModel");
  }

  @Override
  public EncodedValue encode(Object value) {
    throw new UnsupportedOperationException("this plugin cannot describe models");
  }
}
