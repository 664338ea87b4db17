//===- ConvertAttention.cpp - ONNX Attention, RotaryEmbedding -> tessera --===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Transformer building blocks, decomposed into matmuls and elementwise ops:
// Attention (opset 23/24: MHA and GQA, masks, causal and KV-cache variants,
// softcap, softmax precision, the qk_matmul_output modes) and
// RotaryEmbedding. Einsum is in ConvertEinsum.cpp, SwiGLU with the other
// activations in ConvertActivation.cpp.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ConvertHelpers.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessera;

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

/// The MLIR element type of an ONNX TensorProto data type that softmax may
/// run in (softmax_precision).
static Type softmaxType(MLIRContext *context, int64_t onnxType) {
  switch (onnxType) {
  case 1:
    return Float32Type::get(context);
  case 10:
    return Float16Type::get(context);
  case 11:
    return Float64Type::get(context);
  case 16:
    return BFloat16Type::get(context);
  default:
    return {};
  }
}

/// An i64 constant of |shape| (one non-unit dimension) holding start,
/// start + 1, ...
static Value iota(NodeImporter &node, ArrayRef<int64_t> shape,
                  int64_t start = 0) {
  ::tessera::HostTensor values(
      ::tessera::DType::I64, std::vector<int64_t>(shape.begin(), shape.end()));
  for (int64_t i = 0; i < values.numElements(); ++i)
    values.setInt(i, start + i);
  return node.constant(values);
}

/// Q, K or V of rank 3 ([batch, seq, heads * size]) as [batch, heads, seq,
/// size].
static Value splitHeads(OpChain &chain, Value value, int64_t heads) {
  ArrayRef<int64_t> s = shapeOf(value);
  Value split = chain.reshape(value, {s[0], s[1], heads, s[2] / heads});
  return chain.transpose(split, {0, 2, 1, 3});
}

