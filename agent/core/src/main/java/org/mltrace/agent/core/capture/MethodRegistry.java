package org.mltrace.agent.core.capture;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands out the method ids baked into woven code and finds the plan behind an id.
 *
 * <p>Registration happens once per woven method (class-load time); lookups happen on every call, so
 * the list is copy-on-write: reads take no lock.
 */
public final class MethodRegistry {
  private final CopyOnWriteArrayList<MethodPlan> plans = new CopyOnWriteArrayList<>();

  public synchronized int register(MethodPlan plan) {
    plans.add(plan);
    return plans.size() - 1;
  }

  /** The plan for an id, or null for an id this registry never gave out. */
  public MethodPlan get(int id) {
    return id >= 0 && id < plans.size() ? plans.get(id) : null;
  }
}
