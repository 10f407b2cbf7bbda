package org.mltrace.collector.trigger.builtin;

import org.mltrace.collector.trigger.Trigger;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * What every built-in shares: missing data and bad arguments become an {@code error} result with a
 * message for people rather than an exception (a reference that does not exist yet, a {@code
 * skipped} one), so the engine stores the same one line whether it runs the trigger or a test does.
 */
abstract class BuiltinTrigger implements Trigger {

  @Override
  public final TriggerResult evaluate(TriggerContext context) {
    try {
      return check(context);
    } catch (NoReferenceYetException e) {
      return TriggerResult.skipped(e.getMessage());
    } catch (MissingDataException e) {
      return TriggerResult.error(e.getMessage());
    } catch (IllegalArgumentException e) {
      // From TriggerArgs: a missing or malformed argument that validate() would have reported.
      // Anything else is a bug and reaches the engine as thrown.
      return TriggerResult.error(name() + ": " + e.getMessage());
    }
  }

  /** Evaluates one run; throws when something it needs is missing. */
  abstract TriggerResult check(TriggerContext context) throws MissingDataException;
}