/// Attention (opset 23, 24): softmax(softcap(Q·Kᵀ·scale) + bias)·V. The
/// bias gathers attn_mask (boolean masks become 0/-inf and are padded with
/// -inf up to the total key length), the causal mask (aligned to the last
/// query: key j is visible to query i iff j <= i + past length, or
/// nonpad_kv_seqlen - q length per batch) and the nonpad_kv_seqlen padding
/// mask. Rows whose bias is -inf everywhere give zeros, not NaN. Like the
/// ONNX function, Q and K are each scaled by sqrt(scale). GQA does not
/// repeat K and V: the query heads that share a KV head are folded into the
/// rows of one batched matmul.
static LogicalResult convertAttention(NodeImporter &node) {
  FailureOr<Value> qIn = node.requiredInput(0), kIn = node.requiredInput(1),
                   vIn = node.requiredInput(2);
  if (failed(qIn) || failed(kIn) || failed(vIn))
    return failure();
  Value q = *qIn, k = *kIn, v = *vIn;
  Value mask = node.input(3), pastKey = node.input(4),
        pastValue = node.input(5), nonpad = node.input(6);
  Type type = elementTypeOf(q);
  int64_t rank = shapeOf(q).size();
  if (!isa<FloatType>(type))
    return node.emitError() << "expected float Q, K and V, got " << type;
  if ((rank != 3 && rank != 4) || shapeOf(k).size() != size_t(rank) ||
      shapeOf(v).size() != size_t(rank))
    return node.emitError()
           << "expected Q, K and V all of rank 3 or all of "
              "rank 4, got ranks "
           << rank << ", " << shapeOf(k).size() << " and " << shapeOf(v).size();
  if (bool(pastKey) != bool(pastValue))
    return node.emitError() << "expected both past_key and past_value, or "
                               "neither";
  int64_t mode = node.attrInt("qk_matmul_output_mode", 0);
  if (mode < 0 || mode > 3)
    return node.emitError()
           << "expected qk_matmul_output_mode in [0, 3], got " << mode;
  Type softmaxElementType = type;
  if (node.hasAttr("softmax_precision")) {
    int64_t precision = node.attrInt("softmax_precision", 0);
    softmaxElementType = softmaxType(node.context(), precision);
    if (!softmaxElementType)
      return node.unsupported("softmax_precision " + Twine(precision) +
                              " (supported: 1, 10, 11, 16: float types)");
  }

  OpChain chain(node);
  if (rank == 3) {
    int64_t qHeads = node.attrInt("q_num_heads", 0),
            kvHeads = node.attrInt("kv_num_heads", 0);
    if (qHeads <= 0 || kvHeads <= 0)
      return node.emitError() << "3-D Q, K and V need positive q_num_heads "
                                 "and kv_num_heads attributes, got "
                              << qHeads << " and " << kvHeads;
    for (auto [value, heads, what] :
         {std::tuple{q, qHeads, "Q"}, {k, kvHeads, "K"}, {v, kvHeads, "V"}})
      if (shapeOf(value)[2] % heads)
        return node.emitError()
               << "hidden size " << shapeOf(value)[2] << " of " << what
               << " is not a multiple of its " << heads << " heads";
    q = splitHeads(chain, q, qHeads);
    k = splitHeads(chain, k, kvHeads);
    v = splitHeads(chain, v, kvHeads);
    if (chain.failed())
      return failure();
  }
  int64_t pastLength = pastKey ? shapeOf(pastKey)[2] : 0;
  if (pastKey) {
    k = chain.create<ConcatOp>(ValueRange{pastKey, k}, 2);
    v = chain.create<ConcatOp>(ValueRange{pastValue, v}, 2);
    if (chain.failed())
      return failure();
  }
  ArrayRef<int64_t> qs = shapeOf(q), ks = shapeOf(k), vs = shapeOf(v);
  int64_t batch = qs[0], qHeads = qs[1], seq = qs[2], size = qs[3];
  int64_t kvHeads = ks[1], total = ks[2], vSize = vs[3];
  if (ks[0] != batch || vs[0] != batch || vs[1] != kvHeads || vs[2] != total ||
      ks[3] != size)
    return node.emitError()
           << "expected keys [" << batch << ", kv_heads, kv_seq, " << size
           << "] and values [" << batch << ", kv_heads, kv_seq, v_size], got "
           << formatShape(ks) << " and " << formatShape(vs);
  if (qHeads % kvHeads)
    return node.emitError()
           << "the " << qHeads << " query heads are not a multiple of the "
           << kvHeads << " key/value heads";
  int64_t groups = qHeads / kvHeads;

  // Scores [batch, q_heads, seq, total]; GQA groups ride in the rows.
  double scale = node.hasAttr("scale") ? node.attrFloat("scale", 1.0)
                                       : 1.0 / std::sqrt(double(size));
  Value root = chain.scalar(type, std::sqrt(float(scale)));
  Value qScaled = chain.create<MulOp>(q, root);
  Value kScaled = chain.create<MulOp>(k, root);
  Value scores = chain.create<MatmulOp>(
      chain.reshape(qScaled, {batch, kvHeads, groups * seq, size}), kScaled,
      false, true);
  scores = chain.reshape(scores, {batch, qHeads, seq, total});
  Value raw = scores;
  double softcap = node.attrFloat("softcap", 0.0);
  if (softcap > 0) {
    Value cap = chain.scalar(type, softcap);
    scores = chain.create<MulOp>(
        chain.create<TanhOp>(chain.create<DivOp>(scores, cap)), cap);
  }
  Value capped = scores;

  // The additive bias: mask, causal mask, key padding.
  Value bias;
  auto addBias = [&](Value term) {
    bias = bias ? chain.create<AddOp>(bias, term) : term;
  };
  Value zero = chain.scalar(type, 0.0),
        minusInf = chain.scalar(type, -INFINITY);
  if (mask) {
    ArrayRef<int64_t> ms = shapeOf(mask);
    Type maskType = elementTypeOf(mask);
    if (ms.empty() || ms.back() > total)
      return node.emitError()
             << "expected attn_mask with at most " << total
             << " keys in its last dimension, got " << formatShape(ms);
    if (maskType.isInteger(1))
      mask = chain.create<SelectOp>(mask, zero, minusInf);
    else if (isa<FloatType>(maskType))
      mask = chain.castTo(mask, type);
    else
      return node.emitError()
             << "expected a boolean or float attn_mask, got " << maskType;
    if (!chain.failed() && ms.back() < total) {
      SmallVector<int64_t> padShape(ms);
      padShape.back() = total - ms.back();
      mask = chain.create<ConcatOp>(
          ValueRange{mask, node.splat(padShape, type, -INFINITY)},
          ms.size() - 1);
    }
    addBias(mask);
  }
  if (nonpad) {
    if (shapeOf(nonpad) != ArrayRef<int64_t>{batch} ||
        !elementTypeOf(nonpad).isInteger(64))
      return node.emitError() << "expected nonpad_kv_seqlen of type tensor<"
                              << batch << "xi64>, got " << nonpad.getType();
  }
  if (node.attrInt("is_causal", 0)) {
    // Query i sees keys j <= i + offset: the past length, or per batch
    // nonpad_kv_seqlen - seq with an external cache.
    Value last;
    if (nonpad && !pastKey) {
      Value offset = chain.create<SubOp>(
          nonpad, node.splat({}, elementTypeOf(nonpad), seq));
      Value rows = iota(node, {1, 1, seq, 1});
      last = chain.create<AddOp>(rows, chain.reshape(offset, {batch, 1, 1, 1}));
    } else {
      last = iota(node, {seq, 1}, pastLength);
    }
    Value future = chain.create<CompareOp>(ComparePredicate::lt, last,
                                           iota(node, {total}));
    addBias(chain.create<SelectOp>(future, minusInf, zero));
  }
  if (nonpad) {
    Value keys = iota(node, {1, total});
    Value valid = chain.create<CompareOp>(ComparePredicate::lt, keys,
                                          chain.reshape(nonpad, {batch, 1}));
    addBias(chain.reshape(chain.create<SelectOp>(valid, zero, minusInf),
                          {batch, 1, 1, total}));
  }
  if (bias)
    scores = chain.create<AddOp>(scores, bias);
  Value biased = scores;

  // Softmax over the keys, in the softmax precision; rows that a mask or
  // key padding hides entirely become zeros (a causal mask alone never
  // hides a whole row).
  Value probs = chain.castTo(
      chain.create<SoftmaxOp>(chain.castTo(scores, softmaxElementType), 3),
      type);
  if (mask || nonpad) {
    size_t biasRank = shapeOf(bias).size();
    Value rowMax = chain.create<ReduceMaxOp>(
        bias, ArrayRef<int64_t>{int64_t(biasRank) - 1}, true);
    Value masked =
        chain.create<CompareOp>(ComparePredicate::eq, rowMax, minusInf);
    probs = chain.create<SelectOp>(masked, zero, probs);
  }
  Value y = chain.create<MatmulOp>(
      chain.reshape(probs, {batch, kvHeads, groups * seq, total}), v, false,
      false);
  y = chain.reshape(y, {batch, qHeads, seq, vSize});
  if (rank == 3)
    y = chain.reshape(chain.transpose(y, {0, 2, 1, 3}),
                      {batch, seq, qHeads * vSize});
  Value qk = mode == 0 ? raw : mode == 1 ? capped : mode == 2 ? biased : probs;
  if (chain.failed())
    return failure();
  node.setOutput(0, y);
  node.setOutput(1, k);
  node.setOutput(2, v);
  node.setOutput(3, qk);
  return success();
}

