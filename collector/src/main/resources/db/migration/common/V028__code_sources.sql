-- mltrace collector schema, version 28: where woven classes came from (issue 18, "Code version").
-- An agent sends, once per component and woven class, the jar the class was loaded from, the
-- jar's SHA-256 and its Maven coordinates (event kind 5, format version 6); a run's code source is
-- the row of its agent and component. Databases from before keep their runs; their rows are none.
-- Runs unchanged on H2 2.x and PostgreSQL 15. Shipped migrations are never edited.

CREATE TABLE IF NOT EXISTS code_sources (
  agent_id     VARCHAR NOT NULL,
  component    VARCHAR NOT NULL,
  class_name   VARCHAR NOT NULL,   -- dotted: ml.dmlc.xgboost4j.java.Booster
  code_version VARCHAR,            -- the class file's hash, as in runs.code_version
  location     VARCHAR,            -- the jar's or directory's absolute path, or the code source URL
  jar_sha256   VARCHAR,            -- 64 hex digits; null for a directory or an unreadable jar
  maven        VARCHAR,            -- groupId:artifactId:version from META-INF/maven/*/*/pom.properties
  recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (agent_id, component, class_name)
);
