package org.mltrace.agent.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.mltrace.agent.core.capture.CaptureMode;
import org.mltrace.agent.core.capture.CaptureOptions;
import org.mltrace.agent.core.capture.SampleSpec;
import org.mltrace.agent.core.spelling.Suggestions;
import org.mltrace.agent.event.StaleAfter;
import org.mltrace.agent.event.TaskEvent;
import org.mltrace.agent.event.TriggerDecl;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML file into an {@link AgentConfig}.
 *
 * <p>Works on SnakeYAML's node tree rather than binding to classes so that each problem carries the
 * line of the node it concerns. Unknown keys are errors (with the nearest valid key), since a
 * misspelt {@code ouputs:} would otherwise silently record nothing.
 */
public final class ConfigLoader {
  static final List<String> TOP_KEYS =
      List.of(
          "queue",
          "max_queue_mb",
          "max_string_length",
          "sample_cap",
          "fingerprint_max_bytes",
          "redact",
          "plugins",
          "include",
          "component_types",
          "components",
          "tasks");
  static final List<String> COMPONENT_KEYS =
      List.of(
          "name",
          "description",
          "owner",
          "tags",
          "method",
          "methods",
          "inputs",
          "outputs",
          "sample",
          "before_run",
          "after_run",
          "stale_after",
          "extends",
          "preset_args");
  static final List<String> VARIABLE_KEYS =
      List.of("name", "type", "capture", "redact", "max_length", "sample_cap", "snapshot");
  static final List<String> TYPES = List.of("data", "model", "endpoint", "metric");
  static final List<String> BOOLEANS = List.of("true", "false");

  private final String file;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private int maxString = AgentConfig.DEFAULT_MAX_STRING_LENGTH;
  private int sampleCap = AgentConfig.DEFAULT_SAMPLE_CAP;
  private final List<Pattern> redactPatterns = new ArrayList<>();
  private final NodeLocations locations;
  private final ComponentTypes types;

  private ConfigLoader(String file) {
    this.file = file;
    this.locations = new NodeLocations(file);
    this.types = new ComponentTypes(file, locations, problems);
  }

