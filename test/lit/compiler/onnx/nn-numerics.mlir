// End-to-end values of the NN converters' paths that the ONNX node tests do
// not reach (pads from auto_pad with odd totals, ConvTranspose's zero
// padding, LRN, old-opset BatchNormalization and Softmax, f16 statistics):
// each model runs on tessera-run and is compared with a NumPy reference
// (rtol 1e-3, atol 1e-7).

// RUN: rm -rf %t && mkdir -p %t
// RUN: sed -n 's|^// PY: \?||p' %s > %t/gen.py && %python %t/gen.py %t
// RUN: tessera-run %t/conv_lower.onnx --input x=%t/conv_lower.x.npy --input w=%t/conv_lower.w.npy --output-dir %t/conv_lower
// RUN: %python -m compare_outputs --npy %t/conv_lower.y.npy %t/conv_lower/y.npy
// RUN: tessera-run %t/conv_upper.onnx --input x=%t/conv_upper.x.npy --input w=%t/conv_upper.w.npy --output-dir %t/conv_upper
// RUN: %python -m compare_outputs --npy %t/conv_upper.y.npy %t/conv_upper/y.npy
// RUN: tessera-run %t/ct_zeros.onnx --input x=%t/ct_zeros.x.npy --input w=%t/ct_zeros.w.npy --input b=%t/ct_zeros.b.npy --output-dir %t/ct_zeros
// RUN: %python -m compare_outputs --npy %t/ct_zeros.y.npy %t/ct_zeros/y.npy
// RUN: tessera-run %t/ct_front.onnx --input x=%t/ct_front.x.npy --input w=%t/ct_front.w.npy --output-dir %t/ct_front
// RUN: %python -m compare_outputs --npy %t/ct_front.y.npy %t/ct_front/y.npy
// RUN: tessera-run %t/ct_lower.onnx --input x=%t/ct_lower.x.npy --input w=%t/ct_lower.w.npy --output-dir %t/ct_lower
// RUN: %python -m compare_outputs --npy %t/ct_lower.y.npy %t/ct_lower/y.npy
// RUN: tessera-run %t/max_pool_lower.onnx --input x=%t/max_pool_lower.x.npy --output-dir %t/max_pool_lower
// RUN: %python -m compare_outputs --npy %t/max_pool_lower.y.npy %t/max_pool_lower/y.npy
// RUN: tessera-run %t/gemm6.onnx --input a=%t/gemm6.a.npy --input b=%t/gemm6.b.npy --input c=%t/gemm6.c.npy --output-dir %t/gemm6
// RUN: %python -m compare_outputs --npy %t/gemm6.y.npy %t/gemm6/y.npy
// RUN: tessera-run %t/lrn_even.onnx --input x=%t/lrn_even.x.npy --output-dir %t/lrn_even
// RUN: %python -m compare_outputs --npy %t/lrn_even.y.npy %t/lrn_even/y.npy
// RUN: tessera-run %t/lrn.onnx --input x=%t/lrn.x.npy --output-dir %t/lrn
// RUN: %python -m compare_outputs --npy %t/lrn.y.npy %t/lrn/y.npy
// RUN: tessera-run %t/bn_spatial.onnx --input x=%t/bn_spatial.x.npy --input s=%t/bn_spatial.s.npy --input b=%t/bn_spatial.b.npy --input m=%t/bn_spatial.m.npy --input v=%t/bn_spatial.v.npy --output-dir %t/bn_spatial
// RUN: %python -m compare_outputs --npy %t/bn_spatial.y.npy %t/bn_spatial/y.npy
// RUN: tessera-run %t/bn_mixed.onnx --input x=%t/bn_mixed.x.npy --input s=%t/bn_mixed.s.npy --input b=%t/bn_mixed.b.npy --input m=%t/bn_mixed.m.npy --input v=%t/bn_mixed.v.npy --output-dir %t/bn_mixed
// RUN: %python -m compare_outputs --npy %t/bn_mixed.y.npy %t/bn_mixed/y.npy
// RUN: tessera-run %t/ln_half.onnx --input x=%t/ln_half.x.npy --input s=%t/ln_half.s.npy --output-dir %t/ln_half
// RUN: %python -m compare_outputs --npy %t/ln_half.y.npy %t/ln_half/y.npy
// RUN: %python -m compare_outputs --npy %t/ln_half.mean.npy %t/ln_half/mean.npy
// RUN: %python -m compare_outputs --npy %t/ln_half.inv.npy %t/ln_half/inv.npy
// RUN: tessera-run %t/softmax11.onnx --input x=%t/softmax11.x.npy --output-dir %t/softmax11
// RUN: %python -m compare_outputs --npy %t/softmax11.y.npy %t/softmax11/y.npy
// RUN: tessera-run %t/log_softmax11.onnx --input x=%t/log_softmax11.x.npy --output-dir %t/log_softmax11
// RUN: %python -m compare_outputs --npy %t/log_softmax11.y.npy %t/log_softmax11/y.npy

