//===- ConvertAttention.cpp - ONNX Attention, RoPE, Einsum -> tessera -----===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Transformer building blocks, decomposed into matmuls and elementwise ops:
// Attention (opset 23/24: MHA and GQA, masks, causal and KV-cache variants,
// softcap, softmax precision, the qk_matmul_output modes), RotaryEmbedding,
// Einsum and SwiGLU.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ConvertHelpers.h"
#include "ir/TesseraOps.h"

#include "llvm/ADT/StringExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessera;

/// |value| reshaped to |shape|. Reshapes the source of a reshape directly,
/// since the reshape fold does not notice when that makes it an identity.
static Value reshapeTo(OpChain &chain, Value value, ArrayRef<int64_t> shape) {
  if (chain.failed())
    return {};
  if (auto producer = value.getDefiningOp<ReshapeOp>())
    value = producer.getInput();
  return chain.reshape(value, shape);
}

/// |size| elements of the last axis of |value| from |offset| by |stride|.
static Value sliceLast(OpChain &chain, Value value, int64_t offset,
                       int64_t size, int64_t stride = 1) {
  if (chain.failed())
    return {};
  ArrayRef<int64_t> shape = shapeOf(value);
  SmallVector<int64_t> offsets(shape.size(), 0), sizes(shape),
      strides(shape.size(), 1);
  offsets.back() = offset;
  sizes.back() = size;
  strides.back() = stride;
  return chain.create<SliceOp>(value, offsets, sizes, strides);
}

static Value transpose(OpChain &chain, Value value, ArrayRef<int64_t> perm) {
  return chain.create<TransposeOp>(value, perm);
}

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

namespace {
/// Erases the ops a lowering created (after construction) that nothing
/// uses, except the node's results (e.g. constants of a folded branch).
class DeadOpEraser {
public:
  explicit DeadOpEraser(NodeImporter &node)
      : block(node.builder().getInsertionBlock()),
        mark(block->empty() ? nullptr : &block->back()) {}
  void erase(ArrayRef<Value> results) {
    SmallVector<Operation *> created;
    for (Operation &op : llvm::make_range(mark ? std::next(mark->getIterator())
                                               : block->begin(),
                                          block->end()))
      created.push_back(&op);
    for (Operation *op : llvm::reverse(created))
      if (op->use_empty() && llvm::none_of(op->getResults(), [&](Value v) {
            return llvm::is_contained(results, v);
          }))
        op->erase();
  }

private:
  Block *block;
  Operation *mark;
};
} // namespace

/// Q, K or V of rank 3 ([batch, seq, heads * size]) as [batch, heads, seq,
/// size].
static Value splitHeads(OpChain &chain, Value value, int64_t heads) {
  ArrayRef<int64_t> s = shapeOf(value);
  Value split = reshapeTo(chain, value, {s[0], s[1], heads, s[2] / heads});
  return transpose(chain, split, {0, 2, 1, 3});
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
  DeadOpEraser eraser(node);
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
      reshapeTo(chain, qScaled, {batch, kvHeads, groups * seq, size}), kScaled,
      false, true);
  scores = reshapeTo(chain, scores, {batch, qHeads, seq, total});
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
      last =
          chain.create<AddOp>(rows, reshapeTo(chain, offset, {batch, 1, 1, 1}));
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
                                          reshapeTo(chain, nonpad, {batch, 1}));
    addBias(reshapeTo(chain, chain.create<SelectOp>(valid, zero, minusInf),
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
      reshapeTo(chain, probs, {batch, kvHeads, groups * seq, total}), v, false,
      false);
  y = reshapeTo(chain, y, {batch, qHeads, seq, vSize});
  if (rank == 3)
    y = reshapeTo(chain, transpose(chain, y, {0, 2, 1, 3}),
                  {batch, seq, qHeads * vSize});
  Value qk = mode == 0 ? raw : mode == 1 ? capped : mode == 2 ? biased : probs;
  if (chain.failed())
    return failure();
  eraser.erase({y, k, v, node.hasOutput(3) ? qk : Value()});
  node.setOutput(0, y);
  node.setOutput(1, k);
  node.setOutput(2, v);
  node.setOutput(3, qk);
  return success();
}

