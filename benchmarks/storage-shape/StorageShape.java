import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The insert ceiling of narrower storage shapes than the collector's, on a given database: how
 * many runs a second go in when a run is one row with its values as JSON text plus a row per
 * pointer and a dependency row ({@code narrow}), or one row and nothing else ({@code run-only}).
 * Inserts only, batches of 500 per transaction, no look-ups, no foreign keys: an upper bound for
 * any collector using that shape. Not part of the build; a single-file program:
 *
 * <pre>
 * java -cp ~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar \
 *   benchmarks/storage-shape/StorageShape.java jdbc:h2:file:/tmp/shape/db 30000 narrow
 * </pre>
 *
 * Use an empty database or schema: it creates its tables.
 */
public class StorageShape {
  private static final String VALUES_JSON =
      "{\"in\":[{\"n\":\"in\",\"k\":\"POINTER\",\"t\":\"/bench/data/part-1.csv\",\"fp\":\"xxh64:0123456789abcdef\"},"
          + "{\"n\":\"epochs\",\"k\":\"LONG\",\"t\":\"12\"},{\"n\":\"mode\",\"k\":\"STRING\",\"t\":\"mode-1\"}],"
          + "\"out\":[{\"n\":\"return\",\"k\":\"POINTER\",\"t\":\"/bench/data/part-2.csv\"},"
          + "{\"n\":\"loss\",\"k\":\"DOUBLE\",\"t\":\"0.5\"},{\"n\":\"weights\",\"k\":\"POINTER\","
          + "\"t\":\"mem://x/double[]@3\",\"s\":{\"n\":100000,\"min\":-1.5,\"max\":2.5,\"mean\":0.25,\"sd\":0.75,\"d\":1000}}]}";

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int runs = Integer.parseInt(args[1]);
    boolean narrow = args[2].equals("narrow");
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE runs (id VARCHAR PRIMARY KEY, component VARCHAR NOT NULL,"
                + " start_time TIMESTAMP WITH TIME ZONE, end_time TIMESTAMP WITH TIME ZONE,"
                + " status VARCHAR, code_version VARCHAR, run_values VARCHAR)");
        st.execute("CREATE INDEX runs_by_component ON runs (component, start_time)");
        st.execute(
            "CREATE TABLE run_pointers (run_id VARCHAR NOT NULL, direction CHAR(1) NOT NULL,"
                + " position INT NOT NULL, pointer_id VARCHAR NOT NULL, fingerprint VARCHAR,"
                + " PRIMARY KEY (run_id, direction, position))");
        st.execute("CREATE INDEX run_pointers_by_pointer ON run_pointers (pointer_id)");
        st.execute(
            "CREATE TABLE deps (run_id VARCHAR NOT NULL, depends_on VARCHAR NOT NULL,"
                + " pointer_id VARCHAR NOT NULL, PRIMARY KEY (run_id, pointer_id))");
      }
      c.setAutoCommit(false);
      PreparedStatement run = c.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, ?, 'ok', 'c0ffee', ?)");
      PreparedStatement pointer = c.prepareStatement("INSERT INTO run_pointers VALUES (?, ?, ?, ?, ?)");
      PreparedStatement dependency = c.prepareStatement("INSERT INTO deps VALUES (?, ?, ?)");
      Timestamp now = Timestamp.from(Instant.now());
      long t0 = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        String id = "agent-" + i;
        run.setString(1, id);
        run.setString(2, "c" + (i % 5));
        run.setTimestamp(3, now);
        run.setTimestamp(4, now);
        run.setString(5, VALUES_JSON);
        run.addBatch();
        if (narrow) {
          addPointer(pointer, id, "i", 0, "/bench/data/part-" + (i - 1) + ".csv", "xxh64:1");
          addPointer(pointer, id, "o", 0, "/bench/data/part-" + i + ".csv", "xxh64:2");
          addPointer(pointer, id, "o", 2, "mem://x/double[]@" + i, null);
          if (i > 0) {
            dependency.setString(1, id);
            dependency.setString(2, "agent-" + (i - 1));
            dependency.setString(3, "/bench/data/part-" + (i - 1) + ".csv");
            dependency.addBatch();
          }
        }
        if (i % 500 == 499 || i == runs - 1) {
          run.executeBatch();
          pointer.executeBatch();
          dependency.executeBatch();
          c.commit();
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%s: %d runs in %.2f s: %.0f runs/s (inserts only)%n", args[2], runs, seconds, runs / seconds);
    }
  }

  private static void addPointer(
      PreparedStatement ps, String runId, String direction, int position, String pointer, String fingerprint)
      throws Exception {
    ps.setString(1, runId);
    ps.setString(2, direction);
    ps.setInt(3, position);
    ps.setString(4, pointer);
    ps.setString(5, fingerprint);
    ps.addBatch();
  }
}
