"""Reads or writes safetensors with nothing but json + numpy (no safetensors package), for interop tests.

check FILE EXPECTED.json : every key, dtype, shape and value (and the metadata) must equal EXPECTED exactly.
write FILE               : writes a known file (F32 'a' = arange(6).reshape(2,3)/4, BF16 'b' = [1.5, -2, 0.25]).
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32, "U8": np.uint8}


def read(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8 : 8 + n].decode("utf-8"))
    assert (8 + n) % 8 == 0, "data section must start 8-byte aligned"
    data = blob[8 + n :]
    meta = header.pop("__metadata__", {})
    tensors = {}
    end_max = 0
    for name, e in header.items():
        begin, end = e["data_offsets"]
        end_max = max(end_max, end)
        raw = data[begin:end]
        if e["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            arr = bits.view(np.float32)
        else:
            arr = np.frombuffer(raw, dtype=np.dtype(DTYPES[e["dtype"]]).newbyteorder("<"))
        assert arr.size == int(np.prod(e["shape"])), f"{name}: {arr.size} values for shape {e['shape']}"
        tensors[name] = (e["dtype"], list(e["shape"]), arr.reshape(e["shape"]))
    assert end_max == len(data), f"data section is {len(data)} bytes, tensors end at {end_max}"
    return meta, tensors


def check(path, expected_path):
    with open(expected_path) as f:
        expected = json.load(f)
    meta, tensors = read(path)
    assert meta == expected.get("metadata", {}), f"metadata {meta} != {expected.get('metadata')}"
    assert sorted(tensors) == sorted(expected["tensors"]), f"keys {sorted(tensors)} != {sorted(expected['tensors'])}"
    for name, e in expected["tensors"].items():
        dtype, shape, arr = tensors[name]
        assert dtype == e["dtype"], f"{name}: dtype {dtype} != {e['dtype']}"
        assert shape == e["shape"], f"{name}: shape {shape} != {e['shape']}"
        want = np.array(e["values"], dtype=np.float64).reshape(shape)
        assert np.array_equal(arr.astype(np.float64), want), f"{name}: values differ"
    print(f"ok {len(tensors)} tensors")


def write(path):
    a = (np.arange(6, dtype=np.float32).reshape(2, 3) / 4).astype("<f4").tobytes()
    b = (np.array([1.5, -2.0, 0.25], dtype=np.float32).view(np.uint32) >> 16).astype("<u2").tobytes()
    header = {
        "__metadata__": {"format": "pt"},
        "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, len(a)]},
        "b": {"dtype": "BF16", "shape": [3], "data_offsets": [len(a), len(a) + len(b)]},
    }
    h = json.dumps(header).encode("utf-8")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + a + b)


if __name__ == "__main__":
    if sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3])
    else:
        write(sys.argv[2])
