package org.mltrace.agent.core.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.mltrace.agent.event.NumberText;
import org.mltrace.agent.event.ValueSummary;

/**
 * The sampled values and element hashes a declared trigger asked for, added to a summary already
 * computed ({@link ValueSummaries#summarize}).
 *
 * <p>A second pass over the same indices, rather than one more branch in the summary's loop, so
 * that a variable no trigger needs runs exactly the code it ran before; only the few variables a
 * trigger names pay for it, O(cap) again. The indices are the summary's ({@code stride} or {@code
 * head}), so the extras describe the very elements the moments do; nulls are skipped.
 *
 * <p>A number is kept widened to double; its hash is the SplitMix64 finalizer of {@link
 * Double#doubleToLongBits} ({@code -0.0} taken as {@code 0.0}), so {@code 1}, {@code 1L} and {@code
 * 1.0} hash alike. A string is kept as its length (as in the moments); its hash is XXH64 of its
 * UTF-8 bytes. See docs/event-format.md.
 */
final class SampleExtras {
  private final boolean keepSample;
  private final boolean keepHashes;
  private final int maxLength;

  /** Every sampled element as text, nulls included; null unless a task asked for them. */
  private final List<String> texts;

  /** A map's keys as text, one per element of {@code texts}; null unless a task named the map. */
  private List<String> keys;

  private double[] sample;
  private long[] hashes;
  private int n;

  private SampleExtras(
      int expected, boolean keepSample, boolean keepHashes, boolean keepTexts, int maxLength) {
    this.keepSample = keepSample;
    this.keepHashes = keepHashes;
    this.maxLength = maxLength;
    this.texts = keepTexts ? new ArrayList<>(expected) : null;
    sample = keepSample ? new double[expected] : null;
    hashes = keepHashes ? new long[expected] : null;
  }

  /**
   * {@code summary} of {@code v} with its extras, read at the indices {@code sampler} visits; the
   * summary unchanged when it describes no element or {@code v} is of no class summarized.
   */
  static ValueSummary add(
      ValueSummary summary, Object v, CaptureOptions options, ValueSummaries.IndexSampler sampler) {
    int expected = (int) Math.max(0, summary.sampled() - summary.nulls());
    int cap = options.sampleCap();
    boolean keepSample = options.keepSample();
    boolean keepHashes = options.keepHashes();
    SampleExtras e =
        new SampleExtras(
            expected, keepSample, keepHashes, options.keepTexts(), options.maxStringLength());
    if (v instanceof double[] a) {
      sampler.sample(a.length, cap, i -> e.number(a[i]));
    } else if (v instanceof float[] a) {
      sampler.sample(a.length, cap, i -> e.number(a[i]));
    } else if (v instanceof int[] a) {
      sampler.sample(a.length, cap, i -> e.number(a[i]));
    } else if (v instanceof long[] a) {
      sampler.sample(a.length, cap, i -> e.number(a[i]));
    } else if (v instanceof short[] a) {
      sampler.sample(a.length, cap, i -> e.number(a[i]));
    } else if (v instanceof byte[] a) {
      sampler.sample(a.length, cap, i -> e.number(a[i]));
    } else if (v instanceof boolean[] a) {
      sampler.sample(a.length, cap, i -> e.bool(a[i]));
    } else if (v instanceof Object[] a) {
      sampler.sample(a.length, cap, i -> e.element(a[i]));
    } else if (v instanceof List<?> list && ValueSummaries.isRandomAccess(v.getClass())) {
      sampler.sample(list.size(), cap, i -> e.element(list.get(i)));
    } else if (v instanceof Collection<?> c) {
      e.head(c.iterator(), cap);
    } else if (v instanceof Map<?, ?> m) {
      if (e.texts != null) {
        e.entries(m.entrySet().iterator(), cap);
      } else {
        e.head(m.values().iterator(), cap);
      }
    } else {
      return summary;
    }
    return summary
        .withExtras(
            keepSample ? Arrays.copyOf(e.sample, e.n) : null,
            keepHashes ? Arrays.copyOf(e.hashes, e.n) : null)
        .withTexts(e.texts)
        .withKeys(e.keys);
  }

  /**
   * A map a task names: its values as the elements, its keys beside their texts (the same order).
   */
  private void entries(Iterator<? extends Map.Entry<?, ?>> it, int cap) {
    keys = new ArrayList<>(texts.size() + Math.min(cap, 16));
    for (int i = 0; i < cap && it.hasNext(); i++) {
      Map.Entry<?, ?> entry = it.next();
      keys.add(textOf(entry.getKey()));
      element(entry.getValue());
    }
  }

  private void head(Iterator<?> it, int cap) {
    for (int i = 0; i < cap && it.hasNext(); i++) {
      element(it.next());
    }
  }

  private boolean element(Object o) {
    if (texts != null) {
      texts.add(textOf(o));
    }
    if (o instanceof String s) {
      if (keepSample || keepHashes) {
        keep(s.length(), keepHashes ? XxHash64.hash(s.getBytes(StandardCharsets.UTF_8)) : 0);
      }
    } else if (o instanceof Double
        || o instanceof Integer
        || o instanceof Long
        || o instanceof Float
        || o instanceof Short
        || o instanceof Byte
        || o instanceof BigDecimal
        || o instanceof BigInteger) {
      numberKept(((Number) o).doubleValue());
    } else if (o instanceof Boolean b) {
      numberKept(b ? 1 : 0);
    }
    return true; // nulls skipped; the summary already ruled out any other element
  }

  /** A boolean as 1 or 0 in the sample and hashes, as {@code true}/{@code false} for a task. */
  private boolean bool(boolean v) {
    if (texts != null) {
      texts.add(Boolean.toString(v));
    }
    return numberKept(v ? 1 : 0);
  }

  private boolean number(double v) {
    if (texts != null) {
      texts.add(NumberText.of(v));
    }
    return numberKept(v);
  }

  private boolean numberKept(double v) {
    if (keepSample || keepHashes) {
      keep(v, keepHashes ? hashOf(v) : 0);
    }
    return true;
  }

  /** An element as a task reads it: see {@link ValueSummary#texts}. */
  private String textOf(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof String s) {
      return s.length() > maxLength ? s.substring(0, maxLength) : s;
    }
    if (o instanceof Boolean b) {
      return b.toString();
    }
    return o instanceof Number n ? NumberText.of(n.doubleValue()) : null;
  }

  /** The hash of a number element, as documented in docs/event-format.md. */
  static long hashOf(double v) {
    return NumericSummary.mix(Double.doubleToLongBits(v == 0.0 ? 0.0 : v));
  }

  private void keep(double value, long hash) {
    if (n == (keepSample ? sample.length : hashes.length)) {
      // More non-null elements than the summary saw (the collection grew meanwhile): grow.
      int size = Math.max(8, n * 2);
      sample = keepSample ? Arrays.copyOf(sample, size) : null;
      hashes = keepHashes ? Arrays.copyOf(hashes, size) : null;
    }
    if (keepSample) {
      sample[n] = value;
    }
    if (keepHashes) {
      hashes[n] = hash;
    }
    n++;
  }
}
