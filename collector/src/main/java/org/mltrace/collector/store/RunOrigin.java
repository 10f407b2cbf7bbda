package org.mltrace.collector.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.mltrace.agent.event.RunEvent;

/**
 * Where a run came from: its method, agent, host, process, thread, code version and commit, the
 * same for every run of one thread of one process. PostgreSQL stores each once, in {@code
 * run_origins} (V053), and a run its key; the view {@code component_runs} joins them back.
 */
record RunOrigin(
    String method,
    String agentId,
    String host,
    Long pid,
    String thread,
    String codeVersion,
    String gitCommit) {

  /** The origin of {@code e}. */
  static RunOrigin of(RunEvent e) {
    return new RunOrigin(
        Jdbc.storable(e.method()),
        Jdbc.storable(e.agentId()),
        Jdbc.storable(e.host()),
        e.pid(),
        Jdbc.storable(e.thread()),
        Jdbc.storable(e.codeVersion()),
        Jdbc.storable(e.gitCommit()));
  }

  /** The table {@code run_origins} (V053). */
  static final SharedRowKeys.Table<RunOrigin> TABLE =
      new SharedRowKeys.Table<>() {
        @Override
        public String name() {
          return "run_origins";
        }

        @Override
        public String key() {
          return "origin_key";
        }

        @Override
        public List<String> columns() {
          return List.of(
              "method", "agent_id", "host", "pid", "thread", "code_version", "git_commit");
        }

        @Override
        public List<String> types() {
          return List.of("text", "text", "text", "bigint", "text", "text", "text");
        }

        @Override
        public String signatureFunction() {
          return "mltrace_origin_signature";
        }

        @Override
        public List<Object> values(RunOrigin o) {
          return Arrays.asList(
              o.method(),
              o.agentId(),
              o.host(),
              o.pid(),
              o.thread(),
              o.codeVersion(),
              o.gitCommit());
        }

        @Override
        public RunOrigin read(ResultSet rs, int first) throws SQLException {
          long number = rs.getLong(first + 3);
          Long pid = rs.wasNull() ? null : number;
          return new RunOrigin(
              rs.getString(first),
              rs.getString(first + 1),
              rs.getString(first + 2),
              pid,
              rs.getString(first + 4),
              rs.getString(first + 5),
              rs.getString(first + 6));
        }
      };
}
