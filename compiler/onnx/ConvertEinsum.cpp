//===- ConvertEinsum.cpp - ONNX Einsum -> tessera -------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Einsum, decomposed into transposes, reshapes, reductions and batched
// matmuls: repeated labels of an operand take diagonals, labels that neither
// a later operand nor the output needs are summed out, operands are
// contracted left to right, and the result is transposed to the output
// labels.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ConvertHelpers.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::tessera;

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
      Value moved = chain.transpose(term.value, perm);
      if (chain.failed())
        return false;
      SmallVector<int64_t> shape(shapeOf(moved));
      int64_t n = shape.back();
      shape.pop_back();
      shape.back() = n * n;
      term.value = chain.slice(chain.reshape(moved, shape), shape.size() - 1, 0,
                               n, n + 1);
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
    return chain.reshape(chain.transpose(t.value, perm), flat);
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
  result.value = chain.reshape(product, resultShape);
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
  return setResult(node, chain.transpose(result.value, perm));
}

void mlir::tessera::registerEinsumConverters(ConverterRegistry &registry) {
  registry.add("Einsum", convertEinsum);
}
