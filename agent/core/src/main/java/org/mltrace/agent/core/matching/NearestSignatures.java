package org.mltrace.agent.core.matching;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.mltrace.agent.core.config.MethodSignature;
import org.mltrace.agent.core.spelling.Suggestions;

/**
 * The existing signatures nearest to one that matched nothing: the methods of its class when that
 * class exists, else the nearest class names. Shared by the agent's end-of-run report (over the
 * classes it saw loaded) and by {@code check} (over the class files on a class path), so both
 * suggest the same spelling.
 */
public final class NearestSignatures {
  private NearestSignatures() {}

  /**
   * @param classNames dotted names of the classes to consider
   * @param methodsOf the described methods ({@link #describe}) of a class, or null when it does not
   *     exist
   */
  public static List<String> of(
      MethodSignature wanted,
      Collection<String> classNames,
      Function<String, List<String>> methodsOf) {
    String wantedClass = wanted.classText();
    List<String> methods = wanted.hasWildcardClass() ? null : methodsOf.apply(wantedClass);
    if (methods == null) {
      return Suggestions.nearest(wantedClass, classNames, 3).stream().map(n -> n + "#...").toList();
    }
    return Suggestions.nearest(wanted.text(), methods, 3);
  }

  /** {@code com.acme.Trainer#fit(java.nio.file.Path, int)}, as a signature would be written. */
  public static String describe(String owner, String name, List<String> parameterTypeNames) {
    return owner + "#" + name + "(" + String.join(", ", parameterTypeNames) + ")";
  }
}
