"""Checks an export folder with nothing but json, hashlib and numpy (no safetensors, no torch).

usage: check_export.py EXPORT_DIR EXPECTED.json
EXPECTED: {"dtype": "F32"|"BF16", "architecture": str, "num_features": int, "mean": [..], "std": [..],
           "tensors": [[key, shape, [values...]], ...] in timm order}
Every key (and its order), shape, dtype and value of model.safetensors must match; config.json must carry
timm's pretrained_cfg; manifest.json's sha256 sums must match the files.
"""
import hashlib
import json
import os
import struct
import sys

import numpy as np

export, expected_path = sys.argv[1], sys.argv[2]
with open(expected_path) as f:
    expected = json.load(f)

with open(os.path.join(export, "model.safetensors"), "rb") as f:
    blob = f.read()
(n,) = struct.unpack("<Q", blob[:8])
header = json.loads(blob[8 : 8 + n])
data = blob[8 + n :]
header.pop("__metadata__", None)
keys = list(header)
want_keys = [t[0] for t in expected["tensors"]]
assert keys == want_keys, f"keys/order differ: extra {set(keys) - set(want_keys)}, missing {set(want_keys) - set(keys)}"
for key, shape, values in expected["tensors"]:
    e = header[key]
    assert e["dtype"] == expected["dtype"], f"{key}: dtype {e['dtype']}"
    assert e["shape"] == shape, f"{key}: shape {e['shape']} != {shape}"
    begin, end = e["data_offsets"]
    raw = data[begin:end]
    if e["dtype"] == "BF16":
        arr = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
    else:
        arr = np.frombuffer(raw, dtype="<f4")
    want = np.array(values, dtype=np.float64)
    assert arr.size == want.size, f"{key}: {arr.size} values, expected {want.size}"
    assert np.array_equal(arr.astype(np.float64), want), f"{key}: values differ (max {np.abs(arr - want).max()})"

with open(os.path.join(export, "config.json")) as f:
    config = json.load(f)
assert config["architecture"] == expected["architecture"], config["architecture"]
assert config["num_features"] == expected["num_features"]
assert config["num_classes"] == 0 and config["global_pool"] == "token"
cfg = config["pretrained_cfg"]
assert np.allclose(cfg["mean"], expected["mean"]) and np.allclose(cfg["std"], expected["std"]), (cfg["mean"], cfg["std"])
assert cfg["input_size"][1] == config["model_args"]["img_size"]

with open(os.path.join(export, "manifest.json")) as f:
    manifest = json.load(f)
for entry in manifest["files"]:
    with open(os.path.join(export, entry["name"]), "rb") as f:
        content = f.read()
    assert len(content) == entry["bytes"], entry["name"]
    assert hashlib.sha256(content).hexdigest() == entry["sha256"], entry["name"]
print(f"ok {len(keys)} tensors, {sum(np.prod(t[1]) for t in expected['tensors'])} values")
