#!/usr/bin/python3
"""Small OME-Zarr fixtures written by an independent writer (Debian's python3-zarr 2.13 and numcodecs 0.11),
for the OME-Zarr reader tests.

Usage (Debian's python; apt-get install -y python3-zarr python3-numcodecs):
  /usr/bin/python3 tools/reference/zarr_fixtures.py interslice-io/src/test/resources/org/interslice/io/zarr

Each NAME.zarr is an NGFF image; NAME.expected holds its level-0 voxels at t = 0, c = 0 as raw
little-endian samples of the stored type, z slowest, x fastest (numpy's tobytes of arr[z, y, x]).
Zarr v2 images are written by zarr.open_array (chunks, dtype, compressor, fill_value); their NGFF 0.4
.zattrs and the NGFF 0.5 / Zarr v3 zarr.json files are written by this script from the NGFF and Zarr v3
specifications, with chunk bytes encoded by numcodecs. Geometry (NGFF scale and translation, units) per
fixture is printed to README.fixtures.txt.
"""
import json
import os
import shutil
import sys

import numcodecs
import numpy as np
import zarr


def values(dtype, shape, seed):
    rng = np.random.default_rng(seed)
    z, y, x = np.indices(shape[-3:])
    base = x + 10 * y + 100 * z
    info = np.iinfo(dtype) if np.dtype(dtype).kind in 'ui' else None
    if info is None:
        v = base * 0.37 - 50 + rng.normal(0, 1, shape[-3:])
    else:
        v = base * 3 + info.min + rng.integers(0, 7, shape[-3:]) + (info.max - info.min) // 3
        v = np.clip(v, info.min, info.max)
    return v.astype(dtype)


def ngff04(path, axes, scale, translation, label=False):
    attrs = {"multiscales": [{"version": "0.4", "axes": axes,
                              "datasets": [{"path": "0", "coordinateTransformations": [
                                  {"type": "scale", "scale": scale},
                                  {"type": "translation", "translation": translation}]}]}]}
    if label:
        attrs["image-label"] = {"version": "0.4"}
    with open(os.path.join(path, ".zattrs"), "w") as f:
        json.dump(attrs, f, indent=2)
    with open(os.path.join(path, ".zgroup"), "w") as f:
        json.dump({"zarr_format": 2}, f)


def space(names, unit):
    return [{"name": n, "type": "space", "unit": unit} for n in names]


def v2(out, name, dtype, shape, chunks, compressor, sep, unit, scale, translation, seed, lead=(), fill=0,
       empty=True, label=False):
    path = os.path.join(out, name + ".zarr")
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    vol = values(dtype, shape, seed)
    full = np.zeros(tuple(lead) + tuple(shape), dtype=dtype)
    full[...] = vol
    if lead:
        # other t/c indices hold different values: a reader must take index 0
        full[tuple(1 if n > 1 else 0 for n in lead)] = vol[::-1]
    if not empty:
        vol[:chunks[-3], :chunks[-2], :chunks[-1]] = fill   # one whole chunk of fill: not written
        full[(0,) * len(lead)] = vol
    kw = {} if sep is None else {"dimension_separator": sep}
    a = zarr.open_array(os.path.join(path, "0"), mode="w", shape=full.shape, chunks=tuple(lead and [1] * len(lead)) + tuple(chunks),
                        dtype=dtype, compressor=compressor, fill_value=fill, write_empty_chunks=empty, **kw)
    a[...] = full
    names = ["t", "c"][2 - len(lead):] if lead else []
    axes = [{"name": n, "type": "time" if n == "t" else "channel"} for n in names] + space("zyx", unit)
    ngff04(path, axes, [1.0] * len(lead) + scale, [0.0] * len(lead) + translation, label)
    with open(os.path.join(out, name + ".expected"), "wb") as f:
        f.write(vol.astype(np.dtype(dtype).newbyteorder("<")).tobytes())
    return "%s: v2 %s shape %s chunks %s compressor %s unit %s scale %s translation %s fill %s" % (
        name, np.dtype(dtype).str, list(full.shape), a.chunks, compressor, unit, scale, translation, fill)


