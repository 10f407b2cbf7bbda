package org.mltrace.collector.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * A directory of files named by the SHA-256 of their content ({@code sha256/ab/abcdef...}), so a
 * file put twice with the same content is stored once.
 *
 * <p>A file is first copied to {@code tmp/} inside the store while its hash is computed, then moved
 * to its name; a crash leaves at most a stray temporary file, never a blob whose content does not
 * match its name.
 */
public final class ArtifactStore {
  private static final String PREFIX = "sha256:";
  private final Path root;

  public ArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** What {@link #put} did. */
  public enum Outcome {
    STORED,
    DUPLICATE,
    TOO_LARGE
  }

  /**
   * @param hash {@code sha256:HEX}, or null when the file was too large
   * @param size bytes read
   */
  public record PutResult(Outcome outcome, String hash, long size) {}

  /**
   * Copies {@code file} into the store unless it is larger than {@code maxBytes} (checked before
   * and while reading, since the file may grow).
   *
   * @throws IOException if the file cannot be read or the store written
   */
  public PutResult put(Path file, long maxBytes) throws IOException {
    long size = Files.size(file);
    if (size > maxBytes) {
      return new PutResult(Outcome.TOO_LARGE, null, size);
    }
    Path tmpDir = Files.createDirectories(root.resolve("tmp"));
    Path tmp = Files.createTempFile(tmpDir, "copy", ".part");
    try {
      MessageDigest sha = sha256();
      long copied;
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha);
          OutputStream out = Files.newOutputStream(tmp)) {
        copied = copy(in, out, maxBytes);
      }
      if (copied > maxBytes) {
        return new PutResult(Outcome.TOO_LARGE, null, copied);
      }
      String hex = HexFormat.of().formatHex(sha.digest());
      Path blob = blobPath(hex);
      if (Files.exists(blob)) {
        return new PutResult(Outcome.DUPLICATE, PREFIX + hex, copied);
      }
      Files.createDirectories(blob.getParent());
      try {
        Files.move(tmp, blob, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, blob);
      } catch (FileAlreadyExistsException raced) {
        return new PutResult(Outcome.DUPLICATE, PREFIX + hex, copied);
      }
      return new PutResult(Outcome.STORED, PREFIX + hex, copied);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The stored file of {@code hash} ({@code sha256:HEX}); it may not exist. */
  public Path blob(String hash) {
    if (hash == null
        || !hash.startsWith(PREFIX)
        || !hash.substring(PREFIX.length()).matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a sha256:HEX content hash: " + hash);
    }
    return blobPath(hash.substring(PREFIX.length()));
  }

  /**
   * Copies the blob of {@code hash} to {@code out}, checking that its content still has that hash.
   *
   * @return false when the content does not match (the copy is then deleted)
   * @throws IOException if the blob cannot be read or {@code out} written
   */
  public boolean restore(String hash, Path out) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(blob(hash)), sha);
        OutputStream o = Files.newOutputStream(out)) {
      in.transferTo(o);
    }
    if (!(PREFIX + HexFormat.of().formatHex(sha.digest())).equals(hash)) {
      Files.deleteIfExists(out);
      return false;
    }
    return true;
  }

  /** Files and bytes held. */
  public record Usage(long files, long bytes) {}

  public Usage usage() throws IOException {
    Path blobs = root.resolve("sha256");
    if (!Files.isDirectory(blobs)) {
      return new Usage(0, 0);
    }
    long files = 0;
    long bytes = 0;
    try (Stream<Path> all = Files.walk(blobs)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        files++;
        bytes += Files.size(p);
      }
    }
    return new Usage(files, bytes);
  }

  private Path blobPath(String hex) {
    return root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
  }

  /** Copies up to {@code max + 1} bytes: one more than allowed is enough to say "too large". */
  private static long copy(InputStream in, OutputStream out, long max) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
      total += n;
      if (total > max) {
        return total;
      }
    }
    return total;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
