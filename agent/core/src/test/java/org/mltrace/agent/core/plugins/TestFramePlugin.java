package org.mltrace.agent.core.plugins;

import java.util.concurrent.atomic.AtomicInteger;
import org.mltrace.agent.spi.EncodedValue;
import org.mltrace.agent.spi.ValueEncoderPlugin;
import org.mltrace.agent.spi.ValueTypes;

/** Describes {@link TestFrame}s; counts how often it is asked, for the caching tests. */
public class TestFramePlugin implements ValueEncoderPlugin {
  public static final AtomicInteger SUPPORTS_CALLS = new AtomicInteger();

  @Override
  public boolean supports(Class<?> type) {
    SUPPORTS_CALLS.incrementAndGet();
    return ValueTypes.isSubtypeOf(type, "org.mltrace.agent.core.plugins.TestFrame");
  }

  @Override
  public EncodedValue encode(Object value) {
    TestFrame frame = (TestFrame) value;
    return EncodedValue.sameObject().withSchema(frame.columns).withSources(frame.sources);
  }
}
