package org.mltrace.agent.core.plugins;

import org.mltrace.agent.spi.EncodedValue;
import org.mltrace.agent.spi.ValueEncoderPlugin;

/** Claims {@link TestFrame}s and fails on every one of them. */
public final class ThrowingPlugin implements ValueEncoderPlugin {
  @Override
  public boolean supports(Class<?> type) {
    return type == TestFrame.class;
  }

  @Override
  public EncodedValue encode(Object value) {
    throw new IllegalStateException("broken on purpose");
  }
}