//===----------------------------------------------------------------------===//
// RotaryEmbedding, SwiGLU
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
  cos = reshapeTo(chain, sliceLast(chain, cos, 0, half), angleShape);
  sin = reshapeTo(chain, sliceLast(chain, sin, 0, half), angleShape);
  if (xs.size() == 3)
    x = reshapeTo(chain, x, {batch, seq, heads, size});
  bool interleaved = node.attrInt("interleaved", 0) != 0;
  Value x1 = interleaved ? sliceLast(chain, x, 0, half, 2)
                         : sliceLast(chain, x, 0, half);
  Value x2 = interleaved ? sliceLast(chain, x, 1, half, 2)
                         : sliceLast(chain, x, half, half);
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
    rotated = chain.create<ConcatOp>(ValueRange{reshapeTo(chain, real, pairs),
                                                reshapeTo(chain, imag, pairs)},
                                     4);
    pairs.pop_back();
    pairs.back() = rotary;
    rotated = reshapeTo(chain, rotated, pairs);
  } else {
    rotated = chain.create<ConcatOp>(ValueRange{real, imag}, 3);
  }
  if (rotary < size)
    rotated = chain.create<ConcatOp>(
        ValueRange{rotated, sliceLast(chain, x, rotary, size - rotary)}, 3);
  return setResult(node, reshapeTo(chain, rotated, xs));
}

/// SwiGLU: a · sigmoid(alpha · a) · b.
static LogicalResult convertSwiGlu(NodeImporter &node) {
  FailureOr<Value> a = node.requiredInput(0), b = node.requiredInput(1);
  if (failed(a) || failed(b))
    return failure();
  OpChain chain(node);
  double alpha = node.attrFloat("alpha", 1.0);
  Value gate =
      alpha == 1.0
          ? *a
          : chain.create<MulOp>(*a, chain.scalar(elementTypeOf(*a), alpha));
  Value swish = chain.create<MulOp>(*a, chain.create<SigmoidOp>(gate));
  return setResult(node, chain.create<MulOp>(swish, *b));
}

//===----------------------------------------------------------------------===//
// Einsum
//===----------------------------------------------------------------------===//

namespace {
/// An Einsum operand (or partial result) and the label of each dimension;
/// letters label themselves, ellipsis dimensions get labels from 256 up.
struct EinsumTerm {
  Value value;
  SmallVector<int> labels;
};
} // namespace

/// Parses the labels of one side of an Einsum equation for a tensor of rank
/// |rank|; ellipsis dimensions are labelled 256 + i, aligned right to the
/// |ellipsisRank| dimensions the operands share.
static LogicalResult parseEinsumTerm(NodeImporter &node, StringRef term,
                                     int64_t rank, int64_t ellipsisRank,
                                     SmallVectorImpl<int> &labels) {
  size_t dots = term.find("...");
  int64_t letters = term.size() - (dots == StringRef::npos ? 0 : 3);
  int64_t ellipsis = dots == StringRef::npos ? 0 : rank - letters;
  if (ellipsis < 0 || (dots == StringRef::npos && letters != rank) ||
      ellipsis > ellipsisRank || term.count("...") > 1)
    return node.emitError() << "einsum term '" << term
                            << "' does not match an operand of rank " << rank;
  for (size_t i = 0; i < term.size(); ++i) {
    if (i == dots) {
      for (int64_t e = ellipsisRank - ellipsis; e < ellipsisRank; ++e)
        labels.push_back(256 + e);
      i += 2;
    } else if (llvm::isAlpha(term[i])) {
      labels.push_back(term[i]);
    } else {
      return node.emitError() << "unexpected character '" << term[i]
                              << "' in einsum term '" << term << "'";
    }
  }
  return success();
}

/// Takes the diagonal of the first repeated label of |term| (moved last,
/// flattened and sliced with stride n + 1); false when none repeats.
static bool takeDiagonal(OpChain &chain, EinsumTerm &term) {
  SmallVector<int> &labels = term.labels;
  for (size_t i = 0; i < labels.size(); ++i)
    for (size_t j = i + 1; j < labels.size(); ++j) {
      if (labels[i] != labels[j])
        continue;
      SmallVector<int64_t> perm;
      SmallVector<int> rest;
      for (size_t d = 0; d < labels.size(); ++d)
        if (d != i && d != j) {
          perm.push_back(d);
          rest.push_back(labels[d]);
        }
      perm.append({int64_t(i), int64_t(j)});
      Value moved = transpose(chain, term.value, perm);
      if (chain.failed())
        return false;
      SmallVector<int64_t> shape(shapeOf(moved));
      int64_t n = shape.back();
      shape.pop_back();
      shape.back() = n * n;
      term.value =
          sliceLast(chain, reshapeTo(chain, moved, shape), 0, n, n + 1);
      rest.push_back(labels[i]);
      labels = rest;
      return true;
    }
  return false;
}