  public static AgentConfig load(Path path) throws ConfigException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(new ConfigProblem(path.toString(), 0, "cannot read the file: " + e)));
    }
    return parse(path.toString(), text);
  }

  public static AgentConfig parse(String file, String yaml) throws ConfigException {
    return new ConfigLoader(file).read(new StringReader(yaml));
  }

  private AgentConfig read(Reader reader) throws ConfigException {
    Node root = YamlNodes.compose(file, reader);
    if (root == null) {
      throw fail(0, "the file is empty; expected a mapping with a 'components:' list");
    }
    if (!(root instanceof MappingNode top)) {
      throw fail(line(root), "expected a mapping with a 'components:' list at the top level");
    }
    String queue = null;
    long fingerprintMax = AgentConfig.DEFAULT_FINGERPRINT_MAX_BYTES;
    long maxQueueMb = AgentConfig.DEFAULT_MAX_QUEUE_MB;
    List<String> redact = List.of();
    List<Path> plugins = List.of();
    Node componentsNode = null;
    Node includeNode = null;
    Node typesNode = null;
    Node tasksNode = null;
    Set<String> seen = new HashSet<>();
    // Components last: the global defaults apply to their variables wherever they are written.
    for (NodeTuple t : top.getValue()) {
      String key = keyOf(t, TOP_KEYS, seen);
      if (key == null) {
        continue;
      }
      Node value = t.getValueNode();
      switch (key) {
        case "queue" -> queue = scalar(value, "queue", "a directory path");
        case "max_string_length" ->
            maxString =
                (int) positiveLong(value, "max_string_length", Integer.MAX_VALUE, maxString);
        case "sample_cap" ->
            sampleCap = (int) positiveLong(value, "sample_cap", MAX_SAMPLE_CAP, sampleCap);
        case "fingerprint_max_bytes" ->
            fingerprintMax = nonNegativeLong(value, "fingerprint_max_bytes", fingerprintMax);
        case "redact" -> redact = redactPatterns(value);
        case "plugins" -> plugins = pluginJars(value);
        case "max_queue_mb" ->
            maxQueueMb = positiveLong(value, "max_queue_mb", MAX_QUEUE_MB, maxQueueMb);
        case "include" -> includeNode = value;
        case "component_types" -> typesNode = value;
        case "components" -> componentsNode = value;
        case "tasks" -> tasksNode = value;
        default -> throw new IllegalStateException(key);
      }
    }
    // Types before components, wherever they are written: a component may extend any of them.
    if (includeNode != null) {
      types.include(includeNode);
    }
    if (typesNode != null) {
      types.define(typesNode);
    }
    List<ComponentSpec> components = List.of();
    if (componentsNode == null) {
      problems.add(
          new ConfigProblem(
              file, line(root), "missing 'components:'; expected a list of components"));
    } else {
      components = TriggerNeeds.apply(file, components(componentsNode), problems);
    }
    List<TaskEvent> tasks = List.of();
    if (tasksNode != null) {
      tasks = new TaskParser(locations, problems, components).parse(tasksNode);
      components = TaskNeeds.apply(file, components, tasks, problems);
    }
    if (!problems.isEmpty()) {
      // A broken component type is reported where it is defined and again by each extender.
      throw new ConfigException(new ArrayList<>(new LinkedHashSet<>(problems)));
    }
    return new AgentConfig(
        file,
        queue,
        maxString,
        sampleCap,
        fingerprintMax,
        redact,
        components,
        plugins,
        maxQueueMb,
        tasks);
  }

  /** Each jar resolved against the YAML file's directory and checked by {@link PluginJarCheck}. */
  private List<Path> pluginJars(Node node) {
    List<Path> jars = new ArrayList<>();
    for (Item item : items(node, "plugins")) {
      String problem = PluginJarCheck.problemWith(file, item.value());
      if (problem != null) {
        problems.add(problem(item.node(), problem));
      } else {
        jars.add(PluginJarCheck.resolve(file, item.value()));
      }
    }
    return jars;
  }

  /** The largest {@code max_queue_mb} (1 PiB): keeps the byte count far from overflowing. */
  static final long MAX_QUEUE_MB = 1L << 30;

  /** The largest {@code sample_cap}: a summary's bitmap and time stay small. */
  static final int MAX_SAMPLE_CAP = 1 << 20;

  private List<String> redactPatterns(Node node) {
    List<String> globs = new ArrayList<>();
    for (Item item : items(node, "redact")) {
      globs.add(item.value());
      redactPatterns.add(glob(item.value()));
    }
    return globs;
  }

  /** A variable-name glob: {@code *} any run of characters, {@code ?} one; case-insensitive. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  private List<ComponentSpec> components(Node node) {
    List<ComponentSpec> result = new ArrayList<>();
    if (!(node instanceof SequenceNode seq)) {
      problems.add(
          problem(
              node, "'components' must be a list of mappings, each starting with '- name: ...'"));
      return result;
    }
    Set<String> names = new HashSet<>();
    for (Node item : seq.getValue()) {
      ComponentSpec spec = component(item);
      if (spec != null && !names.add(spec.name())) {
        problems.add(
            problem(
                item,
                "component name '" + spec.name() + "' is used twice; names are the primary key"));
      } else if (spec != null) {
        result.add(spec);
      }
    }
    return result;
  }

  private ComponentSpec component(Node node) {
    if (!(node instanceof MappingNode map)) {
      problems.add(
          problem(node, "expected a component mapping (name:, method:, inputs:, outputs:)"));
      return null;
    }
    int before = problems.size();
    String name = null;
    String description = null;
    String owner = null;
    List<String> tags = List.of();
    List<MethodSignature> methods = new ArrayList<>();
    List<VariableSpec> inputs = List.of();
    List<VariableSpec> outputs = List.of();
    boolean sawMethod = false;
    SampleSpec sample = null;
    Node beforeRun = null;
    Node afterRun = null;
    String staleAfter = null;
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : new ComponentTypeMerge(types, locations, problems).settings(map)) {
      String key = keyOf(t, COMPONENT_KEYS, seen);
      if (key == null) {
        continue;
      }
      Node value = t.getValueNode();
      switch (key) {
        case "name" -> name = scalar(value, "name", "the component's name");
        case "description" -> description = scalar(value, "description", "text");
        case "owner" -> owner = scalar(value, "owner", "a person or team");
        case "tags" -> tags = strings(value, "tags");
        case "method", "methods" -> {
          if (sawMethod) {
            problems.add(problem(t.getKeyNode(), "give either 'method:' or 'methods:', not both"));
          }
          sawMethod = true;
          List<Item> texts =
              key.equals("method")
                  ? itemOf(value, scalar(value, "method", "a signature"))
                  : items(value, "methods");
          for (Item text : texts) {
            try {
              methods.add(SignatureParser.parse(text.value(), line(text.node())));
            } catch (IllegalArgumentException e) {
              problems.add(problem(text.node(), e.getMessage()));
            }
          }
        }
        case "inputs" -> inputs = variables(value, "inputs");
        case "outputs" -> outputs = variables(value, "outputs");
        case "sample" -> sample = sample(value);
        case "before_run" -> beforeRun = value;
        case "after_run" -> afterRun = value;
        case "stale_after" -> staleAfter = staleAfter(value);
        case "extends", "preset_args" -> {} // merged into the settings by ComponentTypeMerge
        default -> throw new IllegalStateException(key);
      }
    }
    if (name == null) {
      problems.add(problem(node, "component has no 'name:'; every component needs a unique name"));
    }
    if (!sawMethod) {
      problems.add(
          problem(
              node,
              "component '"
                  + (name == null ? "?" : name)
                  + "' has no 'method:' (or 'methods:') signature"));
    }
    List<TriggerDecl> triggers = new ArrayList<>();
    TriggerDeclParser declarations = new TriggerDeclParser(locations, problems);
    List<String> inputNames = inputs.stream().map(VariableSpec::name).toList();
    List<String> outputNames = outputs.stream().map(VariableSpec::name).toList();
    if (beforeRun != null) {
      triggers.addAll(
          declarations.parse(beforeRun, TriggerDecl.BEFORE_RUN, inputNames, outputNames, name));
    }
    if (afterRun != null) {
      triggers.addAll(
          declarations.parse(afterRun, TriggerDecl.AFTER_RUN, inputNames, outputNames, name));
    }
    if (problems.size() > before) {
      return null;
    }
    return new ComponentSpec(
        name,
        description,
        owner,
        tags,
        methods,
        inputs,
        outputs,
        line(node),
        sample,
        triggers,
        staleAfter);
  }

  /** {@code stale_after: 30d}: checked here, kept as written (the collector converts it). */
  private String staleAfter(Node node) {
    String text = scalar(node, "stale_after", "a duration like 30d, 12h or 90m");
    if (text == null) {
      return null;
    }
    try {
      StaleAfter.seconds(text);
      return text.trim();
    } catch (IllegalArgumentException e) {
      problems.add(problem(node, "'stale_after' must be " + e.getMessage()));
      return null;
    }
  }

  static final String SAMPLE_EXPECTED =
      "a fraction of calls to record (0.01) or {max_per_second: N}";

  /** {@code sample: 0.01} or {@code sample: {max_per_second: 1000}}. */
  private SampleSpec sample(Node node) {
    if (node instanceof MappingNode map) {
      Long max = null;
      Set<String> seen = new HashSet<>();
      for (NodeTuple t : map.getValue()) {
        if (keyOf(t, List.of("max_per_second"), seen) != null) {
          max = positiveLong(t.getValueNode(), "max_per_second", Long.MAX_VALUE, 1);
        }
      }
      if (map.getValue().isEmpty()) {
        problems.add(problem(map, "'sample' must be " + SAMPLE_EXPECTED));
      }
      return max == null ? null : SampleSpec.maxPerSecond(max);
    }
    String text = scalar(node, "sample", SAMPLE_EXPECTED);
    if (text == null) {
      return null;
    }
    try {
      double fraction = Double.parseDouble(text.trim());
      if (fraction > 0 && fraction <= 1) {
        return SampleSpec.fraction(fraction);
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    problems.add(
        problem(
            node,
            "'sample' must be "
                + SAMPLE_EXPECTED
                + ", a fraction greater than 0 and at most 1, not '"
                + text
                + "'"));
    return null;
  }

  private List<VariableSpec> variables(Node node, String key) {
    List<Node> nodes;
    if (node instanceof SequenceNode seq) {
      nodes = seq.getValue();
    } else if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
      nodes = List.of(node);
    } else {
      problems.add(problem(node, "'" + key + "' must be a list like [a, b]"));
      return List.of();
    }
    List<VariableSpec> variables = new ArrayList<>();
    for (Node item : nodes) {
      VariableSpec v =
          item instanceof MappingNode map ? variable(map, key) : plainVariable(item, key);
      if (v != null) {
        variables.add(v);
      }
    }
    return variables;
  }

  private VariableSpec plainVariable(Node item, String key) {
    String name =
        scalar(item, key + " item", "a variable name or a mapping {name: ..., capture: ...}");
    return name == null
        ? null
        : new VariableSpec(
            checkedName(item, name, key), options(name, null, null, null, null, null), line(item));
  }

  /**
   * {@code {name: X, type: ..., capture: ..., redact: ..., max_length: N, sample_cap: N, snapshot:
   * B}}.
   */
  private VariableSpec variable(MappingNode map, String key) {
    String name = null;
    String type = null;
    CaptureMode mode = null;
    Boolean redact = null;
    Integer maxLength = null;
    Integer cap = null;
    boolean snapshot = false;
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : map.getValue()) {
      String option = keyOf(t, VARIABLE_KEYS, seen);
      if (option == null) {
        continue;
      }
      Node value = t.getValueNode();
      switch (option) {
        case "name" -> name = scalar(value, "name", "the variable's name");
        case "type" -> type = oneOf(value, "type", TYPES);
        case "capture" -> {
          String word = oneOf(value, "capture", CaptureMode.YAML_WORDS);
          mode = word == null ? null : CaptureMode.ofYaml(word);
        }
        case "redact" -> {
          String word = oneOf(value, "redact", BOOLEANS);
          redact = word == null ? null : Boolean.valueOf(word);
        }
        case "max_length" ->
            maxLength = (int) positiveLong(value, "max_length", Integer.MAX_VALUE, maxString);
        case "sample_cap" ->
            cap = (int) positiveLong(value, "sample_cap", MAX_SAMPLE_CAP, sampleCap);
        case "snapshot" -> snapshot = "true".equals(oneOf(value, "snapshot", BOOLEANS));
        default -> throw new IllegalStateException(option);
      }
    }
    if (name == null) {
      if (seen.contains("name")) {
        return null; // a blank name, already reported
      }
      problems.add(problem(map, "a variable given as a mapping in '" + key + "' needs 'name:'"));
      return null;
    }
    return new VariableSpec(
        checkedName(map, name, key),
        options(name, type, mode, redact, maxLength, cap).withSnapshot(snapshot),
        line(map));
  }

  private CaptureOptions options(
      String name, String type, CaptureMode mode, Boolean redact, Integer maxLength, Integer cap) {
    boolean redacted =
        redact != null ? redact : redactPatterns.stream().anyMatch(p -> p.matcher(name).matches());
    return new CaptureOptions(
        type,
        mode == null ? CaptureMode.AUTO : mode,
        redacted,
        maxLength == null ? maxString : maxLength,
        cap == null ? sampleCap : cap);
  }

  private static final String IDENTIFIER = "[A-Za-z_$][A-Za-z0-9_$]*";

  /**
   * A variable name, or a field path: the first segment names a parameter, local, {@code this},
   * {@code return} or {@code argN} (checked against each method when its class is woven), the
   * others field names.
   */
  private String checkedName(Node node, String name, String key) {
    if (!name.matches(IDENTIFIER + "(\\." + IDENTIFIER + ")*")) {
      problems.add(
          problem(
              node,
              "'"
                  + name
                  + "' in '"
                  + key
                  + "' is not a variable name; expected a parameter or local name, this, return or argN,"
                  + " optionally followed by field names (this.model, result.metrics.accuracy)"));
    } else if (name.matches(".*\\.(this|return)(\\..*)?")) {
      problems.add(
          problem(
              node,
              "'"
                  + name
                  + "' in '"
                  + key
                  + "': 'this' and 'return' can only start a field path, not follow a dot"));
    }
    return name;
  }

  /** One of the allowed words, or null with a problem listing them. */
  private String oneOf(Node node, String key, List<String> allowed) {
    String text = scalar(node, key, "one of " + allowed);
    if (text == null) {
      return null;
    }
    String word = text.trim().toLowerCase(Locale.ROOT);
    if (!allowed.contains(word)) {
      problems.add(
          problem(
              node,
              "'"
                  + key
                  + "' must be one of "
                  + allowed
                  + ", not '"
                  + text
                  + "'"
                  + Suggestions.didYouMean(word, allowed)));
      return null;
    }
    return word;
  }

  /**
   * The key's name, or null (with a problem added) when it is not allowed here or repeats one
   * already seen in this mapping: SnakeYAML's duplicate-key check applies only when constructing
   * objects, not to the node tree read here, and a repeated key would silently win.
   */
  private String keyOf(NodeTuple t, List<String> allowed, Set<String> seen) {
    if (!(t.getKeyNode() instanceof ScalarNode k)) {
      problems.add(problem(t.getKeyNode(), "expected a plain key"));
      return null;
    }
    if (!allowed.contains(k.getValue())) {
      problems.add(
          problem(
              k,
              "unknown key '"
                  + k.getValue()
                  + "'"
                  + Suggestions.didYouMean(k.getValue(), allowed)
                  + "; expected one of "
                  + allowed));
      return null;
    }
    if (!seen.add(k.getValue())) {
      problems.add(problem(k, "key '" + k.getValue() + "' appears twice here; give it once"));
      return null;
    }
    return k.getValue();
  }

  private String scalar(Node node, String key, String expected) {
    if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
      return s.getValue();
    }
    problems.add(problem(node, "'" + key + "' must be " + expected));
    return null;
  }

  private long positiveLong(Node node, String key, long max, long fallback) {
    return wholeNumber(node, key, 1, max, "a positive whole number", fallback);
  }

  private long nonNegativeLong(Node node, String key, long fallback) {
    return wholeNumber(
        node, key, 0, Long.MAX_VALUE, "a whole number of bytes, 0 or more", fallback);
  }

  private long wholeNumber(
      Node node, String key, long min, long max, String expected, long fallback) {
    String text = scalar(node, key, expected);
    try {
      long n = Long.parseLong(text == null ? "x" : text.trim().replace("_", ""));
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    if (text != null) {
      problems.add(
          problem(
              node,
              "'"
                  + key
                  + "' must be "
                  + expected
                  + (max < Integer.MAX_VALUE ? " up to " + max : "")
                  + ", not '"
                  + text
                  + "'"));
    }
    return fallback;
  }

  private List<String> strings(Node node, String key) {
    return items(node, key).stream().map(Item::value).toList();
  }

  /** A string from the YAML with the node it came from, so each problem names its own line. */
  private record Item(String value, Node node) {}

  private List<Item> items(Node node, String key) {
    if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
      return List.of(new Item(s.getValue(), s));
    }
    if (!(node instanceof SequenceNode seq)) {
      problems.add(problem(node, "'" + key + "' must be a list like [a, b]"));
      return List.of();
    }
    List<Item> values = new ArrayList<>();
    for (Node item : seq.getValue()) {
      String v = scalar(item, key + " item", "a plain string");
      if (v != null) {
        values.add(new Item(v, item));
      }
    }
    return values;
  }

  private static List<Item> itemOf(Node node, String value) {
    return value == null ? List.of() : List.of(new Item(value, node));
  }

  private ConfigProblem problem(Node node, String message) {
    return locations.problem(node, message);
  }

  private ConfigException fail(int line, String message) {
    return new ConfigException(List.of(new ConfigProblem(file, line, message)));
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
