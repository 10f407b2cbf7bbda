package org.mltrace.agent.core.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.mltrace.agent.event.ValueSummary;

/**
 * Summarizes arrays, JDK collections and JDK maps of numbers, strings or booleans by reading at
 * most {@code cap} elements: O(cap) whatever the size. Booleans count as 1 and 0 ({@code elements =
 * "boolean"}), so the mean is the fraction that is true, and a task can read boolean predictions
 * and labels.
 *
 * <p>Arrays and random-access JDK lists are read at {@code cap} evenly spaced indices ({@code
 * stride}); other JDK collections and map values by their first {@code cap} elements in iteration
 * order ({@code head}; stepping over the rest would cost O(n)). Fewer elements than the cap are all
 * read ({@code all}).
 *
 * <p>Only classes whose reading cannot run the application's code or block are read: the JDK's own
 * collection classes listed in {@link #SUMMARIZED} (a user subclass of {@code ArrayList} has
 * another name), and elements only of the JDK's final number classes, {@code String} and {@code
 * Boolean}. Not read: views and wrappers ({@code Collections.unmodifiableList(yours)}, {@code
 * subList}), whose reads call the wrapped collection; {@code Vector}, {@code Hashtable} and the
 * blocking queues, which lock. A sample holding any other element gives no summary at all.
 */
final class ValueSummaries {
  /**
   * Visits the indices to read out of {@code n}, stopping early when {@code visit} returns false;
   * the default is {@link #stride}.
   */
  interface IndexSampler {
    void sample(int n, int cap, IntPredicate visit);
  }

  private static final Set<String> RANDOM_ACCESS_LISTS =
      Set.of(
          "java.util.ArrayList",
          "java.util.Arrays$ArrayList",
          "java.util.ImmutableCollections$List12",
          "java.util.ImmutableCollections$ListN",
          "java.util.concurrent.CopyOnWriteArrayList");

  static final Set<String> SUMMARIZED =
      Set.of(
          "java.util.ArrayList",
          "java.util.Arrays$ArrayList",
          "java.util.ImmutableCollections$List12",
          "java.util.ImmutableCollections$ListN",
          "java.util.concurrent.CopyOnWriteArrayList",
          "java.util.LinkedList",
          "java.util.ArrayDeque",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet",
          "java.util.PriorityQueue",
          "java.util.ImmutableCollections$Set12",
          "java.util.ImmutableCollections$SetN",
          "java.util.concurrent.CopyOnWriteArraySet",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.ImmutableCollections$Map1",
          "java.util.ImmutableCollections$MapN",
          "java.util.concurrent.ConcurrentHashMap");

  private final IndexSampler sampler;

  ValueSummaries() {
    this(ValueSummaries::stride);
  }

  ValueSummaries(IndexSampler sampler) {
    this.sampler = sampler;
  }

  /** Whether {@link #summarize} reads objects of this class (arrays are decided separately). */
  static boolean isSummarized(Class<?> type) {
    if (!type.isArray()) {
      return SUMMARIZED.contains(type.getName());
    }
    Class<?> component = type.getComponentType();
    return component.isPrimitive()
        ? component != char.class
        : ELEMENT_TYPES.contains(component) || isJdkNumber(component);
  }

  /** Reference arrays worth sampling: those whose elements can be numbers, strings or booleans. */
  private static final Set<Class<?>> ELEMENT_TYPES =
      Set.of(
          Object.class,
          Number.class,
          String.class,
          CharSequence.class,
          Comparable.class,
          java.io.Serializable.class,
          Boolean.class);

