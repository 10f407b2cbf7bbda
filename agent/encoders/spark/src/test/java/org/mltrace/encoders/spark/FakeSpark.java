package org.mltrace.encoders.spark;

import java.net.URI;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;

/**
 * Objects shaped like Spark's and Scala's where the encoder looks (method names and return shapes),
 * so the plan walk is tested without starting Spark; SparkPipelineIT runs the real one.
 */
final class FakeSpark {
  private FakeSpark() {}

  /** Like scala.collection.Seq: not Iterable, only iterator() with hasNext()/next(). */
  public static final class Seq {
    private final List<?> items;

    Seq(Object... items) {
      this.items = List.of(items);
    }

    public ScalaIterator iterator() {
      return new ScalaIterator(items.iterator());
    }
  }

  public static final class ScalaIterator {
    private final Iterator<?> it;

    ScalaIterator(Iterator<?> it) {
      this.it = it;
    }

    public boolean hasNext() {
      return it.hasNext();
    }

    public Object next() {
      return it.next();
    }
  }

  /** Like org.apache.hadoop.fs.Path: its text is not a valid URI when it has a space. */
  public static final class HadoopPath {
    private final String uri;

    HadoopPath(String uri) {
      this.uri = uri;
    }

    public URI toUri() {
      return URI.create(uri);
    }
  }

  public static class Node {
    private final Seq children;

    Node(Object... children) {
      this.children = new Seq(children);
    }

    public Seq children() {
      return children;
    }
  }

  public static final class Index {
    private final Seq roots;

    Index(HadoopPath... roots) {
      this.roots = new Seq((Object[]) roots);
    }

    public Seq rootPaths() {
      return roots;
    }
  }

  public static final class HadoopFsRelation {
    private final Index index;

    HadoopFsRelation(Index index) {
      this.index = index;
    }

    public Index location() {
      return index;
    }
  }

  /** LogicalRelation(relation = HadoopFsRelation). */
  public static final class LogicalRelation extends Node {
    private final HadoopFsRelation relation;

    LogicalRelation(String... uris) {
      this.relation =
          new HadoopFsRelation(
              new Index(
                  java.util.Arrays.stream(uris).map(HadoopPath::new).toArray(HadoopPath[]::new)));
    }

    public HadoopFsRelation relation() {
      return relation;
    }
  }

  /** DataSourceV2Relation(table = FileTable). */
  public static final class V2Relation extends Node {
    public FileTable table() {
      return new FileTable();
    }
  }

  public static final class FileTable {
    public Index fileIndex() {
      return new Index(new HadoopPath("s3a://bucket/events"));
    }
  }

  public static final class StructType {
    public String simpleString() {
      return "struct<trip_id:int,fare:double>";
    }
  }

  public static final class QueryExecution {
    private final Node logical;

    QueryExecution(Node analyzed) {
      this.logical = analyzed;
    }

    /** Spark 4's is unresolved for a file read (UnresolvedDataSource): no paths in it yet. */
    public Node logical() {
      return new Node();
    }

    /** Computed when the Dataset was created; what the encoder reads. */
    public Node analyzed() {
      return logical;
    }

    public Node optimizedPlan() {
      throw new AssertionError("the encoder asked for the optimized plan");
    }

    public Node executedPlan() {
      throw new AssertionError("the encoder asked for the executed plan");
    }
  }

  /** Like Spark 4's org.apache.spark.sql.classic.Dataset. */
  public static final class ClassicDataset extends Dataset {
    private final QueryExecution qe;

    ClassicDataset(Node logical) {
      this.qe = new QueryExecution(logical);
    }

    public QueryExecution queryExecution() {
      return qe;
    }

    public StructType schema() {
      return new StructType();
    }

    public long count() {
      throw new AssertionError("the encoder ran a job");
    }
  }

  /** Like a Spark Connect Dataset: no queryExecution. */
  public static final class ConnectDataset extends Dataset {}
}