// The generator writes DIR/<case>.onnx and, per input and output NAME,
// DIR/<case>.NAME.npy (the inputs, and the expected outputs).
// PY: import os, sys
// PY: import numpy as np
// PY: import onnx_models as m
// PY: from onnx import TensorProto as T
// PY:
// PY: out = sys.argv[1]
// PY: rng = np.random.default_rng(11)
// PY: ELEM = {np.float32: m.F32, np.float16: T.FLOAT16}
// PY:
// PY: def rand(*shape, dtype=np.float32):
// PY:     return rng.standard_normal(shape).astype(dtype)
// PY:
// PY: def case(name, op, inputs, outputs, opset=13, **attrs):
// PY:     """|inputs| and |outputs|: lists of (name, array)."""
// PY:     info = lambda pairs: [(k, ELEM[v.dtype.type], list(v.shape))
// PY:                           for k, v in pairs]
// PY:     m.save(m.single(op, info(inputs), info(outputs), opset=opset,
// PY:                     name=name, **attrs), os.path.join(out, name + ".onnx"))
// PY:     for k, v in inputs + outputs:
// PY:         np.save(os.path.join(out, f"{name}.{k}.npy"), v)
// PY:
// PY: def conv(x, w, strides, pads, dilations):
// PY:     n = x.ndim - 2
// PY:     xp = np.pad(x.astype(np.float64), [(0, 0)] * 2 +
// PY:                 [(pads[d], pads[d + n]) for d in range(n)])
// PY:     span = [dilations[d] * (w.shape[d + 2] - 1) + 1 for d in range(n)]
// PY:     shape = [(xp.shape[d + 2] - span[d]) // strides[d] + 1 for d in range(n)]
// PY:     y = np.zeros(x.shape[:1] + w.shape[:1] + tuple(shape))
// PY:     for o in np.ndindex(*shape):
// PY:         for k in np.ndindex(*w.shape[2:]):
// PY:             p = tuple(o[d] * strides[d] + k[d] * dilations[d] for d in range(n))
// PY:             y[(slice(None), slice(None)) + o] += (
// PY:                 xp[(slice(None), slice(None)) + p] @ w[(slice(None),) * 2 + k].T)
// PY:     return y.astype(x.dtype)
// PY:
// PY: def conv_transpose(x, w, b, strides, pads_begin, shape):
// PY:     """ONNX reference semantics: x[i] scatters to i * stride - pad + k."""
// PY:     n = x.ndim - 2
// PY:     y = np.zeros(x.shape[:1] + w.shape[1:2] + tuple(shape))
// PY:     for i in np.ndindex(*x.shape[2:]):
// PY:         for k in np.ndindex(*w.shape[2:]):
// PY:             p = tuple(i[d] * strides[d] - pads_begin[d] + k[d] for d in range(n))
// PY:             if all(0 <= p[d] < shape[d] for d in range(n)):
// PY:                 y[(slice(None), slice(None)) + p] += (
// PY:                     x[(slice(None), slice(None)) + i] @ w[(slice(None),) * 2 + k])
// PY:     if b is not None:
// PY:         y += b.reshape((1, -1) + (1,) * n)
// PY:     return y.astype(x.dtype)
// PY:
// PY: # Conv: 6 x 10 input, 4 x 3 kernel, strides [1, 3], dilations [1, 2]:
// PY: # 6 x 4 outputs need 3 and 4 pads.
// PY: x, w = rand(1, 2, 6, 10), rand(3, 2, 4, 3)
// PY: for name, auto_pad, pads in [("conv_upper", "SAME_UPPER", [1, 2, 2, 2]),
// PY:                              ("conv_lower", "SAME_LOWER", [2, 2, 1, 2])]:
// PY:     case(name, "Conv", [("x", x), ("w", w)],
// PY:          [("y", conv(x, w, [1, 3], pads, [1, 2]))], opset=11,
// PY:          auto_pad=auto_pad, strides=[1, 3], dilations=[1, 2])
// PY:
// PY: x, w, b = rand(1, 1, 3), rand(1, 2, 3), rand(2)
// PY: case("ct_zeros", "ConvTranspose", [("x", x), ("w", w), ("b", b)],
// PY:      [("y", conv_transpose(x, w, b, [1], [0], [8]))], opset=11,
// PY:      output_shape=[8])
// PY: x, w = rand(1, 1, 2), rand(1, 1, 1)
// PY: case("ct_front", "ConvTranspose", [("x", x), ("w", w)],
// PY:      [("y", conv_transpose(x, w, None, [3], [-1], [6]))], opset=11,
// PY:      auto_pad="SAME_UPPER", strides=[3])
// PY: x, w = rand(1, 1, 3, 3), rand(1, 2, 3, 3)
// PY: case("ct_lower", "ConvTranspose", [("x", x), ("w", w)],
// PY:      [("y", conv_transpose(x, w, None, [2, 2], [1, 1], [6, 6]))], opset=11,
// PY:      auto_pad="SAME_LOWER", strides=[2, 2])
// PY:
// PY: x = rand(1, 1, 5, 5)
// PY: xp = np.pad(x, [(0, 0), (0, 0), (1, 0), (1, 0)], constant_values=-np.inf)
// PY: y = np.stack([np.stack([xp[0, 0, 2*i:2*i+2, 2*j:2*j+2].max() for j in range(3)])
// PY:               for i in range(3)])[None, None]
// PY: case("max_pool_lower", "MaxPool", [("x", x)], [("y", y)], opset=12,
// PY:      auto_pad="SAME_LOWER", kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1)
// PY:
// PY: a, b, c = rand(3, 2), rand(3, 4), rand(4)
// PY: case("gemm6", "Gemm", [("a", a), ("b", b), ("c", c)],
// PY:      [("y", (0.5 * a.T @ b + 2 * c).astype(np.float32))], opset=6,
// PY:      broadcast=1, transA=1, alpha=0.5, beta=2.0)
// PY:
// PY: def lrn(x, size, alpha=1e-4, beta=0.75, bias=1.0):
// PY:     x64, channels = x.astype(np.float64), x.shape[1]
// PY:     sums = np.zeros_like(x64)
// PY:     for ch in range(channels):
// PY:         lo = max(0, ch - (size - 1) // 2)
// PY:         hi = min(channels - 1, ch + size // 2)
// PY:         sums[:, ch] = (x64[:, lo:hi + 1] ** 2).sum(axis=1)
// PY:     return (x64 / (bias + alpha / size * sums) ** beta).astype(x.dtype)
// PY:
// PY: x = rand(2, 6) * 3
// PY: case("lrn_even", "LRN", [("x", x)], [("y", lrn(x, 2, alpha=1.0))], size=2,
// PY:      alpha=1.0)
// PY: x = rand(1, 5, 2, 3) * 3
// PY: case("lrn", "LRN", [("x", x)], [("y", lrn(x, 3, 0.1, 0.5, 2.0))], size=3,
// PY:      alpha=0.1, beta=0.5, bias=2.0)
// PY:
// PY: x, s, b, mu = rand(2, 3, 4), rand(3, 4), rand(3, 4), rand(3, 4)
// PY: v = np.abs(rand(3, 4))
// PY: y = ((x - mu) / np.sqrt(v + 0.5) * s + b).astype(np.float32)
// PY: case("bn_spatial", "BatchNormalization",
// PY:      [("x", x), ("s", s), ("b", b), ("m", mu), ("v", v)], [("y", y)],
// PY:      opset=7, spatial=0, epsilon=0.5)
// PY: x = rand(2, 3, 4, dtype=np.float16)
// PY: s, b, mu, v = rand(3), rand(3), rand(3), np.abs(rand(3))
// PY: y = (x - mu[:, None]) / np.sqrt(v[:, None] + np.float32(1e-5)) * s[:, None]
// PY: case("bn_mixed", "BatchNormalization",
// PY:      [("x", x), ("s", s), ("b", b), ("m", mu), ("v", v)],
// PY:      [("y", (y + b[:, None]).astype(np.float16))], opset=15)
// PY:
// PY: x, s = rand(2, 3, 4, dtype=np.float16), rand(3, 4, dtype=np.float16)
// PY: xf = x.astype(np.float32)
// PY: mean = xf.mean(axis=(1, 2), keepdims=True)
// PY: inv = (1 / np.sqrt(((xf - mean) ** 2).mean(axis=(1, 2), keepdims=True)
// PY:                    + np.float32(0.25))).astype(np.float32)
// PY: y = ((xf - mean) * inv).astype(np.float16) * s
// PY: case("ln_half", "LayerNormalization", [("x", x), ("s", s)],
// PY:      [("y", y), ("mean", mean), ("inv", inv)], opset=17, axis=-2,
// PY:      epsilon=0.25)
// PY:
// PY: x = rand(2, 3, 4) * 4
// PY: e = np.exp(x.reshape(2, 12) - x.reshape(2, 12).max(axis=1, keepdims=True))
// PY: case("softmax11", "Softmax", [("x", x)],
// PY:      [("y", (e / e.sum(axis=1, keepdims=True)).reshape(2, 3, 4))], opset=11)
// PY: flat = x.reshape(1, 24).astype(np.float64)
// PY: log = flat - flat.max() - np.log(np.exp(flat - flat.max()).sum())
// PY: case("log_softmax11", "LogSoftmax", [("x", x)],
// PY:      [("y", log.reshape(2, 3, 4).astype(np.float32))], opset=11, axis=-3)
