package org.mltrace.collector.evaluation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code component_triggers} rows as the ingest of a component declaration does, and reads
 * tables back, over a plain JDBC connection of its own.
 */
final class Declarations {
  private final String url;

  Declarations(String url) {
    this.url = url.startsWith("jdbc:h2:file:") ? url + ";AUTO_SERVER=TRUE;NON_KEYWORDS=VALUE" : url;
  }

  void declare(
      String component,
      String phase,
      int position,
      String name,
      boolean user,
      String argsJson,
      Boolean alert,
      String source)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO component_triggers (component, phase, position, trigger_name,"
                    + " user_trigger, args, alert, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, component);
      ps.setString(2, phase);
      ps.setInt(3, position);
      ps.setString(4, name);
      ps.setBoolean(5, user);
      ps.setString(6, argsJson);
      if (alert == null) {
        ps.setNull(7, Types.BOOLEAN);
      } else {
        ps.setBoolean(7, alert);
      }
      ps.setString(8, source);
      ps.executeUpdate();
    }
  }

  void declare(String component, String phase, int position, String name, String argsJson)
      throws SQLException {
    declare(
        component,
        phase,
        position,
        name,
        false,
        argsJson,
        null,
        component + ".yaml:" + (10 + position));
  }

  /** Each row's columns joined with "|", nulls as "null". */
  List<String> rows(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<String> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i > 1 ? "|" : "").append(rs.getObject(i));
        }
        rows.add(sb.toString());
      }
      return rows;
    }
  }

  long count(String sql) throws SQLException {
    return Long.parseLong(rows(sql).get(0));
  }
}
