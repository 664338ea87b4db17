//===- ConvertNN.cpp - ONNX matmul, convolution, pooling -> tessera -------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// MatMul becomes tessera.matmul, and Gemm a matmul with transpose flags
// followed by a mul by alpha and an add of beta * C (each only when it
// changes the result). Conv, ConvTranspose and the pools get explicit pads:
// auto_pad is resolved against the static input shape, and ConvTranspose's
// output_shape turns into pads as the ONNX reference computes them (a
// negative pad becomes extra output padding, or a zero pad around the
// result).
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ConvertHelpers.h"

#include <type_traits>

using namespace mlir;
using namespace mlir::tessera;

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

static LogicalResult convertMatMul(NodeImporter &node) {
  FailureOr<Value> lhs = node.requiredInput(0), rhs = node.requiredInput(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  return setResult(node, node.create<MatmulOp>(*lhs, *rhs, false, false));
}

/// Y = alpha * A' * B' + beta * C with A' = transA ? A^T : A (likewise B').
/// C is optional from opset 11 and broadcasts to [M, N] (before opset 7 only
/// with broadcast=1); the reference skips it when beta is 0.
static LogicalResult convertGemm(NodeImporter &node) {
  FailureOr<Value> a = node.requiredInput(0), b = node.requiredInput(1);
  if (failed(a) || failed(b))
    return failure();
  ArrayRef<int64_t> aShape = shapeOf(*a), bShape = shapeOf(*b);
  if (aShape.size() != 2 || bShape.size() != 2)
    return node.emitError()
           << "expected 2-D inputs A and B, got shapes " << formatShape(aShape)
           << " and " << formatShape(bShape);
  bool transA = node.attrInt("transA", 0) != 0;
  bool transB = node.attrInt("transB", 0) != 0;
  OpChain chain(node);
  Value y = chain.create<MatmulOp>(*a, *b, transA, transB);
  if (chain.failed())
    return failure();
  Type type = elementTypeOf(y);
  double alpha = node.attrFloat("alpha", 1.0);
  double beta = node.attrFloat("beta", 1.0);
  if (alpha != 1.0)
    y = chain.create<MulOp>(y, chain.scalar(type, alpha));
  Value c = node.input(2);
  if (c && beta != 0.0) {
    SmallVector<int64_t> resultShape = {transA ? aShape[1] : aShape[0],
                                        transB ? bShape[0] : bShape[1]};
    bool broadcast = node.opset() >= 7 || node.attrInt("broadcast", 0) != 0;
    if (broadcast ? !isBroadcastableTo(shapeOf(c), resultShape)
                  : shapeOf(c) != ArrayRef<int64_t>(resultShape))
      return node.emitError()
             << "input C of shape " << formatShape(shapeOf(c))
             << (broadcast ? " does not broadcast to" : " differs from")
             << " the result shape " << formatShape(resultShape);
    if (beta != 1.0)
      c = chain.create<MulOp>(c, chain.scalar(type, beta));
    y = chain.create<AddOp>(y, c);
  }
  return setResult(node, y);
}

//===----------------------------------------------------------------------===//
// Windows: strides, dilations and pads of convolutions and pools
//===----------------------------------------------------------------------===//

namespace {
/// The values of the ONNX auto_pad attribute.
enum class AutoPad { NotSet, SameUpper, SameLower, Valid };

/// The window attributes of a convolution or pool, one entry per spatial
/// dimension (pads: all begin pads, then all end pads).
struct Window {
  AutoPad autoPad;
  SmallVector<int64_t> strides, dilations, pads;
};
} // namespace

static FailureOr<AutoPad> readAutoPad(NodeImporter &node) {
  std::string value = node.attrString("auto_pad", "NOTSET");
  if (value == "NOTSET" || value.empty())
    return AutoPad::NotSet;
  if (value == "SAME_UPPER")
    return AutoPad::SameUpper;
  if (value == "SAME_LOWER")
    return AutoPad::SameLower;
  if (value == "VALID")
    return AutoPad::Valid;
  node.emitError() << "unknown auto_pad '" << value
                   << "', expected NOTSET, SAME_UPPER, SAME_LOWER or VALID";
  return failure();
}

/// The integers of attribute |name|, which must have |count| of them;
/// |count| times |defaultValue| when it is absent.
static FailureOr<SmallVector<int64_t>> readInts(NodeImporter &node,
                                                StringRef name, size_t count,
                                                int64_t defaultValue) {
  SmallVector<int64_t> values =
      node.attrInts(name, SmallVector<int64_t>(count, defaultValue));
  if (values.size() != count) {
    node.emitError() << "expected " << count << " values in attribute '" << name
                     << "', got " << formatShape(values);
    return failure();
  }
  return values;
}

/// Checks that |shape| (of input X) is [N, C, spatial...].
static LogicalResult checkSpatialInput(NodeImporter &node,
                                       ArrayRef<int64_t> shape) {
  if (shape.size() < 3)
    return node.emitError()
           << "expected input X of rank >= 3 [N, C, spatial...], got shape "
           << formatShape(shape);
  return success();
}

/// Splits a total padding in two: |upper| puts the odd element at the end
/// (SAME_UPPER), otherwise at the beginning. Rounds toward -inf, like the
/// ONNX formulas, so that negative totals split consistently.
static void splitPadding(int64_t total, bool upper, int64_t &begin,
                         int64_t &end) {
  int64_t half = total >= 0 ? total / 2 : -((-total + 1) / 2);
  begin = upper ? half : total - half;
  end = total - begin;
}

/// Reads strides, dilations and pads of a window of |kernel| sizes over the
/// |spatial| dimensions of the input. SAME_* pads so that the output has
/// ceil(input / stride) elements; VALID does not pad.
static FailureOr<Window> readWindow(NodeImporter &node,
                                    ArrayRef<int64_t> spatial,
                                    ArrayRef<int64_t> kernel) {
  size_t n = spatial.size();
  FailureOr<AutoPad> autoPad = readAutoPad(node);
  if (failed(autoPad))
    return failure();
  FailureOr<SmallVector<int64_t>> strides = readInts(node, "strides", n, 1);
  if (failed(strides))
    return failure();
  FailureOr<SmallVector<int64_t>> dilations = readInts(node, "dilations", n, 1);
  if (failed(dilations))
    return failure();
  FailureOr<SmallVector<int64_t>> pads =
      *autoPad == AutoPad::NotSet
          ? readInts(node, "pads", 2 * n, 0)
          : FailureOr<SmallVector<int64_t>>(SmallVector<int64_t>(2 * n, 0));
  if (failed(pads))
    return failure();
  Window window{*autoPad, std::move(*strides), std::move(*dilations),
                std::move(*pads)};
  if (*autoPad != AutoPad::SameUpper && *autoPad != AutoPad::SameLower)
    return window;
  if (llvm::any_of(window.strides, [](int64_t s) { return s < 1; })) {
    node.emitError() << "expected strides >= 1, got "
                     << formatShape(window.strides);
    return failure();
  }
  for (size_t i = 0; i < n; ++i) {
    int64_t stride = window.strides[i];
    int64_t out = (spatial[i] + stride - 1) / stride;
    int64_t span = window.dilations[i] * (kernel[i] - 1) + 1;
    int64_t total =
        std::max<int64_t>(0, (out - 1) * stride + span - spatial[i]);
    splitPadding(total, *autoPad == AutoPad::SameUpper, window.pads[i],
                 window.pads[i + n]);
  }
  return window;
}

/// Checks the ranks of X and W of a (transposed) convolution and that the
/// optional kernel_shape attribute matches W's spatial dimensions.
static LogicalResult checkConvOperands(NodeImporter &node, Value x, Value w) {
  ArrayRef<int64_t> xShape = shapeOf(x), wShape = shapeOf(w);
  if (failed(checkSpatialInput(node, xShape)))
    return failure();
  if (wShape.size() != xShape.size())
    return node.emitError()
           << "expected weight W of rank " << xShape.size()
           << " like the input, got shape " << formatShape(wShape);
  if (node.hasAttr("kernel_shape") &&
      ArrayRef<int64_t>(node.attrInts("kernel_shape")) != wShape.drop_front(2))
    return node.emitError() << "attribute kernel_shape "
                            << formatShape(node.attrInts("kernel_shape"))
                            << " does not match the kernel of weight W, "
                            << formatShape(wShape.drop_front(2));
  return success();
}

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

static LogicalResult convertConv(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0), w = node.requiredInput(1);
  if (failed(x) || failed(w) || failed(checkConvOperands(node, *x, *w)))
    return failure();
  FailureOr<Window> window =
      readWindow(node, shapeOf(*x).drop_front(2), shapeOf(*w).drop_front(2));
  if (failed(window))
    return failure();
  return setResult(node,
                   node.create<ConvOp>(*x, *w, node.input(2), window->strides,
                                       window->pads, window->dilations,
                                       node.attrInt("group", 1)));
}

