//===- ConvertRecurrent.cpp - ONNX LSTM, GRU, RNN -> tessera -------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Unrolls RNN, GRU and LSTM over their static sequence length. Per direction
// the input projection X·Wᵀ (+ biases) is one matmul over all steps; each
// step then adds one H·Rᵀ matmul per gate group (GRU without
// linear_before_reset needs two, since its candidate gate multiplies the
// reset gate into H first) and applies the gate activations elementwise.
// Shorter sequences (sequence_lens) are masked with selects: a finished
// batch row keeps its state and outputs zeros, which is also exactly what the
// reverse direction needs, since it starts from the initial state at the row's
// last valid step. Outputs: Y [seq, dirs, batch, hidden], Y_h and Y_c
// [dirs, batch, hidden] (batch first with layout = 1).
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/ConvertHelpers.h"

using namespace mlir;
using namespace mlir::tessera;

/// Row |index| of the leading axis of |value|, without that axis.
static Value rowOf(OpChain &chain, Value value, int64_t index) {
  Value row = chain.slice(value, 0, index, 1);
  return row ? chain.reshape(row, shapeOf(value).drop_front()) : Value();
}

/// lhs · rhsᵀ.
static Value matmulT(OpChain &chain, Value lhs, Value rhs) {
  return chain.create<MatmulOp>(lhs, rhs, false, true);
}

namespace {

enum class CellKind { Rnn, Gru, Lstm };

/// What differs between the three cells.
struct CellInfo {
  CellKind kind;
  int64_t numGates;
  /// Activations per direction and their defaults (f, g, h).
  SmallVector<StringRef, 3> defaultActivations;
};

/// A recurrent node being unrolled.
class RecurrentLowering {
public:
  RecurrentLowering(NodeImporter &node, const CellInfo &cell)
      : node(node), chain(node), cell(cell) {}
  LogicalResult run();

private:
  LogicalResult readOperands();
  Value activation(StringRef name, Value x);
  Value clip(Value x);
  Value gate(int64_t d, int64_t k, Value x) {
    return activation(activations[d * numActs + k], clip(x));
  }
  Value zeros() {
    if (!zeroState)
      zeroState = node.splat({batch, hidden}, elementType, 0.0);
    return zeroState;
  }
  Value maskSelect(Value mask, Value next, Value previous) {
    return mask ? chain.create<SelectOp>(mask, next,
                                         previous ? previous : zeros())
                : next;
  }
  /// One direction: fills the per-step hidden states and the final states.
  void unroll(int64_t d, SmallVectorImpl<Value> &ys, Value &finalH,
              Value &finalC);

  NodeImporter &node;
  OpChain chain;
  const CellInfo &cell;
  Value x, xFlat, w, r, bias, seqLens, initialH, initialC, peephole;
  Type elementType;
  int64_t seqLength = 0, batch = 0, inputSize = 0, hidden = 0, numDirs = 1;
  int64_t numActs = 0;
  bool reverseOnly = false, batchFirst = false, linearBeforeReset = false,
       inputForget = false;
  std::optional<double> clipValue;
  Value clipLow, clipHigh, zeroState;
  SmallVector<std::string> activations;
};

} // namespace

/// Checks that |value| has |shape| or reports which input is wrong.
static LogicalResult expectShape(NodeImporter &node, Value value,
                                 StringRef what, ArrayRef<int64_t> shape) {
  if (shapeOf(value) == shape)
    return success();
  return node.emitError() << "expected " << what << " of shape "
                          << formatShape(shape) << ", got "
                          << formatShape(shapeOf(value));
}

