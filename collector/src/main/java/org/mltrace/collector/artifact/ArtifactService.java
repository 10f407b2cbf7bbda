package org.mltrace.collector.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mltrace.collector.store.ArtifactSnapshot;
import org.mltrace.collector.store.Database;
import org.mltrace.collector.store.JdbcArtifactStore;
import org.mltrace.collector.store.StoreException;

/** What {@code mltrace artifact} asks: list the snapshots, restore one. */
public final class ArtifactService implements AutoCloseable {
  private final Database database;
  private final ArtifactStore store;

  private ArtifactService(Database database, ArtifactStore store) {
    this.database = database;
    this.store = store;
  }

  /**
   * @param storeDir the artifact store; null for the default beside the database
   * @throws StoreException if the database cannot be opened
   */
  public static ArtifactService open(String jdbcUrl, Path storeDir) {
    Database db = Database.open(jdbcUrl, Database.Access.EXISTING);
    return new ArtifactService(
        db, new ArtifactStore(storeDir != null ? storeDir : ArtifactLocations.defaultFor(jdbcUrl)));
  }

  public ArtifactStore.Usage usage() {
    try {
      return store.usage();
    } catch (IOException e) {
      throw new ArtifactUnavailableException(
          "cannot read the artifact store " + store.root() + ": " + e, e);
    }
  }

  public Path storeDir() {
    return store.root();
  }

  /** The newest snapshots first. */
  public List<ArtifactSnapshot> latest(int limit) {
    return new JdbcArtifactStore(database).latest(limit);
  }

  /**
   * Writes the snapshot of variable {@code name} of run {@code runId} to {@code out}.
   *
   * @return the snapshot restored
   * @throws ArtifactNotFoundException if there is none, or it was skipped
   * @throws ArtifactUnavailableException if its file is not in this store, or damaged
   */
  public ArtifactSnapshot restore(String runId, String name, Path out) {
    ArtifactSnapshot r =
        new JdbcArtifactStore(database)
            .find(runId, name)
            .orElseThrow(
                () ->
                    new ArtifactNotFoundException(
                        "no snapshot of variable '"
                            + name
                            + "' of run '"
                            + runId
                            + "' (list them with 'mltrace artifact --list')"));
    if (r.hash() == null) {
      throw new ArtifactNotFoundException(
          "the snapshot of '"
              + name
              + "' of run '"
              + runId
              + "' was skipped: "
              + r.status()
              + (r.detail() == null ? "" : " (" + r.detail() + ")"));
    }
    Path blob = store.blob(r.hash());
    if (!Files.isRegularFile(blob)) {
      throw new ArtifactUnavailableException(
          "the snapshot "
              + r.hash()
              + " is not in the artifact store "
              + store.root()
              + " (the collector on "
              + r.storeHost()
              + " stored it in "
              + r.storeDir()
              + "; pass --artifacts DIR or run this there)",
          null);
    }
    try {
      if (!store.restore(r.hash(), out)) {
        throw new ArtifactUnavailableException(
            "the stored file "
                + blob
                + " no longer has the content hash "
                + r.hash()
                + " (the artifact store is damaged)",
            null);
      }
    } catch (IOException e) {
      throw new ArtifactUnavailableException("cannot write " + out + ": " + e.getMessage(), e);
    }
    return r;
  }

  @Override
  public void close() {
    database.close();
  }
}
