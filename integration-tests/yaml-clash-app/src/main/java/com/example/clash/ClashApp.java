package com.example.clash;

import java.io.IOException;
import java.net.URL;
import java.util.Locale;
import java.util.Properties;
import java.util.jar.JarInputStream;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;

/**
 * Parses a little YAML with SnakeYAML 1.33, scores each word in it with {@link #score} (four calls)
 * and prints {@code clash-app ok: snakeyaml=1.33 score=240}.
 *
 * <p>{@code new Constructor(Class)} exists in SnakeYAML 1.x only (2.0 replaced it with {@code
 * Constructor(Class, LoaderOptions)}), so if any other SnakeYAML shadows the application's own
 * 1.33, this fails with a {@link NoSuchMethodError} instead of printing the line. The version
 * printed is read from the jar that actually defined {@link Yaml}, not from the class path.
 */
public final class ClashApp {

  static final String DOCUMENT = "name: clash\nwords: [old, yaml, still, works]\n";

  private ClashApp() {}

  public static void main(String[] args) throws IOException {
    Yaml yaml = new Yaml(new Constructor(ClashSettings.class));
    ClashSettings settings = yaml.load(DOCUMENT);
    int score = 0;
    for (String word : settings.getWords()) {
      score += score(word);
    }
    System.out.println("clash-app ok: snakeyaml=" + snakeYamlVersion() + " score=" + score);
  }

  /** The alphabet positions of the letters in {@code text}, added up: {@code "abc"} scores 6. */
  static int score(String text) {
    int score = 0;
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        score += c - 'a' + 1;
      }
    }
    return score;
  }

  /** The version in the Maven metadata of the jar that {@link Yaml} was loaded from. */
  static String snakeYamlVersion() throws IOException {
    URL jar = Yaml.class.getProtectionDomain().getCodeSource().getLocation();
    try (JarInputStream in = new JarInputStream(jar.openStream())) {
      for (var entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
        if (entry.getName().equals("META-INF/maven/org.yaml/snakeyaml/pom.properties")) {
          Properties properties = new Properties();
          properties.load(in);
          return properties.getProperty("version");
        }
      }
    }
    return "unknown(" + jar + ")";
  }
}
