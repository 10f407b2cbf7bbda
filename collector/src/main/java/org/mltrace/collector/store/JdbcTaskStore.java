package org.mltrace.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.agent.event.TaskEvent;

/**
 * The task tables ({@code V018__tasks.sql}) over one connection, inside the caller's transaction
 * (the drain's, or the feedback file's), or outside any for reading. Rows several writers may
 * create are written update-then-insert; on PostgreSQL the caller holds the ingest lock, so no two
 * write at once. Every method throws {@link StoreException} when the database fails.
 */
public final class JdbcTaskStore implements AutoCloseable {
  private final Connection c;
  private final StatementCache statements;

  JdbcTaskStore(Connection connection) {
    this.c = connection;
    this.statements = new StatementCache(connection);
  }

  /** The task tables of {@code database}, outside a transaction: for reading. */
  public static JdbcTaskStore of(Database database) {
    return new JdbcTaskStore(database.connection());
  }

  /** Receives one score bin's sums of a task's buckets. */
  @FunctionalInterface
  public interface BucketSums {
    void add(int bin, long n, long tp, long fp, long tn, long fn, double absError);
  }

  /** Stores a task's declaration and bucket size, replacing an earlier one of the same name. */
  public void declare(TaskDefinition t, Instant now) {
    TaskEvent e = t.event();
    // The same values for the update and the insert, in this order; name last (the key).
    Object[] values = {
      e.kind(),
      e.threshold(),
      e.predictionComponent(),
      e.predictionId(),
      e.predictionValue(),
      e.feedbackComponent(),
      e.feedbackId(),
      e.feedbackLabel(),
      e.windowSeconds(),
      e.windowLast(),
      e.maxPairs(),
      slasText(e.slas()),
      e.source(),
      t.bucketSize(),
      now,
      e.name()
    };
    int updated =
        update(
            "UPDATE tasks SET kind = ?, threshold = ?, prediction_component = ?, prediction_id = ?, prediction_value = ?,"
                + " feedback_component = ?, feedback_id = ?, feedback_label = ?, window_seconds = ?, window_last = ?,"
                + " max_pairs = ?, slas = ?, source = ?, bucket_size = ?, declared_at = ? WHERE name = ?",
            values);
    if (updated == 0) {
      update(
          "INSERT INTO tasks (kind, threshold, prediction_component, prediction_id, prediction_value,"
              + " feedback_component, feedback_id, feedback_label, window_seconds, window_last, max_pairs, slas, source,"
              + " bucket_size, declared_at, name, next_seq, pairs_cut, pairs_unusable)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0)",
          values);
    }
  }

