package io.github.adder4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one atomic file writer of adder4j, and bounded reads of files that may come from anywhere.
 *
 * <p>{@link #write(Path, byte[])} writes to a temporary file {@code .<name>.<random>.tmp} next to the target, forces it
 * to the disk and renames it over the target, so readers see the old file or the complete new one. Every file is
 * created the same way, with the default permissions of the process (its umask). A failed write (a full disk, a
 * missing directory) leaves no temporary file behind and says why, naming the target.
 *
 * <p>{@link #readBounded(Path, long, String)} reads a regular file of at most a given size: a directory, a device such
 * as {@code /dev/zero} and an oversized file are each refused with their own message, before anything is read.
 */
public final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code path} atomically, creating missing parent directories and replacing any existing
     * file. No temporary file is left behind, whether the write succeeds or fails.
     *
     * @param path the file to write; missing parent directories are created
     * @param bytes the complete new content of the file
     * @throws UncheckedIOException {@code cannot write <path>: <cause>} when the file cannot be written
     */
    public static void write(Path path, byte[] bytes) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        Path target = path.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = createTemp(target);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warn("atomic rename not supported for {}; replacing it non-atomically", target);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * {@link #write(Path, byte[])} of {@code text} as UTF-8.
     *
     * @param path the file to write; missing parent directories are created
     * @param text the complete new content, written as UTF-8
     */
    public static void writeString(Path path, String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether {@code name} is the name of a temporary file that {@link #write} makes (left behind by a killed process).
     *
     * @param name a file name (not a path)
     * @return {@code true} for a name that starts with a dot and ends in {@code .tmp}
     */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /**
     * The bytes of the regular file {@code path}, refusing anything else before reading.
     *
     * @param path the file to read
     * @param maxBytes the largest size accepted
     * @param what     what the file is, for messages (e.g. {@code checkpoint})
     * @return the whole content of the file, at most {@code maxBytes} bytes
     * @throws IllegalArgumentException {@code <what> <path>: is a directory, not a file},
     *                                  {@code ...: not a regular file} or
     *                                  {@code ...: is N bytes, more than the largest accepted M}
     * @throws UncheckedIOException     {@code <what> <path>: no such file}, or when the file cannot be read
     */
    public static byte[] readBounded(Path path, long maxBytes, String what) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        String prefix = what + " " + path + ": ";
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(prefix + "is a directory, not a file");
        }
        if (!Files.exists(path)) {
            throw new UncheckedIOException(prefix + "no such file", new NoSuchFileException(path.toString()));
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(prefix + "not a regular file");
        }
        try {
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new IllegalArgumentException(prefix + "is " + size + " bytes, more than the largest accepted " + maxBytes);
            }
            try (InputStream in = Files.newInputStream(path)) {
                return readAtMost(in, maxBytes, prefix);
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(prefix + "no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + path + ": " + describe(e), e);
        }
    }

    /**
     * Reads {@code in} to its end, refusing more than {@code maxBytes} (the file may grow after its size was checked).
     *
     * @param prefix the start of the message, naming the source
     */
    static byte[] readAtMost(InputStream in, long maxBytes, String prefix) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(prefix + "more than the largest accepted " + maxBytes + " bytes");
        }
        return bytes;
    }

    /** An I/O failure in words: the exception's class for the cryptic ones, and its message (e.g. the full disk). */
    static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    /** A new empty file {@code .<name>.<random>.tmp} next to {@code target}, with the default permissions. */
    private static Path createTemp(Path target) throws IOException {
        while (true) {
            String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
            Path temp = target.resolveSibling("." + target.getFileName() + "." + random + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                LOG.debug("temporary file {} exists; trying another name", temp);
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("cannot delete temporary file {}: {}", temp, e.toString());
        }
    }
}
