"""timm's VisionTransformer forward in plain numpy (float64), from an export folder's files alone.

usage: vit_numpy.py EXPORT_DIR IMAGES.safetensors OUT.json
Reads model.safetensors + config.json (model_args), runs the images (key "images", [B,C,H,W] at the export's
size) and writes {"cls": [[...]], "patches": [[[...]]]} after the final norm. Written from timm's semantics
(vision_transformer.py, GluMlp, no_embed_class) so it checks the C# network's math, not just its names.
"""
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from safetensors_check import read  # noqa: E402

export, images_path, out_path = sys.argv[1:4]
_, tensors = read(os.path.join(export, "model.safetensors"))
w = {k: v[2].astype(np.float64) for k, v in tensors.items()}
with open(os.path.join(export, "config.json")) as f:
    config = json.load(f)
args = config["model_args"]
# timm builds the dinov2 giants with SwiGLUPacked and every other dinov2 ViT with a GELU Mlp.
swiglu = "giant" in config["architecture"]
_, imgs = read(images_path)
x_img = imgs["images"][2].astype(np.float64)

D, heads, p = args["embed_dim"], args["num_heads"], args["patch_size"]
B, C, H, W = x_img.shape
g = H // p
erf = np.vectorize(math.erf)


def ln(x, prefix):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + 1e-6) * w[prefix + ".weight"] + w[prefix + ".bias"]


def linear(x, prefix):
    return x @ w[prefix + ".weight"].T + w[prefix + ".bias"]


# Patch embedding: a stride-p convolution == a matmul over non-overlapping p x p patches, row-major grid.
patches = x_img.reshape(B, C, g, p, g, p).transpose(0, 2, 4, 1, 3, 5).reshape(B, g * g, C * p * p)
x = patches @ w["patch_embed.proj.weight"].reshape(D, -1).T + w["patch_embed.proj.bias"]
prefix = [np.broadcast_to(w["cls_token"], (B, 1, D))]
if "reg_token" in w:
    prefix.append(np.broadcast_to(w["reg_token"], (B, w["reg_token"].shape[1], D)))
if args["no_embed_class"]:
    x = np.concatenate(prefix + [x + w["pos_embed"]], axis=1)
else:
    x = np.concatenate(prefix + [x], axis=1) + w["pos_embed"]
n_prefix = sum(t.shape[1] for t in prefix)

for i in range(args["depth"]):
    b = f"blocks.{i}."
    N = x.shape[1]
    qkv = linear(ln(x, b + "norm1"), b + "attn.qkv").reshape(B, N, 3, heads, D // heads).transpose(2, 0, 3, 1, 4)
    q, k, v = qkv[0], qkv[1], qkv[2]
    s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(D // heads)
    s = np.exp(s - s.max(-1, keepdims=True))
    a = (s / s.sum(-1, keepdims=True)) @ v
    y = linear(a.transpose(0, 2, 1, 3).reshape(B, N, D), b + "attn.proj")
    x = x + (y * w[b + "ls1.gamma"] if b + "ls1.gamma" in w else y)
    h = linear(ln(x, b + "norm2"), b + "mlp.fc1")
    if swiglu:
        gate, value = np.split(h, 2, axis=-1)  # timm SwiGLUPacked: gate first
        h = gate / (1 + np.exp(-gate)) * value
    else:
        h = 0.5 * h * (1 + erf(h / math.sqrt(2)))
    y = linear(h, b + "mlp.fc2")
    x = x + (y * w[b + "ls2.gamma"] if b + "ls2.gamma" in w else y)

x = ln(x, "norm")
with open(out_path, "w") as f:
    json.dump({"cls": x[:, 0].tolist(), "patches": x[:, n_prefix:].tolist()}, f)
print("ok", x.shape)
