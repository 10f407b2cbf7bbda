package org.mltrace.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Small applications written inside a test and compiled with the JDK's compiler (with -g). */
final class FixtureApp {
  private FixtureApp() {}

  /**
   * Compiles {@code sources} (path relative to the source root, e.g. {@code app/Main.java} → code)
   * into {@code dir/classes} for Java {@code release} and returns that directory.
   */
  static Path compile(Path dir, int release, Map<String, String> sources) throws IOException {
    return compile(dir, release, List.of(), sources);
  }

  /**
   * The same, against the classes in {@code classPath} (e.g. an application a plugin implements).
   */
  static Path compile(Path dir, int release, List<Path> classPath, Map<String, String> sources)
      throws IOException {
    Path src = dir.resolve("src");
    Path classes = dir.resolve("classes");
    List<String> args =
        new ArrayList<>(
            List.of("-g", "--release", Integer.toString(release), "-d", classes.toString()));
    if (!classPath.isEmpty()) {
      args.addAll(
          List.of(
              "-cp",
              String.join(
                  java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList())));
    }
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, args.toArray(new String[0]));
    if (rc != 0) {
      throw new AssertionError("fixture app did not compile: " + sources.keySet());
    }
    return classes;
  }
}
