package org.mltrace.agent.spi;

/**
 * Describes values of classes the agent does not know, for the runs that capture them.
 *
 * <p>Found with {@link java.util.ServiceLoader} in each jar of the YAML's {@code plugins:}. The
 * agent creates one instance per plugin jar and <em>application class loader</em>: the instance
 * lives in a class loader whose parent is the loader of the values it is asked about, so code
 * compiled against a library (Spark's {@code Dataset}) links against the application's own copy of
 * that library. Only this package comes from the agent. Plugins are consulted only for objects the
 * agent would otherwise record as a bare in-memory pointer (not for strings, numbers, files, arrays
 * or the JDK's own classes).
 *
 * <p>Both methods run on the application's thread, inside a traced call: keep them cheap (no I/O
 * over data, no job, no lock that the application may hold), and do not call methods that the YAML
 * instruments (they would be recorded as runs of their own). Whatever they throw is caught, counted
 * as an agent internal error and reported once; the value is then recorded as if there were no
 * plugin. A plugin is never asked about a value while it is already encoding one on the same
 * thread.
 */
public interface ValueEncoderPlugin {

  /**
   * Whether values of exactly this runtime class are this plugin's to encode. Asked once per class
   * (the answer is cached for the class's lifetime), so it may take its time; prefer {@link
   * ValueTypes#isSubtypeOf} over class literals of the library, which would fail to link in a class
   * loader that cannot see the library.
   */
  boolean supports(Class<?> type);

  /**
   * Describes one value of a supported class.
   *
   * @return the description, or null to leave the value to the agent's default encoding
   * @throws Exception on any failure: the agent falls back to its default encoding
   */
  EncodedValue encode(Object value) throws Exception;
}
