package io.github.adder4j.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 checksum of an ordered list of tensors, stored as {@code metadata.parametersSha256} in checkpoint files.
 *
 * <p>The checksum is taken over this canonical byte form: for each tensor, in list order,
 * <ol>
 *   <li>the UTF-8 bytes of the name, then one {@code 0x00} byte (names never contain NUL, so this ends the name);</li>
 *   <li>one byte holding the {@linkplain DType#ordinal() ordinal} of the dtype ({@code 0} float32, {@code 1} float64);</li>
 *   <li>the rank, then each dimension, every one as a little-endian signed 64-bit integer (the rank makes the form
 *       unambiguous: a scalar contributes the rank {@code 0} and no dimensions);</li>
 *   <li>the values in row-major order as little-endian IEEE 754 binary32 (float32) or binary64 (float64) bytes, every
 *       NaN written as the canonical NaN ({@code 0x7fc00000} or {@code 0x7ff8000000000000}).</li>
 * </ol>
 * Nothing separates consecutive tensors; the digest is printed as 64 lowercase hexadecimal digits. The value bytes are
 * exactly the bytes that checkpoint files store base64-encoded in each tensor's {@code data}.
 */
public final class ParameterDigest {

    private ParameterDigest() {
    }

    /**
     * The SHA-256 of the canonical byte form of {@code tensors}, as 64 lowercase hexadecimal digits.
     *
     * @param tensors the parameters, in any order (the digest sorts them by name)
     * @return 64 lowercase hexadecimal digits
     * @throws IllegalArgumentException when {@code tensors} or one of its elements is null
     */
    public static String sha256Hex(List<Tensor> tensors) {
        if (tensors == null) {
            throw new IllegalArgumentException("tensors must not be null");
        }
        MessageDigest digest = newSha256();
        ByteBuffer header = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < tensors.size(); i++) {
            Tensor tensor = tensors.get(i);
            if (tensor == null) {
                throw new IllegalArgumentException("tensors must not contain null: index " + i);
            }
            digest.update(tensor.name().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update((byte) tensor.dtype().ordinal());
            updateLong(digest, header, tensor.rank());
            for (int axis = 0; axis < tensor.rank(); axis++) {
                updateLong(digest, header, tensor.dim(axis));
            }
            digest.update(tensor.dataBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Lowercase hexadecimal SHA-256 of {@code bytes} (the content checksum of checkpoints, the fixture manifest). */
    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    private static void updateLong(MessageDigest digest, ByteBuffer scratch, long value) {
        scratch.clear();
        scratch.putLong(value);
        digest.update(scratch.array());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