  /**
   * The summary of an array, collection or map whose class {@link #isSummarized}, or null when its
   * sampled elements are not all numbers, all strings or all booleans.
   */
  ValueSummary summarize(Object v, int cap) {
    if (v instanceof double[] a) {
      NumericSummary s = new NumericSummary(cap);
      sampler.sample(a.length, cap, i -> s.accepted(a[i]));
      return s.finish("number", sampling(a.length, cap, true), a.length);
    }
    if (v instanceof float[] a) {
      NumericSummary s = new NumericSummary(cap);
      sampler.sample(a.length, cap, i -> s.accepted(a[i]));
      return s.finish("number", sampling(a.length, cap, true), a.length);
    }
    if (v instanceof int[] a) {
      NumericSummary s = new NumericSummary(cap);
      sampler.sample(a.length, cap, i -> s.accepted(a[i]));
      return s.finish("number", sampling(a.length, cap, true), a.length);
    }
    if (v instanceof long[] a) {
      NumericSummary s = new NumericSummary(cap);
      sampler.sample(a.length, cap, i -> s.accepted(a[i]));
      return s.finish("number", sampling(a.length, cap, true), a.length);
    }
    if (v instanceof short[] a) {
      NumericSummary s = new NumericSummary(cap);
      sampler.sample(a.length, cap, i -> s.accepted(a[i]));
      return s.finish("number", sampling(a.length, cap, true), a.length);
    }
    if (v instanceof byte[] a) {
      NumericSummary s = new NumericSummary(cap);
      sampler.sample(a.length, cap, i -> s.accepted(a[i]));
      return s.finish("number", sampling(a.length, cap, true), a.length);
    }
    if (v instanceof boolean[] a) {
      NumericSummary s = new NumericSummary(cap);
      sampler.sample(a.length, cap, i -> s.accepted(a[i] ? 1 : 0));
      return s.finish("boolean", sampling(a.length, cap, true), a.length);
    }
    if (v instanceof Object[] a) {
      Elements e = new Elements(cap);
      sampler.sample(a.length, cap, i -> e.add(a[i]));
      return e.finish(sampling(a.length, cap, true), a.length);
    }
    if (v instanceof List<?> list && RANDOM_ACCESS_LISTS.contains(v.getClass().getName())) {
      int n = list.size();
      Elements e = new Elements(cap);
      sampler.sample(n, cap, i -> e.add(list.get(i)));
      return e.finish(sampling(n, cap, true), n);
    }
    if (v instanceof Collection<?> c) {
      return head(c.size(), c.iterator(), cap);
    }
    if (v instanceof Map<?, ?> m) {
      return head(m.size(), m.values().iterator(), cap);
    }
    return null;
  }

  private static ValueSummary head(int n, Iterator<?> it, int cap) {
    Elements e = new Elements(cap);
    for (int i = 0; i < cap && it.hasNext(); i++) {
      if (!e.add(it.next())) {
        break;
      }
    }
    return e.finish(sampling(n, cap, false), n);
  }

  /**
   * {@code summary} with the sample and/or hashes a declared trigger needs ({@link SampleExtras}),
   * read at the same indices.
   */
  ValueSummary withExtras(ValueSummary summary, Object v, CaptureOptions options) {
    return SampleExtras.add(summary, v, options, sampler);
  }

  static boolean isRandomAccess(Class<?> type) {
    return RANDOM_ACCESS_LISTS.contains(type.getName());
  }

  /** {@code cap} evenly spaced indices from 0, or every index when there are no more than cap. */
  static void stride(int n, int cap, IntPredicate visit) {
    if (n <= cap) {
      for (int i = 0; i < n && visit.test(i); i++) {
        // visit does the work
      }
      return;
    }
    // floor(k * n / cap) for k = 0..cap-1, stepped without a division per element
    int step = n / cap;
    int remainder = n % cap;
    int index = 0;
    int carry = 0;
    for (int k = 0; k < cap; k++) {
      if (!visit.test(index)) {
        return;
      }
      index += step;
      carry += remainder;
      if (carry >= cap) {
        carry -= cap;
        index++;
      }
    }
  }

  private static String sampling(int n, int cap, boolean randomAccess) {
    return n <= cap ? "all" : randomAccess ? "stride" : "head";
  }

  /** Boxed elements: all numbers, all strings or all booleans (nulls anywhere), else no summary. */
  private static final class Elements {
    private final NumericSummary summary;
    private String elements = "none";
    private boolean mixed;

    Elements(int cap) {
      summary = new NumericSummary(cap);
    }

    /** False once the sample holds an element that rules out a summary: stop reading. */
    boolean add(Object o) {
      if (o == null) {
        summary.addNull();
      } else if (o instanceof String s) {
        mixed = !is("string");
        summary.addString(s);
      } else if (isJdkNumber(o.getClass())) {
        mixed = !is("number");
        summary.add(((Number) o).doubleValue());
      } else if (o instanceof Boolean b) {
        mixed = !is("boolean");
        summary.add(b ? 1 : 0);
      } else {
        mixed = true;
      }
      return !mixed;
    }

    private boolean is(String kind) {
      if (elements.equals("none")) {
        elements = kind;
      }
      return elements.equals(kind);
    }

    ValueSummary finish(String sampling, long count) {
      return mixed ? null : summary.finish(elements, sampling, count);
    }
  }

  /**
   * The JDK's number classes, whose {@code doubleValue()} is JDK code (user subclasses are not).
   */
  private static boolean isJdkNumber(Class<?> c) {
    return c == Double.class
        || c == Integer.class
        || c == Long.class
        || c == Float.class
        || c == Short.class
        || c == Byte.class
        || c == BigDecimal.class
        || c == BigInteger.class;
  }
}