  /** Every stored task by name. */
  public Map<String, TaskDefinition> all() {
    Map<String, TaskDefinition> tasks = new LinkedHashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT name, kind, threshold, prediction_component, prediction_id, prediction_value, feedback_component,"
                    + " feedback_id, feedback_label, window_seconds, window_last, max_pairs, slas, source, bucket_size"
                    + " FROM tasks ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        double threshold = rs.getDouble(3);
        TaskEvent e =
            new TaskEvent(
                rs.getString(1),
                rs.getString(2),
                rs.wasNull() ? Double.NaN : threshold,
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12),
                slasOf(rs.getString(13)),
                rs.getString(14));
        tasks.put(e.name(), new TaskDefinition(e, rs.getLong(15)));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the tasks", e);
    }
    return tasks;
  }

  /**
   * The task's counters: {@code [pairs_cut, pairs_unusable, labels waiting for their prediction,
   * next_seq]}.
   */
  public long[] counters(String task) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT pairs_cut, pairs_unusable, (SELECT COUNT(*) FROM task_pairs p WHERE p.task = t.name"
                + " AND p.label IS NOT NULL AND p.prediction IS NULL), next_seq FROM tasks t WHERE name = ?")) {
      ps.setString(1, task);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}
            : new long[4];
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the counters of task " + task, e);
    }
  }

  /** Adds to the task's counts of pairs cut and unusable. */
  public void addCounters(String task, long cut, long unusable) {
    if (cut != 0 || unusable != 0) {
      update(
          "UPDATE tasks SET pairs_cut = pairs_cut + ?, pairs_unusable = pairs_unusable + ? WHERE name = ?",
          cut,
          unusable,
          task);
    }
  }

  /** The order number the task's next newly joined pair will get. */
  public long nextSeq(String task) {
    try {
      PreparedStatement ps = statements.get("SELECT next_seq FROM tasks WHERE name = ?");
      ps.setString(1, task);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 1;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the next join number of task " + task, e);
    }
  }

  /** Takes the task's next order number for a newly joined pair. */
  public long takeSeq(String task) {
    long seq = nextSeq(task);
    update("UPDATE tasks SET next_seq = ? WHERE name = ?", seq + 1, task);
    return seq;
  }

  /** The stored pair of {@code id}, or null. */
  public PairRow pair(String task, String id) {
    try {
      PreparedStatement ps =
          statements.get(
              "SELECT prediction, predicted_at, prediction_run, label, labelled_at, label_source, seq, bucket, bin"
                  + " FROM task_pairs WHERE task = ? AND id = ?");
      ps.setString(1, task);
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new PairRow(
            task,
            id,
            (Double) rs.getObject(1, Double.class),
            (Long) rs.getObject(2, Long.class),
            rs.getString(3),
            rs.getObject(4, Double.class),
            rs.getObject(5, Long.class),
            rs.getString(6),
            rs.getObject(7, Long.class),
            rs.getObject(8, Long.class),
            rs.getObject(9, Integer.class));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the pair " + id + " of task " + task, e);
    }
  }

  /** Writes the pair: an update when it {@code exists}, else an insert. */
  public void putPair(PairRow p, boolean exists) {
    String sql =
        exists
            ? "UPDATE task_pairs SET prediction = ?, predicted_at = ?, prediction_run = ?, label = ?, labelled_at = ?,"
                + " label_source = ?, seq = ?, bucket = ?, bin = ? WHERE task = ? AND id = ?"
            : "INSERT INTO task_pairs (prediction, predicted_at, prediction_run, label, labelled_at, label_source, seq,"
                + " bucket, bin, task, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try {
      PreparedStatement ps = statements.get(sql);
      bind(
          ps,
          p.prediction(),
          p.predictedAt(),
          p.predictionRun(),
          p.label(),
          p.labelledAt(),
          p.labelSource(),
          p.seq(),
          p.bucket(),
          p.bin(),
          p.task(),
          p.id());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot store the pair " + p.id() + " of task " + p.task(), e);
    }
  }

  /** Adds counts (possibly negative) to one bucket and bin. */
  public void addToBucket(
      String task,
      long bucket,
      int bin,
      long n,
      long tp,
      long fp,
      long tn,
      long fn,
      double absError) {
    // The same values for the update and the insert; the key (task, bucket, bin) last.
    Object[] values = {n, tp, fp, tn, fn, absError, task, bucket, bin};
    int updated =
        update(
            "UPDATE task_buckets SET n = n + ?, tp = tp + ?, fp = fp + ?, tn = tn + ?, fn = fn + ?,"
                + " abs_error = abs_error + ? WHERE task = ? AND bucket = ? AND bin = ?",
            values);
    if (updated == 0) {
      update(
          "INSERT INTO task_buckets (n, tp, fp, tn, fn, abs_error, task, bucket, bin)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          values);
    }
  }

  /** Gives {@code counts} the sums of the task's buckets after {@code edge}, one call per bin. */
  public void sumBucketsAfter(String task, long edge, BucketSums counts) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT bin, SUM(n), SUM(tp), SUM(fp), SUM(tn), SUM(fn), SUM(abs_error) FROM task_buckets"
                + " WHERE task = ? AND bucket > ? GROUP BY bin")) {
      ps.setString(1, task);
      ps.setLong(2, edge);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.add(
              rs.getInt(1),
              rs.getLong(2),
              rs.getLong(3),
              rs.getLong(4),
              rs.getLong(5),
              rs.getLong(6),
              rs.getDouble(7));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot sum the buckets of task " + task, e);
    }
  }

  /**
   * The joined pairs {@code [prediction, label]} of one bucket whose prediction time (or, for last
   * N, order number) is at least {@code from}; with {@code bucket} null, of every bucket.
   */
  public List<double[]> joinedPairs(String task, Long bucket, boolean bySeq, long from) {
    String column = bySeq ? "seq" : "predicted_at";
    String sql =
        "SELECT prediction, label FROM task_pairs WHERE task = ? AND bucket IS NOT NULL AND "
            + column
            + " >= ?"
            + (bucket == null ? "" : " AND bucket = ?");
    List<double[]> pairs = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, task);
      ps.setLong(2, from);
      if (bucket != null) {
        ps.setLong(3, bucket);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          pairs.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the joined pairs of task " + task, e);
    }
    return pairs;
  }

  /** Every joined pair, for rebuilding the buckets after a task's counting changed. */
  public List<PairRow> joinedPairs(String task) {
    List<PairRow> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM task_pairs WHERE task = ? AND prediction IS NOT NULL AND label IS NOT NULL ORDER BY seq, id")) {
      ps.setString(1, task);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(pair(task, rs.getString(1)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the pairs of task " + task, e);
    }
    return rows;
  }

  /** Deletes the task's buckets, before they are counted again. */
  public void deleteBuckets(String task) {
    update("DELETE FROM task_buckets WHERE task = ?", task);
  }

  /** Stores one evaluation of the time series; returns its number. */
  public long insertEvaluation(
      String task, Instant at, long labelled, Map<String, Double> metrics) {
    long seq;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM task_evaluations WHERE task = ?")) {
      ps.setString(1, task);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot number the evaluation of task " + task, e);
    }
    update(
        "INSERT INTO task_evaluations (task, seq, evaluated_at, labelled) VALUES (?, ?, ?, ?)",
        task,
        seq,
        at,
        labelled);
    for (Map.Entry<String, Double> m : metrics.entrySet()) {
      Double v = m.getValue().isNaN() ? null : m.getValue();
      update(
          "INSERT INTO task_metrics (task, seq, metric, metric_value) VALUES (?, ?, ?, ?)",
          task,
          seq,
          m.getKey(),
          v);
    }
    return seq;
  }

  /** The task's last {@code limit} evaluations, oldest first. */
  public List<TaskPoint> series(String task, int limit) {
    List<TaskPoint> points = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.seq, e.evaluated_at, e.labelled, m.metric, m.metric_value FROM task_evaluations e"
                + " LEFT JOIN task_metrics m ON m.task = e.task AND m.seq = e.seq"
                + " WHERE e.task = ? AND e.seq > (SELECT COALESCE(MAX(seq), 0) FROM task_evaluations WHERE task = ?) - ?"
                + " ORDER BY e.seq")) {
      ps.setString(1, task);
      ps.setString(2, task);
      ps.setLong(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        TaskPoint current = null;
        while (rs.next()) {
          long seq = rs.getLong(1);
          if (current == null || current.seq() != seq) {
            current =
                new TaskPoint(
                    seq,
                    rs.getObject(2, OffsetDateTime.class).toInstant(),
                    rs.getLong(3),
                    new LinkedHashMap<>());
            points.add(current);
          }
          String metric = rs.getString(4);
          if (metric != null) {
            double v = rs.getDouble(5);
            current.metrics().put(metric, rs.wasNull() ? Double.NaN : v);
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the evaluations of task " + task, e);
    }
    return points;
  }

  /** Closes the statements it prepared; the connection stays open. */
  @Override
  public void close() {
    statements.closeQuietly();
  }

  private int update(String sql, Object... args) {
    try {
      PreparedStatement ps = statements.get(sql);
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("task tables: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof Double d && d.isNaN()) {
        ps.setNull(i + 1, Types.DOUBLE);
      } else if (a instanceof Instant t) {
        Jdbc.setTime(ps, i + 1, t);
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  /** The SLAs as stored: one per line, fields separated by tabs. */
  static String slasText(List<TaskEvent.Sla> slas) {
    StringBuilder b = new StringBuilder();
    for (TaskEvent.Sla s : slas) {
      b.append(s.metric())
          .append('\t')
          .append(s.op())
          .append('\t')
          .append(s.value())
          .append('\t')
          .append(s.alert())
          .append('\t')
          .append(s.source() == null ? "" : s.source())
          .append('\n');
    }
    return b.toString();
  }

  static List<TaskEvent.Sla> slasOf(String text) {
    List<TaskEvent.Sla> slas = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        String[] f = line.split("\t", -1);
        slas.add(
            new TaskEvent.Sla(
                f[0],
                f[1],
                Double.parseDouble(f[2]),
                Boolean.parseBoolean(f[3]),
                f[4].isEmpty() ? null : f[4]));
      }
    }
    return slas;
  }
}
