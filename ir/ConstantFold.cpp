//===- ConstantFold.cpp - Evaluation of ops on constant operands ----------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ir/ConstantFold.h"
#include "ir/ShapeInference.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APSInt.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tessera;

namespace {
/// The elements of a dense constant, as doubles or APInts; one value for a
/// splat.
struct Values {
  SmallVector<double> floats;
  SmallVector<APInt> ints;
  bool isSplat = false;
};
} // namespace

static std::optional<Values> readValues(Attribute attr) {
  auto dense = dyn_cast_if_present<DenseElementsAttr>(attr);
  if (!dense)
    return std::nullopt;
  Values values;
  values.isSplat = dense.isSplat();
  Type elementType = dense.getElementType();
  if (isa<FloatType>(elementType)) {
    if (values.isSplat) {
      values.floats.push_back(dense.getSplatValue<APFloat>().convertToDouble());
      return values;
    }
    for (const APFloat &v : dense.getValues<APFloat>())
      values.floats.push_back(v.convertToDouble());
    return values;
  }
  if (!elementType.isSignlessInteger())
    return std::nullopt;
  if (values.isSplat) {
    values.ints.push_back(dense.getSplatValue<APInt>());
    return values;
  }
  for (const APInt &v : dense.getValues<APInt>())
    values.ints.push_back(v);
  return values;
}

/// Rounds |value| to the float type of the result; f16 and bf16 go through
/// f32, as if the op had been computed in f32.
static APFloat roundTo(double value, FloatType type) {
  APFloat result(value);
  bool losesInfo = false;
  if (!type.isF64() && !type.isF32())
    result.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                   &losesInfo);
  result.convert(type.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                 &losesInfo);
  return result;
}

/// For each element of |resultShape|, the linear index of the element of a
/// broadcast operand of shape |operandShape| that it reads.
static SmallVector<int64_t> broadcastIndices(ArrayRef<int64_t> operandShape,
                                             ArrayRef<int64_t> resultShape) {
  int64_t count = getNumElements(resultShape);
  SmallVector<int64_t> map(count);
  size_t offset = resultShape.size() - operandShape.size();
  for (int64_t linear = 0; linear < count; ++linear) {
    int64_t rest = linear, index = 0, stride = 1;
    for (int64_t d = resultShape.size() - 1; d >= 0; --d) {
      int64_t coord = rest % resultShape[d];
      rest /= resultShape[d];
      if (d >= static_cast<int64_t>(offset)) {
        int64_t dim = operandShape[d - offset];
        index += (dim == 1 ? 0 : coord) * stride;
        stride *= dim;
      }
    }
    map[linear] = index;
  }
  return map;
}

/// Number of result elements to compute: 1 for splats, else the result size,
/// or std::nullopt when the result would be too large to fold.
static std::optional<int64_t> foldedCount(ShapedType resultType,
                                          bool allSplat) {
  if (allSplat)
    return 1;
  int64_t count = resultType.getNumElements();
  if (count > kMaxFoldedElements)
    return std::nullopt;
  return count;
}

/// Builds the folded attribute from per-element results.
template <typename T>
static Attribute buildResult(ShapedType resultType, ArrayRef<T> results,
                             bool splat) {
  if (splat)
    return DenseElementsAttr::get(resultType, results.front());
  return DenseElementsAttr::get(resultType, results);
}

Attribute mlir::tessera::foldUnaryConstant(Attribute operand,
                                           ShapedType resultType,
                                           FloatUnaryFn floatFn,
                                           IntUnaryFn intFn) {
  std::optional<Values> in = readValues(operand);
  if (!in)
    return {};
  std::optional<int64_t> count = foldedCount(resultType, in->isSplat);
  if (!count)
    return {};
  if (auto floatType = dyn_cast<FloatType>(resultType.getElementType())) {
    if (!floatFn || in->floats.empty())
      return {};
    SmallVector<APFloat> results;
    for (int64_t i = 0; i < *count; ++i) {
      std::optional<double> r = floatFn(in->floats[i]);
      if (!r)
        return {};
      results.push_back(roundTo(*r, floatType));
    }
    return buildResult<APFloat>(resultType, results, in->isSplat);
  }
  if (!intFn || in->ints.empty())
    return {};
  SmallVector<APInt> results;
  for (int64_t i = 0; i < *count; ++i) {
    std::optional<APInt> r = intFn(in->ints[i]);
    if (!r)
      return {};
    results.push_back(*r);
  }
  return buildResult<APInt>(resultType, results, in->isSplat);
}

