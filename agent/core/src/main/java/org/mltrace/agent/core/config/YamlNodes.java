package org.mltrace.agent.core.config;

import java.io.Reader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reads YAML text into SnakeYAML's node tree, each node with its line. */
final class YamlNodes {
  private YamlNodes() {}

  /**
   * The document's root node, or null for an empty document.
   *
   * @throws ConfigException naming {@code file} and the line of a syntax error
   */
  static Node compose(String file, Reader reader) throws ConfigException {
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      // The composer alone, not the Yaml facade: the facade's classes log through
      // System.Logger, which would initialize java.util.logging inside the host before the
      // application can choose its own LogManager.
      return new Composer(
              new ParserImpl(new StreamReader(reader), options), new Resolver(), options)
          .getSingleNode();
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      // The parser notices an unclosed bracket or quote lines later; name where it was opened.
      int contextLine = e.getContextMark() != null ? e.getContextMark().getLine() + 1 : 0;
      String context =
          e.getContext() != null && contextLine > 0 && contextLine != line
              ? " (" + e.getContext() + " that starts on line " + contextLine + ")"
              : "";
      throw new ConfigException(
          List.of(new ConfigProblem(file, line, "YAML syntax error: " + e.getProblem() + context)));
    } catch (YAMLException e) {
      throw new ConfigException(
          List.of(new ConfigProblem(file, 0, "YAML syntax error: " + e.getMessage())));
    }
  }
}
