package org.mltrace.agent.bootstrap;

/**
 * What woven code reaches through {@link CaptureBridge}; implemented inside the isolated loader.
 *
 * <p>Implementations must not throw: the bridge catches anyway, but a throw costs a run.
 */
public interface CaptureHooks {

  /**
   * Called first thing in an instrumented method.
   *
   * @param methodId the id given to the method when it was woven
   * @param entryValues the values of the inputs read at entry, in the woven plan's order
   * @return an opaque token passed back to {@link #exit} or {@link #fail}, or null to skip
   */
  Object enter(int methodId, Object[] entryValues);

  /**
   * Called before each normal return.
   *
   * @param token what {@link #enter} returned
   * @param exitValues the values read at this exit in the woven plan's order, {@link
   *     CaptureBridge#ABSENT} where a variable is not in scope at this exit
   */
  void exit(Object token, Object[] exitValues);

  /** Called when the method completes by throwing; the throwable is rethrown unchanged after. */
  void fail(Object token, Throwable error);
}
