package org.mltrace.agent.bootstrap;

/**
 * What woven code reaches through {@link CaptureBridge}; implemented inside the isolated loader.
 *
 * <p>Implementations must not throw: the bridge catches anyway, but a throw costs a run.
 */
public interface CaptureHooks {

  /**
   * Called first thing in an instrumented method: decides whether this call is a run that is
   * recorded, and claims its component.
   *
   * @param methodId the id given to the method when it was woven
   * @return an opaque token passed back to the other hooks, or null to skip
   */
  Object enter(int methodId);

  /**
   * Whether the call {@code token} stands for is recorded, so that woven code builds the arrays of
   * values for {@link #entry} and {@link #exit}; a call that is only counted (sampled out, or the
   * breaker open) costs no array and no boxing.
   */
  boolean recording(Object token);

  /**
   * Right after {@link #enter}, only when {@link #recording}.
   *
   * @param entryValues the values of the inputs read at entry, in the woven plan's order
   */
  void entry(Object token, Object[] entryValues);

  /**
   * Called before each normal return.
   *
   * @param token what {@link #enter} returned
   * @param exitValues the values read at this exit in the woven plan's order, {@link
   *     CaptureBridge#ABSENT} where a variable is not in scope at this exit; null when the call is
   *     not {@link #recording}
   */
  void exit(Object token, Object[] exitValues);

  /** Called when the method completes by throwing; the throwable is rethrown unchanged after. */
  void fail(Object token, Throwable error);
}
