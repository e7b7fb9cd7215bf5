package io.github.adder4j.core.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader: plain and gzip files, the embedded digits and their split, and errors that name the file. */
class IdxTest {
    @TempDir
    Path dir;

    private static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] pixels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 37);
        }
        return b;
    }

    @Test
    void readsPlainAndGzipFilesAlike() throws IOException {
        byte[] images = idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 2}, pixels(12));
        byte[] labels = idx(Idx.LABELS_MAGIC, new int[] {3}, new byte[] {7, 0, (byte) 200});
        ImageSet plain = Idx.read(write("train-images-idx3-ubyte", images), write("train-labels-idx1-ubyte", labels));
        ImageSet gz = Idx.read(write("a.gz", gzip(images)), write("b.gz", gzip(labels)));
        for (ImageSet s : new ImageSet[] {plain, gz}) {
            assertEquals(3, s.size());
            assertEquals(2, s.rows());
            assertArrayEquals(new int[] {7, 0, 200}, s.labels());
            assertArrayEquals(pixels(12), s.pixels());
        }
        assertEquals((byte) 37 & 0xff, Math.round(plain.image(0)[1] * 255));
        assertEquals(3, Digits.directory(dir, "train").size());
    }

    @Test
    void badInputIsAnErrorNamingTheFile() throws IOException {
        Path labels = write("labels", idx(Idx.LABELS_MAGIC, new int[] {3}, new byte[3]));
        Path wrongMagic = write("wrong-magic", idx(0x00000802, new int[] {3, 2, 2}, pixels(12)));
        assertEquals(wrongMagic + ": bad IDX magic number 0x00000802, expected 0x00000803 (images)",
                assertThrows(IllegalArgumentException.class, () -> Idx.read(wrongMagic, labels)).getMessage());
        Path truncated = write("truncated", idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 2}, pixels(10)));
        assertEquals(truncated + ": truncated: the header announces 3 images of 2x2 (12 bytes), the file has 10",
                assertThrows(IllegalArgumentException.class, () -> Idx.read(truncated, labels)).getMessage());
        Path four = write("four", idx(Idx.IMAGES_MAGIC, new int[] {4, 2, 2}, pixels(16)));
        assertEquals(four + " holds 4 images but " + labels + " holds 3 labels",
                assertThrows(IllegalArgumentException.class, () -> Idx.read(four, labels)).getMessage());
        byte[] gz = gzip(idx(Idx.IMAGES_MAGIC, new int[] {3, 2, 2}, pixels(12)));
        Path cut = write("cut.gz", java.util.Arrays.copyOf(gz, gz.length - 12));
        assertEquals(cut + ": truncated or corrupt gzip data: Unexpected end of ZLIB input stream",
                assertThrows(IllegalArgumentException.class, () -> Idx.read(cut, labels)).getMessage());
        Path header = write("header", new byte[] {0, 0, 8, 3, 0});
        assertEquals(header + ": truncated IDX header: 5 bytes",
                assertThrows(IllegalArgumentException.class, () -> Idx.read(header, labels)).getMessage());
        assertEquals("no such file: " + dir.resolve("missing"),
                assertThrows(IllegalArgumentException.class, () -> Idx.read(dir.resolve("missing"), labels)).getMessage());
        assertEquals("no test images and labels in " + dir + " (expected t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz])",
                assertThrows(IllegalArgumentException.class, () -> Digits.directory(dir, "test")).getMessage());
    }

    @Test
    void theEmbeddedDigitsAreAFixedStratifiedSplitOfTenThousand() {
        ImageSet train = Digits.embeddedTrain();
        ImageSet test = Digits.embeddedTest();
        assertEquals(8004, train.size());
        assertEquals(1996, test.size());
        assertEquals(28, train.rows());
        assertEquals(28, test.cols());
        int[] trainCounts = train.classCounts();
        int[] testCounts = test.classCounts();
        for (int d = 0; d < 10; d++) {
            int all = trainCounts[d] + testCounts[d];
            assertEquals(all / 5, testCounts[d], "digit " + d + ": every fifth sample of the class is a test sample");
        }
        assertEquals(10000, java.util.Arrays.stream(trainCounts).sum() + java.util.Arrays.stream(testCounts).sum());
    }

    @Test
    void theValidationSplitIsEveryTenthTrainingDigitOfEachClass() {
        ImageSet train = Digits.embeddedTrain();
        ImageSet validation = Digits.embeddedValidation();
        ImageSet rest = Digits.embeddedTrainWithoutValidation();
        assertEquals(Digits.EMBEDDED_VALIDATION_SIZE, validation.size());
        assertEquals(train.size(), validation.size() + rest.size());
        int[] trainCounts = train.classCounts();
        int[] validationCounts = validation.classCounts();
        for (int d = 0; d < 10; d++) {
            assertEquals(trainCounts[d] / 10, validationCounts[d], "digit " + d + ": every tenth training sample is a validation sample");
        }
        int firstFive = -1;
        int fives = 0;
        for (int i = 0; i < train.size() && firstFive < 0; i++) {
            if (train.labels()[i] == 5 && ++fives == 10) {
                firstFive = i;
            }
        }
        int firstValidationFive = -1;
        for (int i = 0; i < validation.size() && firstValidationFive < 0; i++) {
            firstValidationFive = validation.labels()[i] == 5 ? i : -1;
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(train.image(firstFive), validation.image(firstValidationFive),
                "the first validation 5 is the tenth training 5");
        assertEquals("every must be at least 2: 1", assertThrows(IllegalArgumentException.class, () -> train.everyNthOfEachLabel(1)).getMessage());
    }
}
