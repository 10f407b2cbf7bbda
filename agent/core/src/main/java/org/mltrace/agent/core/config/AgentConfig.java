package org.mltrace.agent.core.config;

import java.nio.file.Path;
import java.util.List;
import org.mltrace.agent.core.capture.CaptureOptions;
import org.mltrace.agent.core.capture.ValueEncoder;
import org.mltrace.agent.event.TaskEvent;

/**
 * A validated YAML file.
 *
 * @param source the file it was read from, for messages
 * @param queue the {@code queue:} key, or null when absent
 * @param maxStringLength strings longer than this are cut in events (a variable's {@code
 *     max_length} wins; already applied to each {@link VariableSpec})
 * @param sampleCap the default {@code sample_cap} (already applied to each {@link VariableSpec})
 * @param fingerprintMaxBytes files up to this size are hashed whole, larger ones sampled
 * @param redactPatterns the global {@code redact:} globs (already applied to each {@link
 *     VariableSpec})
 * @param components in file order, names unique
 * @param plugins the {@code plugins:} jars, absolute, each checked to exist and to name a {@code
 *     ValueEncoderPlugin} service
 * @param maxQueueMb the {@code max_queue_mb:} cap on this agent's queue, in MiB
 * @param tasks the {@code tasks:} (delayed ground truth), each checked against the components
 */
public record AgentConfig(
    String source,
    String queue,
    int maxStringLength,
    int sampleCap,
    long fingerprintMaxBytes,
    List<String> redactPatterns,
    List<ComponentSpec> components,
    List<Path> plugins,
    long maxQueueMb,
    List<TaskEvent> tasks) {
  public static final int DEFAULT_MAX_STRING_LENGTH = CaptureOptions.DEFAULT_MAX_STRING_LENGTH;
  public static final int DEFAULT_SAMPLE_CAP = CaptureOptions.DEFAULT_SAMPLE_CAP;
  public static final long DEFAULT_FINGERPRINT_MAX_BYTES =
      ValueEncoder.DEFAULT_FINGERPRINT_MAX_BYTES;
  public static final long DEFAULT_MAX_QUEUE_MB = 1024;

  public AgentConfig {
    redactPatterns = List.copyOf(redactPatterns);
    components = List.copyOf(components);
    plugins = List.copyOf(plugins);
    tasks = List.copyOf(tasks);
  }

  /** Without tasks. */
  public AgentConfig(
      String source,
      String queue,
      int maxStringLength,
      int sampleCap,
      long fingerprintMaxBytes,
      List<String> redactPatterns,
      List<ComponentSpec> components,
      List<Path> plugins,
      long maxQueueMb) {
    this(
        source,
        queue,
        maxStringLength,
        sampleCap,
        fingerprintMaxBytes,
        redactPatterns,
        components,
        plugins,
        maxQueueMb,
        List.of());
  }

  /** Without plugins. */
  public AgentConfig(
      String source,
      String queue,
      int maxStringLength,
      int sampleCap,
      long fingerprintMaxBytes,
      List<String> redactPatterns,
      List<ComponentSpec> components) {
    this(
        source,
        queue,
        maxStringLength,
        sampleCap,
        fingerprintMaxBytes,
        redactPatterns,
        components,
        List.of());
  }

  /** With the default {@code max_queue_mb}. */
  public AgentConfig(
      String source,
      String queue,
      int maxStringLength,
      int sampleCap,
      long fingerprintMaxBytes,
      List<String> redactPatterns,
      List<ComponentSpec> components,
      List<Path> plugins) {
    this(
        source,
        queue,
        maxStringLength,
        sampleCap,
        fingerprintMaxBytes,
        redactPatterns,
        components,
        plugins,
        DEFAULT_MAX_QUEUE_MB);
  }
}