/// ConvTranspose. Each output dimension spans
/// `full = stride * (in - 1) + output_padding + dilation * (k - 1) + 1`
/// positions before pads. SAME_* (output `in * stride`, or output_shape)
/// split `full - output` per the ONNX formula; otherwise output_shape keeps
/// the begin pads (0 unless given) and takes the rest from the end, as the
/// ONNX reference does. Negative pads (an output larger than `full`) become
/// output_padding where the op allows, else zeros padded around the result
/// (with the bias added after), which is what those positions hold.
static LogicalResult convertConvTranspose(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0), w = node.requiredInput(1);
  if (failed(x) || failed(w) || failed(checkConvOperands(node, *x, *w)))
    return failure();
  ArrayRef<int64_t> xShape = shapeOf(*x), kernel = shapeOf(*w).drop_front(2);
  ArrayRef<int64_t> spatial = xShape.drop_front(2);
  size_t n = spatial.size(), rank = xShape.size();
  FailureOr<Window> window = readWindow(node, spatial, kernel);
  if (failed(window))
    return failure();
  FailureOr<SmallVector<int64_t>> outputPadding =
      readInts(node, "output_padding", n, 0);
  if (failed(outputPadding))
    return failure();
  SmallVector<int64_t> &pads = window->pads;
  bool same = window->autoPad == AutoPad::SameUpper ||
              window->autoPad == AutoPad::SameLower;
  SmallVector<int64_t> outputShape = node.attrInts("output_shape");
  // Older exporters spell the whole shape [N, C, spatial...].
  if (outputShape.size() == rank)
    outputShape.erase(outputShape.begin(), outputShape.begin() + 2);
  if (!outputShape.empty() && outputShape.size() != n)
    return node.emitError()
           << "expected " << n << " values in attribute 'output_shape', got "
           << formatShape(node.attrInts("output_shape"));
  if (same || !outputShape.empty()) {
    for (size_t i = 0; i < n; ++i) {
      int64_t full = window->strides[i] * (spatial[i] - 1) +
                     (*outputPadding)[i] +
                     window->dilations[i] * (kernel[i] - 1) + 1;
      int64_t out = outputShape.empty() ? spatial[i] * window->strides[i]
                                        : outputShape[i];
      if (same)
        splitPadding(full - out, window->autoPad == AutoPad::SameUpper, pads[i],
                     pads[i + n]);
      else
        pads[i + n] = full - out - pads[i];
    }
  }
  // Negative pads: the output extends beyond the scattered positions, which
  // hold zeros (plus the bias) there.
  SmallVector<int64_t> zeroPads(2 * rank, 0);
  for (size_t i = 0; i < n; ++i) {
    if (pads[i] < 0) {
      zeroPads[i + 2] = -pads[i];
      pads[i] = 0;
    }
    if (pads[i + n] < 0) {
      int64_t padding = (*outputPadding)[i] - pads[i + n];
      if (padding < window->strides[i] || padding < window->dilations[i])
        (*outputPadding)[i] = padding;
      else
        zeroPads[rank + i + 2] = -pads[i + n];
      pads[i + n] = 0;
    }
  }
  bool padResult = llvm::any_of(zeroPads, [](int64_t p) { return p != 0; });
  Value bias = node.input(2);
  OpChain chain(node);
  Value y = chain.create<ConvTransposeOp>(
      *x, *w, padResult ? Value() : bias, window->strides, pads,
      window->dilations, *outputPadding, node.attrInt("group", 1));
  if (padResult) {
    y = chain.create<PadOp>(y, zeroPads, PadMode::constant, llvm::APFloat(0.0));
    if (bias) {
      SmallVector<int64_t> biasShape(rank - 1, 1);
      biasShape[0] = getNumElements(shapeOf(bias));
      y = chain.create<AddOp>(y, chain.reshape(bias, biasShape));
    }
  }
  return setResult(node, y);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// MaxPool (OpT = MaxPoolOp) or AveragePool (AvgPoolOp). ceil_mode (opset
