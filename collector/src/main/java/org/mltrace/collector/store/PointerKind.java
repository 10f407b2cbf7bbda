package org.mltrace.collector.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;

/**
 * What kind of pointer a value names: its type ({@code data}, {@code model}, {@code endpoint}) and
 * the class of the value first recorded, the same for many pointers. PostgreSQL stores each once,
 * in {@code pointer_kinds} (V055), and a pointer its key; the view {@code io_pointers} joins them
 * back.
 */
record PointerKind(String pointerType, String className) {

  /** The kind of the pointer {@code v} names. */
  static PointerKind of(CapturedValue v) {
    return new PointerKind(Jdbc.storable(v.pointerType()), Jdbc.storable(v.className()));
  }

  /** Whether there is nothing to store: the pointer then has no kind (NULL). */
  boolean none() {
    return pointerType == null && className == null;
  }

  /** The table {@code pointer_kinds} (V055). */
  static final SharedRowKeys.Table<PointerKind> TABLE =
      new SharedRowKeys.Table<>() {
        @Override
        public String name() {
          return "pointer_kinds";
        }

        @Override
        public String key() {
          return "kind_key";
        }

        @Override
        public List<String> columns() {
          return List.of("pointer_type", "class_name");
        }

        @Override
        public List<String> types() {
          return List.of("text", "text");
        }

        @Override
        public String signatureFunction() {
          return "mltrace_pointer_kind_signature";
        }

        @Override
        public List<Object> values(PointerKind k) {
          return Arrays.asList(k.pointerType(), k.className());
        }

        @Override
        public PointerKind read(ResultSet rs, int first) throws SQLException {
          return new PointerKind(rs.getString(first), rs.getString(first + 1));
        }
      };
}