/// Sums out the dimensions of |term| whose labels |keep| rejects.
static void sumOut(OpChain &chain, EinsumTerm &term,
                   llvm::function_ref<bool(int)> keep) {
  SmallVector<int64_t> axes;
  SmallVector<int> kept;
  for (auto [d, label] : llvm::enumerate(term.labels))
    if (keep(label))
      kept.push_back(label);
    else
      axes.push_back(d);
  if (axes.empty())
    return;
  term.value = chain.create<ReduceSumOp>(term.value, axes, false);
  term.labels = kept;
}

/// Contracts |a| and |b| into one term over the labels |keep| accepts: a
/// batched matmul [batch, a-only, summed] x [batch, summed, b-only].
static EinsumTerm contract(OpChain &chain, EinsumTerm a, EinsumTerm b,
                           llvm::function_ref<bool(int)> keep) {
  SmallVector<int> batch, aOnly, bOnly, summed;
  for (int label : a.labels) {
    bool inB = llvm::is_contained(b.labels, label);
    (inB ? (keep(label) ? batch : summed) : aOnly).push_back(label);
  }
  for (int label : b.labels)
    if (!llvm::is_contained(a.labels, label))
      bOnly.push_back(label);
  auto dim = [](const EinsumTerm &t, int label) {
    return shapeOf(t.value)[llvm::find(t.labels, label) - t.labels.begin()];
  };
  // Arranges |t| as [groups...] and reshapes it to their flat sizes.
  auto arrange = [&](EinsumTerm &t, ArrayRef<ArrayRef<int>> groups) {
    SmallVector<int64_t> perm, flat;
    for (ArrayRef<int> group : groups) {
      int64_t count = 1;
      for (int label : group) {
        perm.push_back(llvm::find(t.labels, label) - t.labels.begin());
        count *= dim(t, label);
      }
      flat.push_back(count);
    }
    return reshapeTo(chain, transpose(chain, t.value, perm), flat);
  };
  // Batch dimensions broadcast (ellipsis); summed ones must agree.
  SmallVector<int64_t> batchShape;
  for (int label : batch)
    batchShape.push_back(std::max(dim(a, label), dim(b, label)));
  for (EinsumTerm *t : {&a, &b}) {
    SmallVector<int64_t> target(shapeOf(t->value));
    for (auto [label, size] : llvm::zip(batch, batchShape))
      target[llvm::find(t->labels, label) - t->labels.begin()] = size;
    if (ArrayRef<int64_t>(target) != shapeOf(t->value))
      t->value = chain.createWithType<BroadcastToOp>(
          RankedTensorType::get(target, elementTypeOf(t->value)), t->value);
  }
  Value lhs = arrange(a, {batch, aOnly, summed});
  Value rhs = arrange(b, {batch, summed, bOnly});
  Value product = chain.create<MatmulOp>(lhs, rhs, false, false);
  EinsumTerm result;
  result.labels = batch;
  result.labels.append(aOnly);
  result.labels.append(bOnly);
  SmallVector<int64_t> resultShape = batchShape;
  for (int label : aOnly)
    resultShape.push_back(dim(a, label));
  for (int label : bOnly)
    resultShape.push_back(dim(b, label));
  result.value = reshapeTo(chain, product, resultShape);
  return result;
}

