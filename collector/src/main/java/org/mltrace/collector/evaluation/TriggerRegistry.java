package org.mltrace.collector.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.mltrace.collector.store.TriggerDeclaration;
import org.mltrace.collector.trigger.Trigger;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.builtin.BuiltinTriggers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triggers the collector knows, by name: the built-in library and the users' triggers from the
 * {@code --plugins} path, in two name spaces ({@code trigger: NAME} and {@code user: NAME}).
 *
 * <p>{@link #check} resolves a stored declaration once per distinct declaration: an unknown name or
 * arguments the trigger's {@link Trigger#validate} refuses are logged once, with the declaration's
 * {@code file.yaml:LINE}, and every run of the component then gets an {@code error} result saying
 * so, instead of the collector stopping.
 */
public final class TriggerRegistry {
  private static final Logger log = LoggerFactory.getLogger(TriggerRegistry.class);

  private final Map<String, Trigger> builtins;
  private final Map<String, Trigger> users;
  private final Map<TriggerDeclaration, Check> checked = new ConcurrentHashMap<>();

  private TriggerRegistry(List<Trigger> builtins, List<Trigger> users) {
    this.builtins = byName(builtins, "built-in");
    this.users = byName(users, "plugin");
  }

  /** The given triggers: for tests and embedders. */
  public static TriggerRegistry of(List<Trigger> builtins, List<Trigger> users) {
    return new TriggerRegistry(builtins, users);
  }

  /**
   * The built-in library plus the triggers of the jars at {@code plugins} (a jar or a directory of
   * jars; null for none).
   *
   * @throws PluginException if the plugins cannot be loaded
   */
  public static TriggerRegistry load(Path plugins) {
    List<Trigger> users = plugins == null ? List.of() : PluginLoader.load(plugins);
    if (!users.isEmpty()) {
      log.info(
          "loaded {} user trigger(s) from {}: {}",
          users.size(),
          plugins,
          users.stream().map(Trigger::name).toList());
    }
    return new TriggerRegistry(builtinLibrary(), users);
  }

  static List<Trigger> builtinLibrary() {
    return BuiltinTriggers.all();
  }

  /** The names of the built-in triggers, sorted. */
  public List<String> builtinNames() {
    return List.copyOf(builtins.keySet());
  }

  /** The names of the plugins' triggers, sorted. */
  public List<String> userNames() {
    return List.copyOf(users.keySet());
  }

  /** The trigger a declaration names, or why it cannot be evaluated. */
  public record Check(Trigger trigger, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }

    /** The problems, one line, for the stored error result. */
    String message() {
      return String.join("; ", problems);
    }
  }

  /** Resolves and validates the declaration; problems are logged the first time only. */
  public Check check(TriggerDeclaration declaration) {
    return checked.computeIfAbsent(declaration, this::resolve);
  }

  private Check resolve(TriggerDeclaration d) {
    Map<String, Trigger> names = d.user() ? users : builtins;
    Trigger trigger = names.get(d.triggerName());
    List<String> problems = new ArrayList<>();
    if (trigger == null) {
      problems.add(unknown(d, names));
    } else {
      try {
        problems.addAll(trigger.validate(new TriggerArgs(d.args())));
      } catch (RuntimeException e) {
        problems.add("its validation failed: " + e);
      }
    }
    if (!problems.isEmpty()) {
      log.warn(
          "trigger declaration {}: {}; its runs get an error result",
          d.describe(),
          String.join("; ", problems));
    }
    return new Check(trigger, List.copyOf(problems));
  }

  private static String unknown(TriggerDeclaration d, Map<String, Trigger> names) {
    String kind = d.user() ? "user trigger" : "built-in trigger";
    String nearest = Nearest.of(d.triggerName(), names.keySet());
    if (d.user()) {
      return "no "
          + kind
          + " named '"
          + d.triggerName()
          + "' on the --plugins path"
          + (nearest == null ? "" : " (did you mean '" + nearest + "'?)")
          + (names.isEmpty() ? " (no plugin triggers are loaded)" : "");
    }
    return "no "
        + kind
        + " named '"
        + d.triggerName()
        + "'"
        + (nearest == null ? "" : " (did you mean '" + nearest + "'?)");
  }

  private static Map<String, Trigger> byName(List<Trigger> triggers, String kind) {
    Map<String, Trigger> map = new TreeMap<>();
    for (Trigger t : triggers) {
      Trigger earlier = map.putIfAbsent(t.name(), t);
      if (earlier != null) {
        log.warn(
            "two {} triggers are named '{}' ({} and {}); using the first",
            kind,
            t.name(),
            earlier.getClass().getName(),
            t.getClass().getName());
      }
    }
    return map;
  }
}
