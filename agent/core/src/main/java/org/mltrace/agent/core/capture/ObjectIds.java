package org.mltrace.agent.core.capture;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives each live object a number that stays the same for its lifetime and is never reused.
 *
 * <p>Identity-based: the application's {@code equals}/{@code hashCode} are never called (they may
 * be slow, throw or change as the object mutates). {@code identityHashCode} is only the hash
 * bucket; equality is reference identity, so two objects with the same identity hash never share a
 * number and no false lineage can arise. Entries are weak and purged as objects die, so the table
 * never keeps application objects alive.
 */
public final class ObjectIds {
  private final ConcurrentHashMap<Object, Long> ids = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  private final AtomicLong next = new AtomicLong();

  /** The object's number; O(1) amortized. */
  public long idOf(Object o) {
    purge();
    Long id = ids.get(new Lookup(o));
    if (id != null) {
      return id;
    }
    Long fresh = next.incrementAndGet();
    Long raced = ids.putIfAbsent(new Weak(o, collected), fresh);
    return raced != null ? raced : fresh;
  }

  int size() {
    purge();
    return ids.size();
  }

  private void purge() {
    for (Object ref; (ref = collected.poll()) != null; ) {
      ids.remove(ref);
    }
  }

  private interface Key {
    Object referent();
  }

  private record Lookup(Object referent) implements Key {
    @Override
    public int hashCode() {
      return System.identityHashCode(referent);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k && k.referent() == referent;
    }
  }

  private static final class Weak extends WeakReference<Object> implements Key {
    private final int hash;

    Weak(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public Object referent() {
      return get();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      Object mine = get();
      return mine != null && other instanceof Key k && k.referent() == mine;
    }
  }
}
