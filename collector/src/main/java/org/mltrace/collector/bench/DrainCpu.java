package org.mltrace.collector.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.mltrace.collector.store.DatabaseBackends;

/**
 * The CPU a drain used, beside its wall time: this JVM's (and of it, its JIT compilers'), and a
 * local PostgreSQL's backends for the bench's database. On a machine of two cores the wall time
 * follows from their sum, and the parts say where a change saved or cost: on a shared machine whose
 * speed drifts, the wall time of the same jar moved by 80% between rounds (docs/performance.md,
 * session 19).
 *
 * <p>Linux only ({@code /proc}); a figure that cannot be read is -1. The backends are those of the
 * bench's database at the start and at the end (a maintenance connection opened during the drain is
 * counted whole); PostgreSQL on another host reads as -1.
 */
final class DrainCpu implements AutoCloseable {
  /** Linux's clock ticks per second for {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}). */
  private static final long TICKS_PER_SECOND = 100;

  private final Optional<DatabaseBackends> backends;
  private long jvmStart;
  private long jitStart;
  private Map<Long, Long> backendsStart = Map.of();
  private long jvmNanos = -1;
  private long jitNanos = -1;
  private long databaseNanos = -1;

  /** What one drain used, in nanoseconds of CPU; -1 where unknown. */
  record Used(long jvmNanos, long jitNanos, long databaseNanos) {}

  private DrainCpu(Optional<DatabaseBackends> backends) {
    this.backends = backends;
  }

  /** A meter for a drain into {@code jdbcUrl}; opens a connection of its own on PostgreSQL. */
  static DrainCpu forDatabase(String jdbcUrl) {
    return new DrainCpu(DatabaseBackends.of(jdbcUrl));
  }

  void start() {
    jvmStart = processCpuNanos();
    jitStart = compilerNanos();
    backendsStart = backendTicks();
  }

  void stop() {
    long jvm = processCpuNanos();
    long jit = compilerNanos();
    jvmNanos = jvm < 0 || jvmStart < 0 ? -1 : jvm - jvmStart;
    jitNanos = jit < 0 || jitStart < 0 ? -1 : jit - jitStart;
    Map<Long, Long> end = backendTicks();
    if (!end.isEmpty()) {
      long ticks = 0;
      for (Map.Entry<Long, Long> b : end.entrySet()) {
        ticks += b.getValue() - backendsStart.getOrDefault(b.getKey(), 0L);
      }
      databaseNanos = ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }
  }

  Used used() {
    return new Used(jvmNanos, jitNanos, databaseNanos);
  }

  @Override
  public void close() {
    backends.ifPresent(DatabaseBackends::close);
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** The CPU of this JVM's compiler threads ("C1 CompilerThread0", ...), from /proc. */
  private static long compilerNanos() {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return -1;
    }
    long ticks = 0;
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path t : (Iterable<Path>) threads::iterator) {
        String stat = readStat(t.resolve("stat"));
        if (stat != null && stat.contains("CompilerThre")) {
          ticks += cpuTicks(stat);
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks * (1_000_000_000L / TICKS_PER_SECOND);
  }

  /** CPU ticks of each backend of the database, but the meter's own; empty if unknown. */
  private Map<Long, Long> backendTicks() {
    Map<Long, Long> ticks = new HashMap<>();
    for (long pid : backends.map(DatabaseBackends::pids).orElse(List.of())) {
      String stat = readStat(Path.of("/proc", Long.toString(pid), "stat"));
      if (stat != null) {
        ticks.put(pid, cpuTicks(stat));
      }
    }
    return ticks;
  }

  private static String readStat(Path stat) {
    try {
      return Files.readString(stat);
    } catch (IOException e) {
      return null; // gone, or another host's process
    }
  }

  /** utime + stime of a /proc stat line; the name in parentheses may hold spaces. */
  private static long cpuTicks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
