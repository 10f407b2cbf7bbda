package org.mltrace.agent.core.capture;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link ComponentSampler} per component, shared by all of its woven methods. */
public final class Samplers {
  private final Map<String, ComponentSampler> byComponent = new ConcurrentHashMap<>();

  /** Declares a component's {@code sample:} (null: every call). */
  public void declare(String component, SampleSpec spec) {
    byComponent.put(component, new ComponentSampler(component, spec));
  }

  /** The component's sampler; one recording every call if it was not declared. */
  public ComponentSampler of(String component) {
    return byComponent.computeIfAbsent(component, ComponentSampler::everyCall);
  }

  public Collection<ComponentSampler> all() {
    return byComponent.values();
  }
}
