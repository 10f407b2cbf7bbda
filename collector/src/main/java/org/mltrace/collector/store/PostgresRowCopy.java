package org.mltrace.collector.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk rows for PostgreSQL through {@code COPY ... FROM STDIN (FORMAT binary)} (the driver's {@link
 * org.postgresql.copy.CopyManager}): one round trip and no parsing per table and batch instead of a
 * bound statement per row. Runs in the ingest transaction's connection, so the rows commit with the
 * queue position or not at all.
 *
 * <p>Rows are streamed: the COPY starts with the first row and the bytes go to the server every
 * {@value #FLUSH_BYTES} bytes, so the server stores the first rows while this thread encodes the
 * next (two cores: the encoding and the server's inserts overlap). Until {@link #copy} or {@link
 * #cancel}, the connection is busy with this COPY and runs no other statement: one table at a time.
 *
 * <p>The binary format needs each field in its column's exact type: {@link #text} for VARCHAR,
 * {@link #int8} for BIGINT, {@link #int4} for INTEGER, {@link #time} for TIMESTAMP WITH TIME ZONE
 * (a run's value columns are TEXT since V050, {@link ValueEntriesText}; they were VARCHAR ARRAY).
 * Text written as binary skips the text format's escaping and the server's parsing of timestamps
 * and array literals (measured: the run rows of the bench went in 40% faster than as text, see
 * docs/performance.md).
 */
final class PostgresRowCopy {
  private static final int FLUSH_BYTES = 64 * 1024;
  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for timestamps. */
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

  private final Connection connection;
  private final String table;
  private final int columns;
  private byte[] buf = new byte[FLUSH_BYTES + 4096];
  private int len;
  private CopyIn copy;
  private int field;
  private long rows;

  /**
   * @param connection the ingest transaction's connection
   * @param table the table and its column list, as in {@code COPY table (a, b)}
   * @param columns how many columns the list names
   */
  private PostgresRowCopy(Connection connection, String table, int columns) {
    this.connection = connection;
    this.table = table;
    this.columns = columns;
  }

  /** Writes the rows of one table. */
  interface Rows {
    void write(PostgresRowCopy copy) throws SQLException;
  }

  /**
   * Copies the rows {@code rows} writes into {@code table} ({@code COPY table (a, b)}, {@code
   * columns} columns) and returns how many; a COPY that fails part-way is cancelled, leaving the
   * connection usable (its transaction still has to roll back).
   */
  static long copyIn(Connection connection, String table, int columns, Rows rows)
      throws SQLException {
    PostgresRowCopy copy = new PostgresRowCopy(connection, table, columns);
    try {
      rows.write(copy);
      return copy.copy();
    } finally {
      copy.cancel();
    }
  }

  /** Starts a row; every column must then be given, in order. */
  PostgresRowCopy row() throws SQLException {
    if (field != 0) {
      throw new IllegalStateException(table + ": " + field + " fields for " + columns + " columns");
    }
    if (copy == null) {
      copy =
          connection
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("COPY " + table + " FROM STDIN (FORMAT binary)");
      put(HEADER, HEADER.length);
    }
    flushIfFull();
    ensure(2);
    buf[len++] = (byte) (columns >>> 8);
    buf[len++] = (byte) columns;
    field = columns;
    rows++;
    return this;
  }

  PostgresRowCopy text(String value) {
    take();
    if (value == null) {
      int32(-1);
    } else {
      byte[] bytes = Jdbc.storable(value).getBytes(StandardCharsets.UTF_8);
      int32(bytes.length);
      put(bytes, bytes.length);
    }
    return this;
  }

  PostgresRowCopy int8(long value) {
    take();
    int32(8);
    int64(value);
    return this;
  }

  /** An int8, or NULL for null. */
  PostgresRowCopy int8(Long value) {
    return value == null ? text(null) : int8(value.longValue());
  }

  PostgresRowCopy int4(int value) {
    take();
    int32(4);
    int32(value);
    return this;
  }

  /** An int4, or NULL for null. */
  PostgresRowCopy int4(Integer value) {
    return value == null ? text(null) : int4(value.intValue());
  }

  PostgresRowCopy time(Instant value) {
    if (value == null) {
      return text(null);
    }
    take();
    int32(8);
    // To the microsecond, rounded half up as PostgreSQL rounds a timestamp's text.
    long micros =
        Math.addExact(
            Math.multiplyExact(value.getEpochSecond(), 1_000_000L), (value.getNano() + 500) / 1000);
    int64(micros - POSTGRES_EPOCH_MICROS);
    return this;
  }

  /** Ends the COPY: the rows are then in the table (uncommitted); returns how many. */
  private long copy() throws SQLException {
    if (field != 0) {
      throw new IllegalStateException(table + ": " + field + " fields missing in the last row");
    }
    if (copy == null) {
      return 0;
    }
    ensure(2);
    buf[len++] = (byte) 0xff; // the trailer: a field count of -1
    buf[len++] = (byte) 0xff;
    flush();
    CopyIn done = copy;
    copy = null;
    long stored = done.endCopy();
    if (stored != rows) {
      throw new SQLException("copied " + stored + " rows into " + table + ", sent " + rows);
    }
    return stored;
  }

  /** Abandons a started COPY (its rows are not stored), leaving the connection usable. */
  private void cancel() {
    if (copy != null && copy.isActive()) {
      try {
        copy.cancelCopy();
      } catch (SQLException e) {
        // the transaction is rolled back anyway; the connection reports its own state
      }
    }
    copy = null;
  }

  private void take() {
    if (field-- <= 0) {
      throw new IllegalStateException(table + ": more fields than its " + columns + " columns");
    }
  }

  private void flushIfFull() throws SQLException {
    if (len >= FLUSH_BYTES) {
      flush();
    }
  }

  private void flush() throws SQLException {
    if (len > 0) {
      copy.writeToCopy(buf, 0, len);
      len = 0;
    }
  }

  private void int32(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void int64(long v) {
    int32((int) (v >>> 32));
    int32((int) v);
  }

  private void put(byte[] bytes, int n) {
    ensure(n);
    System.arraycopy(bytes, 0, buf, len, n);
    len += n;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
