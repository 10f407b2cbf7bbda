package com.example.frames.mltrace;

import com.example.frames.Frame;
import org.mltrace.agent.spi.EncodedValue;
import org.mltrace.agent.spi.ValueEncoderPlugin;
import org.mltrace.agent.spi.ValueTypes;

/** Frames keep their identity and gain their columns as a schema and their CSV as a source. */
public final class FrameEncoderPlugin implements ValueEncoderPlugin {
  @Override
  public boolean supports(Class<?> type) {
    return ValueTypes.isSubtypeOf(type, "com.example.frames.Frame");
  }

  @Override
  public EncodedValue encode(Object value) {
    Frame frame =
        (Frame) value; // links against the application's Frame, through the plugin loader's parent
    return EncodedValue.sameObject()
        .withSchema(String.join(",", frame.columns()) + " (" + frame.rows().size() + " rows)")
        .withSource(frame.source().toAbsolutePath().toString());
  }
}
