package org.mltrace.collector.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Parameter and column helpers that behave the same on H2 and PostgreSQL. */
final class Jdbc {
  private Jdbc() {}

  /**
   * Binds text, or SQL NULL. NUL characters, which PostgreSQL refuses in text columns, become
   * U+FFFD so that one odd captured string cannot block the queue.
   */
  static void setText(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, storable(value));
    }
  }

  /** {@code value} with NUL characters, which PostgreSQL text refuses, replaced by U+FFFD. */
  static String storable(String value) {
    return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
  }

  static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  /** Binds a {@code DOUBLE PRECISION}; NaN (no value) and infinities become SQL NULL. */
  static void setDouble(PreparedStatement ps, int index, double value) throws SQLException {
    if (Double.isFinite(value)) {
      ps.setDouble(index, value);
    } else {
      ps.setNull(index, Types.DOUBLE);
    }
  }

  /** Binds a {@code DOUBLE PRECISION}; null, NaN and infinities become SQL NULL. */
  static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    setDouble(ps, index, value == null ? Double.NaN : value);
  }

  /** A {@code DOUBLE PRECISION} column, SQL NULL as null. */
  static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  /** A {@code DOUBLE PRECISION} column, SQL NULL as NaN. */
  static double doubleOrNaN(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  /** Binds a {@code TIMESTAMP WITH TIME ZONE}, in UTC, or SQL NULL. */
  static void setTime(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  static Instant time(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * A column value for display: null, a String, a Number or a Boolean; timestamps become ISO-8601
   * strings and bytes {@code \x...} hex.
   */
  static Object displayValue(ResultSet rs, int column) throws SQLException {
    Object v = rs.getObject(column);
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (v instanceof Timestamp t) {
      int type = rs.getMetaData().getColumnType(column);
      return type == Types.TIMESTAMP_WITH_TIMEZONE
              || "timestamptz".equals(rs.getMetaData().getColumnTypeName(column))
          ? t.toInstant().toString()
          : t.toLocalDateTime().toString();
    }
    if (v instanceof byte[] bytes) {
      StringBuilder sb = new StringBuilder("\\x");
      for (byte b : bytes) {
        sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return sb.toString();
    }
    return v.toString();
  }
}