Attribute mlir::tessera::foldBinaryConstant(Attribute lhs, Attribute rhs,
                                            ShapedType resultType,
                                            FloatBinaryFn floatFn,
                                            IntBinaryFn intFn) {
  std::optional<Values> a = readValues(lhs), b = readValues(rhs);
  if (!a || !b)
    return {};
  bool splat = a->isSplat && b->isSplat;
  std::optional<int64_t> count = foldedCount(resultType, splat);
  if (!count)
    return {};
  ArrayRef<int64_t> shape = resultType.getShape();
  auto indicesOf = [&](Attribute attr, const Values &values) {
    if (values.isSplat || splat)
      return SmallVector<int64_t>(*count, 0);
    return broadcastIndices(cast<ShapedType>(cast<TypedAttr>(attr).getType())
                                .getShape(),
                            shape);
  };
  SmallVector<int64_t> ia = indicesOf(lhs, *a), ib = indicesOf(rhs, *b);
  if (auto floatType = dyn_cast<FloatType>(resultType.getElementType())) {
    if (!floatFn || a->floats.empty() || b->floats.empty())
      return {};
    SmallVector<APFloat> results;
    for (int64_t i = 0; i < *count; ++i) {
      std::optional<double> r = floatFn(a->floats[ia[i]], b->floats[ib[i]]);
      if (!r)
        return {};
      results.push_back(roundTo(*r, floatType));
    }
    return buildResult<APFloat>(resultType, results, splat);
  }
  if (!intFn || a->ints.empty() || b->ints.empty())
    return {};
  SmallVector<APInt> results;
  for (int64_t i = 0; i < *count; ++i) {
    std::optional<APInt> r = intFn(a->ints[ia[i]], b->ints[ib[i]]);
    if (!r)
      return {};
    results.push_back(*r);
  }
  return buildResult<APInt>(resultType, results, splat);
}

Attribute mlir::tessera::foldCastConstant(Attribute operand,
                                          ShapedType resultType) {
  std::optional<Values> in = readValues(operand);
  if (!in)
    return {};
  std::optional<int64_t> count = foldedCount(resultType, in->isSplat);
  if (!count)
    return {};
  Type to = resultType.getElementType();
  if (auto floatType = dyn_cast<FloatType>(to)) {
    SmallVector<APFloat> results;
    for (int64_t i = 0; i < *count; ++i) {
      APFloat r(floatType.getFloatSemantics());
      if (in->floats.empty()) {
        // One rounding, straight from the integer (i1 is unsigned).
        const APInt &v = in->ints[i];
        r.convertFromAPInt(v, /*IsSigned=*/v.getBitWidth() != 1,
                           APFloat::rmNearestTiesToEven);
      } else {
        // Widening to double was exact, so this is the only rounding.
        r = APFloat(in->floats[i]);
        bool losesInfo = false;
        r.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
      }
      results.push_back(r);
    }
    return buildResult<APFloat>(resultType, results, in->isSplat);
  }
  unsigned width = to.getIntOrFloatBitWidth();
  SmallVector<APInt> results;
  for (int64_t i = 0; i < *count; ++i) {
    if (width == 1) {
      bool nonZero = in->floats.empty() ? !in->ints[i].isZero()
                                        : in->floats[i] != 0.0;
      results.push_back(APInt(1, nonZero));
      continue;
    }
    if (in->floats.empty()) {
      const APInt &v = in->ints[i];
      results.push_back(v.getBitWidth() == 1 ? v.zext(width)
                                             : v.sextOrTrunc(width));
      continue;
    }
    double v = in->floats[i];
    if (std::isnan(v))
      return {};
    APFloat f(v);
    APSInt r(width, /*isUnsigned=*/false);
    bool exact = false;
    f.convertToInteger(r, APFloat::rmTowardZero, &exact);
    results.push_back(r);
  }
  return buildResult<APInt>(resultType, results, in->isSplat);
}

bool mlir::tessera::isSplatOf(Attribute attr, double value) {
  auto dense = dyn_cast_if_present<DenseElementsAttr>(attr);
  if (!dense || !dense.isSplat())
    return false;
  if (isa<FloatType>(dense.getElementType())) {
    // Bitwise on the sign too: -0.0 and +0.0 are different identities.
    double splat = dense.getSplatValue<APFloat>().convertToDouble();
    return splat == value && std::signbit(splat) == std::signbit(value);
  }
  if (!dense.getElementType().isSignlessInteger())
    return false;
  APInt v = dense.getSplatValue<APInt>();
  return v.getBitWidth() == 1 ? double(v.getZExtValue()) == value
                              : double(v.getSExtValue()) == value;
}
