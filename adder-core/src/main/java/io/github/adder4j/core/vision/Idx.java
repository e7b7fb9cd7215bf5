package io.github.adder4j.core.vision;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader of the IDX files that hold MNIST and Fashion-MNIST ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-...}), plain or gzip-compressed (recognised by the gzip magic bytes, whatever the file name).
 *
 * <p>Format: a big-endian header {@code 0x00 0x00 type rank}, then {@code rank} 32-bit sizes, then the data; the only
 * type read here is {@code 0x08} (unsigned bytes). Images are rank 3 ({@code 0x00000803}: count, rows, columns), labels
 * rank 1 ({@code 0x00000801}: count). Every error names the file: a wrong magic number, a truncated file, extra bytes,
 * images and labels of different counts.
 */
public final class Idx {
    /** Magic number of an unsigned-byte image file. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte label file. */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /**
     * Reads an image file and its label file.
     *
     * @param images an IDX image file ({@code idx3-ubyte}, optionally gzipped)
     * @param labels the matching IDX label file ({@code idx1-ubyte}, optionally gzipped)
     * @return the images with their labels, named after the image file
     * @throws IllegalArgumentException naming the file, when either file is malformed or their counts differ
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static ImageSet read(Path images, Path labels) {
        byte[] imageBytes = bytes(images);
        byte[] labelBytes = bytes(labels);
        return of(images.getFileName() + " + " + labels.getFileName(), images.toString(), imageBytes, labels.toString(), labelBytes);
    }

    /**
     * Reads an image/label pair from classpath resources.
     *
     * @param anchor the class whose class loader finds the resources
     * @param images the resource path of the image file
     * @param labels the resource path of the label file
     * @return the images with their labels
     * @throws IllegalArgumentException when a resource is missing or malformed
     */
    public static ImageSet readResources(Class<?> anchor, String images, String labels) {
        return of(images + " + " + labels, images, resource(anchor, images), labels, resource(anchor, labels));
    }

    private static ImageSet of(String name, String imageFile, byte[] imageBytes, String labelFile, byte[] labelBytes) {
        ByteBuffer ib = ByteBuffer.wrap(imageBytes);
        int[] dims = header(imageFile, ib, IMAGES_MAGIC, 3, "images");
        ByteBuffer lb = ByteBuffer.wrap(labelBytes);
        int[] ldims = header(labelFile, lb, LABELS_MAGIC, 1, "labels");
        long expected = (long) dims[0] * dims[1] * dims[2];
        body(imageFile, ib, expected, dims[0] + " images of " + dims[1] + "x" + dims[2]);
        body(labelFile, lb, ldims[0], ldims[0] + " labels");
        if (dims[0] != ldims[0]) {
            throw new IllegalArgumentException(imageFile + " holds " + dims[0] + " images but " + labelFile + " holds " + ldims[0] + " labels");
        }
        byte[] pixels = new byte[(int) expected];
        ib.get(pixels);
        int[] labels = new int[ldims[0]];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = lb.get() & 0xff;
        }
        return new ImageSet(name, dims[1], dims[2], pixels, labels);
    }

    private static int[] header(String file, ByteBuffer b, int magic, int rank, String what) {
        if (b.remaining() < 4 + 4 * rank) {
            throw new IllegalArgumentException(file + ": truncated IDX header: " + b.remaining() + " bytes");
        }
        int got = b.getInt();
        if (got != magic) {
            throw new IllegalArgumentException(String.format("%s: bad IDX magic number 0x%08x, expected 0x%08x (%s)", file, got, magic, what));
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = b.getInt();
            if (dims[i] < 0) {
                throw new IllegalArgumentException(file + ": negative IDX size " + dims[i]);
            }
        }
        return dims;
    }

    private static void body(String file, ByteBuffer b, long expected, String what) {
        if (b.remaining() < expected) {
            throw new IllegalArgumentException(file + ": truncated: the header announces " + what + " (" + expected + " bytes), the file has "
                    + b.remaining());
        }
        if (b.remaining() > expected) {
            throw new IllegalArgumentException(file + ": " + (b.remaining() - expected) + " bytes after the " + what);
        }
    }

    private static byte[] bytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return decompress(file.toString(), in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name + " beside " + anchor.getName());
            }
            return decompress(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of a stream, gunzipped when they start with the gzip magic {@code 1f 8b}. */
    private static byte[] decompress(String file, InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try (GZIPInputStream gz = new GZIPInputStream(in)) {
                return gz.readAllBytes();
            } catch (java.io.EOFException | java.util.zip.ZipException e) {
                throw new IllegalArgumentException(file + ": truncated or corrupt gzip data: " + e.getMessage(), e);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