/// Einsum: repeated labels take diagonals, labels used nowhere else are
/// summed out, and operands are contracted left to right by batched matmuls;
/// the result is transposed to the output labels.
static LogicalResult convertEinsum(NodeImporter &node) {
  std::string equation;
  for (char c : node.attrString("equation", ""))
    if (!llvm::isSpace(c))
      equation += c;
  auto [lhs, rhs] = StringRef(equation).split("->");
  bool explicitOutput = StringRef(equation).contains("->");
  SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  if (terms.size() != node.numInputs())
    return node.emitError()
           << "einsum equation '" << equation << "' has " << terms.size()
           << " operand terms for " << node.numInputs() << " inputs";
  // The ellipsis covers the most dimensions any operand gives it.
  int64_t ellipsisRank = 0;
  for (auto [i, term] : llvm::enumerate(terms)) {
    FailureOr<Value> value = node.requiredInput(i);
    if (failed(value))
      return failure();
    int64_t letters = llvm::count_if(term, llvm::isAlpha);
    if (term.contains("..."))
      ellipsisRank =
          std::max<int64_t>(ellipsisRank, shapeOf(*value).size() - letters);
  }
  SmallVector<EinsumTerm> operands;
  for (auto [i, term] : llvm::enumerate(terms)) {
    operands.push_back({node.input(i), {}});
    if (failed(parseEinsumTerm(node, term, shapeOf(node.input(i)).size(),
                               ellipsisRank, operands.back().labels)))
      return failure();
  }
  // A letter has one size; ellipsis dimensions may broadcast from 1.
  llvm::DenseMap<int, int64_t> sizes;
  for (const EinsumTerm &t : operands)
    for (auto [label, size] : llvm::zip(t.labels, shapeOf(t.value))) {
      auto [it, inserted] = sizes.try_emplace(label, size);
      if (inserted || it->second == size)
        continue;
      if (label >= 256 && (it->second == 1 || size == 1)) {
        it->second = std::max(it->second, size);
        continue;
      }
      auto name = label < 256
                      ? "label '" + std::string(1, char(label)) + "'"
                      : "ellipsis dimension " + std::to_string(label - 256);
      return node.emitError() << "einsum " << name << " has sizes "
                              << it->second << " and " << size;
    }
  SmallVector<int> output;
  if (explicitOutput) {
    if (failed(parseEinsumTerm(node, rhs,
                               llvm::count_if(rhs, llvm::isAlpha) +
                                   (rhs.contains("...") ? ellipsisRank : 0),
                               ellipsisRank, output)))
      return failure();
  } else {
    // Implicit output: the ellipsis, then the letters used once, sorted.
    for (int64_t e = 0; e < ellipsisRank; ++e)
      output.push_back(256 + e);
    for (int letter = 'A'; letter <= 'z'; ++letter) {
      int uses = 0;
      for (const EinsumTerm &t : operands)
        uses += llvm::count(t.labels, letter);
      if (uses == 1)
        output.push_back(letter);
    }
  }
  for (int label : output)
    if (llvm::count(output, label) > 1 ||
        llvm::none_of(operands, [&](const EinsumTerm &t) {
          return llvm::is_contained(t.labels, label);
        }))
      return node.emitError() << "einsum output '" << rhs
                              << "' repeats a label or uses one no operand has";

  OpChain chain(node);
  for (EinsumTerm &t : operands)
    while (!chain.failed() && takeDiagonal(chain, t))
      ;
  // A label is live while the output or a later operand needs it.
  auto liveAfter = [&](size_t index) {
    return [&, index](int label) {
      if (llvm::is_contained(output, label))
        return true;
      for (size_t j = index + 1; j < operands.size(); ++j)
        if (llvm::is_contained(operands[j].labels, label))
          return true;
      return false;
    };
  };
  EinsumTerm result = operands.front();
  sumOut(chain, result, liveAfter(0));
  for (size_t i = 1; i < operands.size() && !chain.failed(); ++i) {
    EinsumTerm next = operands[i];
    sumOut(chain, next, [&](int label) {
      return liveAfter(i)(label) || llvm::is_contained(result.labels, label);
    });
    result = contract(chain, result, next, liveAfter(i));
  }
  sumOut(chain, result, [&](int label) { return is_contained(output, label); });
  if (chain.failed())
    return failure();
  SmallVector<int64_t> perm;
  for (int label : output)
    perm.push_back(llvm::find(result.labels, label) - result.labels.begin());
  return setResult(node, transpose(chain, result.value, perm));
}

void mlir::tessera::registerAttentionConverters(ConverterRegistry &registry) {
  registry.add("Attention", convertAttention);
  registry.add("RotaryEmbedding", convertRotaryEmbedding);
  registry.add("SwiGLU", convertSwiGlu);
  registry.add("Einsum", convertEinsum);
}