/// 10) applies to explicit pads only; dilations arrived in opset 10 (MaxPool)
/// and 19 (AveragePool) and default to 1.
template <typename OpT> static LogicalResult convertPool(NodeImporter &node) {
  constexpr bool isMax = std::is_same_v<OpT, MaxPoolOp>;
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x) || failed(checkSpatialInput(node, shapeOf(*x))))
    return failure();
  ArrayRef<int64_t> spatial = shapeOf(*x).drop_front(2);
  if (!node.hasAttr("kernel_shape"))
    return node.emitError() << "missing attribute 'kernel_shape'";
  FailureOr<SmallVector<int64_t>> kernel =
      readInts(node, "kernel_shape", spatial.size(), 1);
  if (failed(kernel))
    return failure();
  FailureOr<Window> window = readWindow(node, spatial, *kernel);
  if (failed(window))
    return failure();
  bool ceilMode =
      window->autoPad == AutoPad::NotSet && node.attrInt("ceil_mode", 0) != 0;
  FailureOr<Value> y;
  if constexpr (isMax)
    y = node.create<MaxPoolOp>(*x, *kernel, window->strides, window->pads,
                               window->dilations, ceilMode);
  else
    y = node.create<AvgPoolOp>(*x, *kernel, window->strides, window->pads,
                               window->dilations, ceilMode,
                               node.attrInt("count_include_pad", 0) != 0);
  if (failed(y))
    return failure();
  node.setOutput(0, *y);
  if constexpr (isMax) {
    if (node.hasOutput(1)) {
      // storage_order 1 numbers the elements of each plane column-major.
      int64_t storageOrder = node.attrInt("storage_order", 0);
      if (storageOrder != 0 && storageOrder != 1)
        return node.unsupported("storage_order " +
                                std::to_string(storageOrder));
      FailureOr<Value> indices = node.create<MaxPoolIndicesOp>(
          *x, *kernel, window->strides, window->pads, window->dilations,
          ceilMode, storageOrder == 1);
      if (failed(indices))
        return failure();
      node.setOutput(1, *indices);
    }
  }
  return success();
}

/// GlobalAveragePool (OpT = GlobalAvgPoolOp) or GlobalMaxPool.
template <typename OpT>
static LogicalResult convertGlobalPool(NodeImporter &node) {
  FailureOr<Value> x = node.requiredInput(0);
  if (failed(x))
    return failure();
  return setResult(node, node.create<OpT>(*x));
}

void mlir::tessera::registerNNConverters(ConverterRegistry &registry) {
  registry.add("MatMul", convertMatMul);
  registry.add("Gemm", convertGemm);
  registry.add("Conv", convertConv);
  registry.add("ConvTranspose", convertConvTranspose);
  registry.add("MaxPool", convertPool<MaxPoolOp>);
  registry.add("AveragePool", convertPool<AvgPoolOp>);
  registry.add("GlobalAveragePool", convertGlobalPool<GlobalAvgPoolOp>);
  registry.add("GlobalMaxPool", convertGlobalPool<GlobalMaxPoolOp>);
}
