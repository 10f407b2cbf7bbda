package org.mltrace.agent.core;

/**
 * Makes the id of one agent start: 12 hex digits that prefix every run id and in-memory pointer of
 * this JVM.
 *
 * <p>Not {@code UUID.randomUUID()}: initializing {@code SecureRandom} cost about 10 ms of the
 * application's start-up. The id mixes the pid, the monotonic and wall clocks and an identity hash
 * through the SplitMix64 finalizer; two JVMs would have to share a pid and start in the same
 * nanosecond (by two clocks) to collide, and ids need to be unique, not unguessable.
 */
final class AgentIds {
  private AgentIds() {}

  static String newAgentId() {
    long seed = ProcessHandle.current().pid();
    seed = mix(seed ^ System.nanoTime());
    seed = mix(seed ^ System.currentTimeMillis());
    seed = mix(seed ^ System.identityHashCode(new Object()));
    return Long.toHexString((seed & 0xFFFF_FFFF_FFFFL) | (1L << 48))
        .substring(1); // 12 digits, zero-padded
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