LogicalResult RecurrentLowering::readOperands() {
  FailureOr<Value> xIn = node.requiredInput(0), wIn = node.requiredInput(1),
                   rIn = node.requiredInput(2);
  if (failed(xIn) || failed(wIn) || failed(rIn))
    return failure();
  x = *xIn;
  w = *wIn;
  r = *rIn;
  bias = node.input(3);
  seqLens = node.input(4);
  initialH = node.input(5);
  if (cell.kind == CellKind::Lstm) {
    initialC = node.input(6);
    peephole = node.input(7);
  }
  auto xType = cast<RankedTensorType>(x.getType());
  elementType = xType.getElementType();
  if (!isa<FloatType>(elementType))
    return node.emitError() << "expected a float input X, got " << elementType;
  if (xType.getRank() != 3 || node.inputType(1).getRank() != 3)
    return node.emitError()
           << "expected X and W of rank 3, got ranks " << xType.getRank()
           << " and " << node.inputType(1).getRank();

  std::string direction = node.attrString("direction", "forward");
  if (direction == "bidirectional")
    numDirs = 2;
  else if (direction == "reverse")
    reverseOnly = true;
  else if (direction != "forward")
    return node.emitError() << "unknown direction '" << direction << "'";
  int64_t layout = node.attrInt("layout", 0);
  if (layout != 0 && layout != 1)
    return node.emitError() << "expected layout 0 or 1, got " << layout;
  batchFirst = layout == 1;
  seqLength = xType.getDimSize(batchFirst ? 1 : 0);
  batch = xType.getDimSize(batchFirst ? 0 : 1);
  inputSize = xType.getDimSize(2);
  hidden = node.attrInt("hidden_size", node.inputType(2).getRank() == 3
                                           ? node.inputType(2).getDimSize(2)
                                           : 0);
  linearBeforeReset = node.attrInt("linear_before_reset", 0) != 0;
  inputForget = node.attrInt("input_forget", 0) != 0;
  if (node.hasAttr("clip"))
    clipValue = node.attrFloat("clip", 0.0);

  int64_t gates = cell.numGates * hidden;
  if (failed(expectShape(node, w, "W", {numDirs, gates, inputSize})) ||
      failed(expectShape(node, r, "R", {numDirs, gates, hidden})) ||
      (bias && failed(expectShape(node, bias, "B", {numDirs, 2 * gates}))) ||
      (peephole &&
       failed(expectShape(node, peephole, "P", {numDirs, 3 * hidden}))))
    return failure();
  SmallVector<int64_t> stateShape =
      batchFirst ? SmallVector<int64_t>{batch, numDirs, hidden}
                 : SmallVector<int64_t>{numDirs, batch, hidden};
  if ((initialH &&
       failed(expectShape(node, initialH, "initial_h", stateShape))) ||
      (initialC &&
       failed(expectShape(node, initialC, "initial_c", stateShape))))
    return failure();

  // Sequence lengths: ignored when all are known to be full, else masked.
  if (seqLens) {
    if (failed(expectShape(node, seqLens, "sequence_lens", {batch})))
      return failure();
    if (std::optional<::tessera::HostTensor> lens = node.constantValue(seqLens))
      if (llvm::all_of(llvm::seq<int64_t>(0, batch),
                       [&](int64_t i) { return lens->getInt(i) == seqLength; }))
        seqLens = {};
  }

  // Activations: numActs per direction, the defaults unless given.
  numActs = cell.defaultActivations.size();
  SmallVector<std::string> given;
  if (const onnx::AttributeProto *a = node.attr("activations"))
    given.assign(a->strings().begin(), a->strings().end());
  if (given.empty())
    for (int64_t d = 0; d < numDirs; ++d)
      for (StringRef name : cell.defaultActivations)
        given.push_back(name.str());
  if (static_cast<int64_t>(given.size()) != numActs * numDirs)
    return node.emitError()
           << "expected " << numActs * numDirs << " activations (" << numActs
           << " per direction), got " << given.size();
  for (const std::string &name : given) {
    std::string lower = StringRef(name).lower();
    if (lower != "sigmoid" && lower != "tanh" && lower != "relu")
      return node.unsupported("activation '" + name +
                              "' (supported: Sigmoid, Tanh, Relu)");
    activations.push_back(lower);
  }
  return success();
}

Value RecurrentLowering::activation(StringRef name, Value v) {
  if (name == "sigmoid")
    return chain.create<SigmoidOp>(v);
  if (name == "tanh")
    return chain.create<TanhOp>(v);
  return chain.create<ReluOp>(v);
}

Value RecurrentLowering::clip(Value v) {
  if (!clipValue)
    return v;
  if (!clipLow) {
    clipLow = node.splat({}, elementType, -*clipValue);
    clipHigh = node.splat({}, elementType, *clipValue);
  }
  return chain.create<ClampOp>(v, clipLow, clipHigh);
}