//===----------------------------------------------------------------------===//
// RotaryEmbedding
//===----------------------------------------------------------------------===//

/// RotaryEmbedding (opset 23): rotates the first rotary_embedding_dim
/// features of every head by the angles whose cosines and sines the caches
/// hold (rows picked by position_ids, else given per batch and position):
/// pairs (x1, x2) become (cos·x1 - sin·x2, sin·x1 + cos·x2). A pair is the
/// two halves of the rotated features, or neighbours with interleaved = 1.
/// Input [batch, heads, seq, size] or [batch, seq, heads * size].
static LogicalResult convertRotaryEmbedding(NodeImporter &node) {
  FailureOr<Value> xIn = node.requiredInput(0), cosIn = node.requiredInput(1),
                   sinIn = node.requiredInput(2);
  if (failed(xIn) || failed(cosIn) || failed(sinIn))
    return failure();
  Value x = *xIn, cos = *cosIn, sin = *sinIn;
  SmallVector<int64_t> xs(shapeOf(x));
  if (xs.size() != 3 && xs.size() != 4)
    return node.emitError()
           << "expected an input of rank 3 or 4, got " << formatShape(xs);
  int64_t batch = xs[0], seq = xs[xs.size() == 4 ? 2 : 1];
  int64_t heads = node.attrInt("num_heads", 0), size = xs.back();
  if (xs.size() == 3) {
    if (heads <= 0 || xs[2] % heads)
      return node.emitError() << "a 3-D input needs num_heads dividing its "
                                 "hidden size "
                              << xs[2] << ", got " << heads;
    size = xs[2] / heads;
  }
  int64_t rotary = node.attrInt("rotary_embedding_dim", 0);
  if (rotary == 0)
    rotary = size;
  if (rotary < 0 || rotary > size || rotary % 2)
    return node.emitError() << "expected an even rotary_embedding_dim of at "
                               "most the head size "
                            << size << ", got " << rotary;
  int64_t half = rotary / 2;

  OpChain chain(node);
  if (Value positions = node.input(3)) {
    cos = chain.create<GatherOp>(cos, positions, 0);
    sin = chain.create<GatherOp>(sin, positions, 0);
    if (chain.failed())
      return failure();
  }
  for (Value cache : {cos, sin})
    if (shapeOf(cache).size() != 3 || shapeOf(cache)[0] != batch ||
        shapeOf(cache)[1] != seq || shapeOf(cache)[2] < half)
      return node.emitError()
             << "expected cos/sin values of shape [" << batch << ", " << seq
             << ", >= " << half << "] (after position_ids), got "
             << formatShape(shapeOf(cache));
  // Broadcast the angles over the heads.
  SmallVector<int64_t> angleShape =
      xs.size() == 4 ? SmallVector<int64_t>{batch, 1, seq, half}
                     : SmallVector<int64_t>{batch, seq, 1, half};
  cos = chain.reshape(chain.slice(cos, 2, 0, half), angleShape);
  sin = chain.reshape(chain.slice(sin, 2, 0, half), angleShape);
  if (xs.size() == 3)
    x = chain.reshape(x, {batch, seq, heads, size});
  // x is 4-D from here on; its features are dimension 3.
  bool interleaved = node.attrInt("interleaved", 0) != 0;
  Value x1 =
      interleaved ? chain.slice(x, 3, 0, half, 2) : chain.slice(x, 3, 0, half);
  Value x2 = interleaved ? chain.slice(x, 3, 1, half, 2)
                         : chain.slice(x, 3, half, half);
  // Built in a fixed order (argument evaluation order is unspecified).
  Value cosX1 = chain.create<MulOp>(cos, x1);
  Value sinX2 = chain.create<MulOp>(sin, x2);
  Value real = chain.create<SubOp>(cosX1, sinX2);
  Value sinX1 = chain.create<MulOp>(sin, x1);
  Value cosX2 = chain.create<MulOp>(cos, x2);
  Value imag = chain.create<AddOp>(sinX1, cosX2);
  Value rotated;
  if (interleaved) {
    SmallVector<int64_t> pairs(shapeOf(x));
    pairs.back() = half;
    pairs.push_back(1);
    rotated = chain.create<ConcatOp>(
        ValueRange{chain.reshape(real, pairs), chain.reshape(imag, pairs)}, 4);
    pairs.pop_back();
    pairs.back() = rotary;
    rotated = chain.reshape(rotated, pairs);
  } else {
    rotated = chain.create<ConcatOp>(ValueRange{real, imag}, 3);
  }
  if (rotary < size)
    rotated = chain.create<ConcatOp>(
        ValueRange{rotated, chain.slice(x, 3, rotary, size - rotary)}, 3);
  return setResult(node, chain.reshape(rotated, xs));
}

void mlir::tessera::registerAttentionConverters(ConverterRegistry &registry) {
  registry.add("Attention", convertAttention);
  registry.add("RotaryEmbedding", convertRotaryEmbedding);
}