def v3(out, name, dtype, shape, chunks, codec, unit, scale, translation, seed, endian="little"):
    path = os.path.join(out, name + ".zarr")
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.join(path, "s0"))
    vol = values(dtype, shape, seed)
    group = {"zarr_format": 3, "node_type": "group", "attributes": {"ome": {"version": "0.5", "multiscales": [{
        "axes": space("zyx", unit),
        "datasets": [{"path": "s0", "coordinateTransformations": [
            {"type": "scale", "scale": scale}, {"type": "translation", "translation": translation}]}]}]}}}
    with open(os.path.join(path, "zarr.json"), "w") as f:
        json.dump(group, f, indent=2)
    codecs = [{"name": "bytes", "configuration": {"endian": endian}}]
    if codec is not None:
        codecs.append(codec[0])
    meta = {"zarr_format": 3, "node_type": "array", "shape": list(shape), "data_type": np.dtype(dtype).name,
            "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(chunks)}},
            "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
            "fill_value": 0, "codecs": codecs, "dimension_names": ["z", "y", "x"]}
    with open(os.path.join(path, "s0", "zarr.json"), "w") as f:
        json.dump(meta, f, indent=2)
    dt = np.dtype(dtype).newbyteorder("<" if endian == "little" else ">")
    grid = [(s + c - 1) // c for s, c in zip(shape, chunks)]
    for idx in np.ndindex(*grid):
        chunk = np.zeros(chunks, dtype=dt)   # v3 chunks are whole, padded with the fill value
        sl = tuple(slice(i * c, min((i + 1) * c, s)) for i, c, s in zip(idx, chunks, shape))
        part = vol[sl]
        chunk[tuple(slice(0, n) for n in part.shape)] = part
        data = chunk.tobytes()
        if codec is not None:
            data = codec[1].encode(data)
        f = os.path.join(path, "s0", "c", *[str(i) for i in idx])
        os.makedirs(os.path.dirname(f), exist_ok=True)
        with open(f, "wb") as fh:
            fh.write(bytes(data))
    with open(os.path.join(out, name + ".expected"), "wb") as f:
        f.write(vol.astype(np.dtype(dtype).newbyteorder("<")).tobytes())
    return "%s: v3 %s shape %s chunks %s codecs %s unit %s scale %s translation %s" % (
        name, dt.str, list(shape), list(chunks), [c["name"] for c in codecs], unit, scale, translation)


def main(out):
    os.makedirs(out, exist_ok=True)
    B = numcodecs.Blosc
    lines = ["zarr %s, numcodecs %s; made by tools/reference/zarr_fixtures.py" % (zarr.__version__, numcodecs.__version__)]
    # zarr's default compressor (Blosc lz4, byte shuffle), NGFF 0.4, micrometer units
    lines.append(v2(out, "default-u16", np.uint16, (5, 21, 23), (2, 8, 16), zarr.storage.default_compressor, "/",
                    "micrometer", [2.0, 0.5, 0.25], [10.0, -4.0, 3.5], 1))
    lines.append(v2(out, "blosc-zstd-bitshuffle-f32", np.float32, (4, 19, 17), (3, 8, 8),
                    B(cname="zstd", clevel=3, shuffle=B.BITSHUFFLE), ".", "millimeter", [1.5, 0.7, 0.9], [-20.0, 5.0, 0.0], 2))
    # one chunk, split into four lz4 streams (one per byte of the type)
    lines.append(v2(out, "blosc-lz4-blocks-i32", np.int32, (3, 16, 24), (3, 16, 24),
                    B(cname="lz4", clevel=5, shuffle=B.SHUFFLE), ".", "millimeter", [3.0, 1.0, 1.0], [0.0, 0.0, 0.0], 3))
    # one 80000-byte chunk: Blosc (asked for small blocks) stores two blocks, 65536 bytes split in four
    # streams and a short last block in one stream
    lines.append(v2(out, "blosc-lz4-2blocks-i32", np.int32, (5, 40, 100), (5, 40, 100),
                    B(cname="lz4", clevel=5, shuffle=B.SHUFFLE, blocksize=2048), ".", "millimeter", [1.0, 1.0, 1.0], [0.0, 0.0, 0.0], 10))
    lines.append(v2(out, "blosc-zlib-noshuffle-be-i16", ">i2", (3, 10, 12), (2, 5, 7),
                    B(cname="zlib", clevel=5, shuffle=B.NOSHUFFLE), ".", "millimeter", [1.0, 1.0, 1.0], [0.0, 0.0, 0.0], 4))
    lines.append(v2(out, "zstd-f64", np.float64, (3, 9, 11), (2, 4, 6), numcodecs.Zstd(level=3), "/",
                    "millimeter", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0], 5))
    lines.append(v2(out, "gzip-u8-tczyx-missing", np.uint8, (4, 12, 10), (2, 6, 5), numcodecs.GZip(level=5), "/",
                    "nanometer", [400.0, 100.0, 100.0], [0.0, 0.0, 0.0], 6, lead=(1, 2), fill=7, empty=False, label=True))
    lines.append(v3(out, "v3-gzip-u16", np.uint16, (4, 11, 13), (2, 8, 8),
                    ({"name": "gzip", "configuration": {"level": 5}}, numcodecs.GZip(level=5)), "micrometer", [5.0, 1.0, 1.0], [0.0, 7.0, -7.0], 7))
    lines.append(v3(out, "v3-zstd-be-f32", np.float32, (3, 10, 9), (2, 4, 4),
                    ({"name": "zstd", "configuration": {"level": 3, "checksum": False}}, numcodecs.Zstd(level=3)), "millimeter", [2.0, 0.5, 0.5], [0.0, 0.0, 0.0], 8, endian="big"))
    lines.append(v3(out, "v3-blosc-i16", np.int16, (3, 10, 9), (3, 10, 9),
                    ({"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 2, "blocksize": 0}},
                     B(cname="lz4", clevel=5, shuffle=B.SHUFFLE)), "millimeter", [1.0, 1.0, 1.0], [0.0, 0.0, 0.0], 9))
    with open(os.path.join(out, "README.fixtures.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1])