void RecurrentLowering::unroll(int64_t d, SmallVectorImpl<Value> &ys,
                               Value &finalH, Value &finalC) {
  int64_t gates = cell.numGates * hidden;
  Value wd = rowOf(chain, w, d), rd = rowOf(chain, r, d);

  // The input projection of all steps: [seq * batch, gates] + biases. The
  // recurrent bias joins it, except GRU's candidate-gate one with
  // linear_before_reset, which is applied inside the reset product.
  Value xw = matmulT(chain, xFlat, wd);
  Value candidateBias;
  if (bias) {
    Value bd = rowOf(chain, bias, d);
    Value wb = chain.slice(bd, 0, 0, gates),
          rb = chain.slice(bd, 0, gates, gates);
    if (cell.kind == CellKind::Gru && linearBeforeReset) {
      candidateBias = chain.slice(rb, 0, 2 * hidden, hidden);
      rb = chain.create<ConcatOp>(
          ValueRange{chain.slice(rb, 0, 0, 2 * hidden),
                     node.splat({hidden}, elementType, 0.0)},
          0);
    }
    xw = chain.create<AddOp>(xw, chain.create<AddOp>(wb, rb));
  }
  xw = chain.reshape(xw, {seqLength, batch, gates});

  Value h = initialH ? rowOf(chain, initialH, d) : Value();
  Value c = initialC ? rowOf(chain, initialC, d) : Value();
  Value pi, po, pf;
  if (peephole) {
    Value pd = rowOf(chain, peephole, d);
    pi = chain.slice(pd, 0, 0, hidden);
    po = chain.slice(pd, 0, hidden, hidden);
    pf = chain.slice(pd, 0, 2 * hidden, hidden);
  }
  // GRU without linear_before_reset multiplies the reset gate in first.
  Value rUpdateReset, rCandidate;
  if (cell.kind == CellKind::Gru && !linearBeforeReset) {
    rUpdateReset = chain.slice(rd, 0, 0, 2 * hidden);
    rCandidate = chain.slice(rd, 0, 2 * hidden, hidden);
  }
  Value lensColumn = seqLens ? chain.reshape(seqLens, {batch, 1}) : Value();
  Type lensType =
      seqLens ? cast<RankedTensorType>(seqLens.getType()).getElementType()
              : Type();
  Value one = node.splat({}, elementType, 1.0);
  bool reverse = reverseOnly || d == 1;
  ys.assign(seqLength, Value());
  for (int64_t step = 0; step < seqLength && !chain.failed(); ++step) {
    int64_t t = reverse ? seqLength - 1 - step : step;
    Value xt = rowOf(chain, xw, t);
    auto gateOf = [&](Value all, int64_t k, int64_t count = 1) {
      return chain.slice(all, 1, k * hidden, count * hidden);
    };
    Value nextH, nextC;
    switch (cell.kind) {
    case CellKind::Rnn: {
      Value pre = h ? chain.create<AddOp>(xt, matmulT(chain, h, rd)) : xt;
      nextH = gate(d, 0, pre);
      break;
    }
    case CellKind::Gru: {
      // z, r from one matmul; the candidate h from the reset-gated state.
      Value recurrent;
      if (h)
        recurrent = matmulT(chain, h, linearBeforeReset ? rd : rUpdateReset);
      Value zr = gateOf(xt, 0, 2);
      if (recurrent)
        zr = chain.create<AddOp>(zr, gateOf(recurrent, 0, 2));
      Value z = gate(d, 0, gateOf(zr, 0)), rg = gate(d, 0, gateOf(zr, 1));
      Value candidate = gateOf(xt, 2);
      if (linearBeforeReset) {
        Value hr = recurrent ? gateOf(recurrent, 2) : Value();
        if (candidateBias)
          hr = hr ? chain.create<AddOp>(hr, candidateBias) : candidateBias;
        if (hr)
          candidate =
              chain.create<AddOp>(candidate, chain.create<MulOp>(rg, hr));
      } else if (h) {
        Value rh = chain.create<MulOp>(rg, h);
        candidate =
            chain.create<AddOp>(candidate, matmulT(chain, rh, rCandidate));
      }
      Value hTilde = gate(d, 1, candidate);
      // H = (1 - z) * h~ + z * H.
      nextH = chain.create<MulOp>(chain.create<SubOp>(one, z), hTilde);
      if (h)
        nextH = chain.create<AddOp>(nextH, chain.create<MulOp>(z, h));
      break;
    }
    case CellKind::Lstm: {
      Value pre = h ? chain.create<AddOp>(xt, matmulT(chain, h, rd)) : xt;
      Value iPre = gateOf(pre, 0), oPre = gateOf(pre, 1), fPre = gateOf(pre, 2),
            cPre = gateOf(pre, 3);
      if (c && pi) {
        iPre = chain.create<AddOp>(iPre, chain.create<MulOp>(pi, c));
        fPre = chain.create<AddOp>(fPre, chain.create<MulOp>(pf, c));
      }
      Value ig = gate(d, 0, iPre);
      Value fg = inputForget ? chain.create<SubOp>(one, ig) : gate(d, 0, fPre);
      Value cg = gate(d, 1, cPre);
      nextC = chain.create<MulOp>(ig, cg);
      if (c)
        nextC = chain.create<AddOp>(nextC, chain.create<MulOp>(fg, c));
      if (po)
        oPre = chain.create<AddOp>(oPre, chain.create<MulOp>(po, nextC));
      Value og = gate(d, 0, oPre);
      nextH = chain.create<MulOp>(
          og, activation(activations[d * numActs + 2], nextC));
      break;
    }
    }
    // Rows whose sequence ended keep their state and output zeros.
    Value mask;
    if (seqLens)
      mask = chain.create<CompareOp>(ComparePredicate::gt, lensColumn,
                                     node.splat({}, lensType, t));
    ys[t] = maskSelect(mask, nextH, Value());
    h = maskSelect(mask, nextH, h);
    if (nextC)
      c = maskSelect(mask, nextC, c);
  }
  finalH = h ? h : zeros();
  if (cell.kind == CellKind::Lstm)
    finalC = c ? c : zeros();
}

LogicalResult RecurrentLowering::run() {
  if (failed(readOperands()))
    return failure();
  if (batchFirst) {
    x = chain.transpose(x, {1, 0, 2});
    if (initialH)
      initialH = chain.transpose(initialH, {1, 0, 2});
    if (initialC)
      initialC = chain.transpose(initialC, {1, 0, 2});
  }
  xFlat = chain.reshape(x, {seqLength * batch, inputSize});
  SmallVector<Value> yPerDir, hPerDir, cPerDir;
  for (int64_t d = 0; d < numDirs && !chain.failed(); ++d) {
    SmallVector<Value> ys;
    Value finalH, finalC;
    unroll(d, ys, finalH, finalC);
    if (chain.failed())
      break;
    if (node.hasOutput(0)) {
      SmallVector<Value> steps;
      for (Value y : ys)
        steps.push_back(chain.reshape(y, {1, 1, batch, hidden}));
      yPerDir.push_back(chain.create<ConcatOp>(steps, 0));
    }
    hPerDir.push_back(chain.reshape(finalH, {1, batch, hidden}));
    if (cell.kind == CellKind::Lstm)
      cPerDir.push_back(chain.reshape(finalC, {1, batch, hidden}));
  }
  Value y = node.hasOutput(0) ? chain.create<ConcatOp>(yPerDir, 1) : Value();
  Value yh = chain.create<ConcatOp>(hPerDir, 0);
  Value yc = cPerDir.empty() ? Value() : chain.create<ConcatOp>(cPerDir, 0);
  if (batchFirst) {
    if (y)
      y = chain.transpose(y, {2, 0, 1, 3});
    yh = chain.transpose(yh, {1, 0, 2});
    if (yc)
      yc = chain.transpose(yc, {1, 0, 2});
  }
  if (chain.failed())
    return failure();
  node.setOutput(0, y);
  node.setOutput(1, yh);
  if (yc)
    node.setOutput(2, yc);
  return success();
}

/// A converter for one recurrent cell kind.
static ConvertFn recurrent(CellInfo cell) {
  return [cell](NodeImporter &node) {
    return RecurrentLowering(node, cell).run();
  };
}

void mlir::tessera::registerRecurrentConverters(ConverterRegistry &registry) {
  registry.add("RNN", recurrent({CellKind::Rnn, 1, {"Tanh"}}));
  registry.add("GRU", recurrent({CellKind::Gru, 3, {"Sigmoid", "Tanh"}}));
  registry.add("LSTM",
               recurrent({CellKind::Lstm, 4, {"Sigmoid", "Tanh", "Tanh"}}));
}
