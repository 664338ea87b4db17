//===- PlanMemory.cpp - Place every intermediate in one arena -------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Memory planning for kernel IR: the kernels of a function run in block order
// (the schedule); every kernel result that the function does not return is a
// buffer, live from its producing kernel to its last consuming kernel. Buffers
// are placed in one arena by a heap simulation in the spirit of XLA's
// GlobalDecreasingSizeBestFitHeap and TFLite's ArenaPlanner: one at a time,
// into the smallest gap left by the already placed buffers whose live ranges
// overlap its own, or above them. Several orders are tried (decreasing size,
// definition order, decreasing lifetime) and the smallest arena wins. An
// elementwise kernel whose input dies at that kernel may write an output of
// the same size over it: the two buffers form one slot with one offset.
// Function results are bound by the caller (offset -1), weights
// (tessera.constant) and model inputs live outside the arena. See
// docs/memory-planning.md.
//
//===----------------------------------------------------------------------===//

#include "ir/TesseraOps.h"
#include "passes/Passes.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Debug.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <limits>

#define DEBUG_TYPE "tessera-plan-memory"

namespace mlir::tessera {
#define GEN_PASS_DEF_TESSERAPLANMEMORY
#include "passes/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

//===----------------------------------------------------------------------===//
// Buffers, slots and the schedule
//===----------------------------------------------------------------------===//

/// A kernel result placed in the arena.
struct Buffer {
  OpResult value;
  /// Bytes reserved: the tensor's bytes rounded up to the alignment.
  int64_t size = 0;
  /// Live range in schedule positions, both ends included.
  int64_t first = 0, last = 0;
  /// The buffer whose bytes this one overwrites in place and the kernel
  /// operand bound to it, or -1.
  int inPlaceOf = -1, inPlaceOperand = -1;
  /// The slot holding this buffer.
  unsigned slot = 0;
};

/// A contiguous range of the arena shared by a chain of in-place buffers (a
/// single buffer when there is no in-place reuse).
struct Slot {
  int64_t size = 0, first = 0, last = 0, offset = 0;
};

/// The three sizes the pass reports, in bytes.
struct Totals {
  int64_t arena = 0, lowerBound = 0, noReuse = 0;
};

/// The function being planned: its kernels in schedule order and its buffers.
struct Plan {
  SmallVector<KernelOp> kernels;
  SmallVector<Buffer> buffers;
  DenseMap<Value, unsigned> bufferOf;
  SmallVector<Slot> slots;
};

/// Bytes of one element as the arena stores it (i1 takes one byte).
static int64_t elementBytes(Type type) {
  return llvm::divideCeil(type.getIntOrFloatBitWidth(), 8);
}

/// Bytes of a statically shaped tensor.
static int64_t tensorBytes(Type type) {
  auto tensor = cast<RankedTensorType>(type);
  return tensor.getNumElements() * elementBytes(tensor.getElementType());
}

/// Whether two inclusive live ranges share a schedule position.
static bool overlaps(const Slot &a, const Slot &b) {
  return a.first <= b.last && b.first <= a.last;
}

/// Checks that |kernel|'s body is plain graph IR: tessera ops without nested
/// kernels or regions.
static LogicalResult verifyKernelBody(KernelOp kernel) {
  for (Operation &op : kernel.getBody().front()) {
    if (isa<KernelOp>(op) || op.getNumRegions() != 0 ||
        !isa_and_nonnull<TesseraDialect>(op.getDialect()))
      return op.emitError()
             << "expected only tessera ops without regions in the body of "
                "kernel '"
             << kernel.getName() << "', found '" << op.getName() << "'";
  }
  return success();
}

/// Collects the kernels of |func| in block order, after checking that every
/// other op is a weight or the return.
static LogicalResult collectKernels(func::FuncOp func, Plan &plan) {
  if (!func.getBody().hasOneBlock())
    return func.emitError() << "expected a function with one block, got "
                            << func.getBody().getBlocks().size();
  for (Operation &op : func.getBody().front()) {
    if (auto kernel = dyn_cast<KernelOp>(op)) {
      if (failed(verifyKernelBody(kernel)))
        return failure();
      plan.kernels.push_back(kernel);
      continue;
    }
    if (isa<ConstantOp, func::ReturnOp>(op))
      continue;
    return op.emitError() << "expected every op to be inside a "
                             "tessera.kernel; run --tessera-fuse first: "
                             "found '"
                          << op.getName() << "'";
  }
  return success();
}

/// Makes a buffer of every kernel result that the function does not return,
/// live from its kernel to the last kernel using it.
static void collectBuffers(Plan &plan, int64_t alignment) {
  for (auto [index, kernel] : llvm::enumerate(plan.kernels)) {
    for (OpResult result : kernel->getResults()) {
      Buffer buffer;
      buffer.value = result;
      buffer.first = buffer.last = index;
      bool returned = false;
      for (Operation *user : result.getUsers()) {
        if (isa<func::ReturnOp>(user)) {
          returned = true;
          break;
        }
      }
      if (returned)
        continue;
      buffer.size = llvm::alignTo(tensorBytes(result.getType()), alignment);
      plan.bufferOf[result] = plan.buffers.size();
      plan.buffers.push_back(buffer);
    }
  }
  // Kernels are in block order, so a user's position is its index.
  DenseMap<Operation *, int64_t> position;
  for (auto [index, kernel] : llvm::enumerate(plan.kernels))
    position[kernel] = index;
  for (Buffer &buffer : plan.buffers)
    for (Operation *user : buffer.value.getUsers())
      buffer.last = std::max(buffer.last, position.lookup(user));
}

//===----------------------------------------------------------------------===//
// In-place reuse
//===----------------------------------------------------------------------===//

/// Whether every op reading |arg| (transitively, up to the yield) reads it at
/// the element it writes: elementwise ops and reshapes whose results have as
/// many elements as |arg|, so no element is broadcast or moved. A kernel with
/// one thread per element then reads element i of |arg| only in the thread
/// that writes element i of an output placed over it.
static bool isReadPointwise(BlockArgument arg) {
  int64_t elements = cast<RankedTensorType>(arg.getType()).getNumElements();
  SmallVector<Value> worklist = {arg};
  DenseSet<Value> seen;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    if (!seen.insert(value).second)
      continue;
    for (Operation *user : value.getUsers()) {
      if (isa<YieldOp>(user))
        continue;
      if (!user->hasTrait<TesseraElementwise>() && !isa<ReshapeOp>(user))
        return false;
      for (Value result : user->getResults()) {
        if (cast<RankedTensorType>(result.getType()).getNumElements() !=
            elements)
          return false;
        worklist.push_back(result);
      }
    }
  }
  return true;
}

/// For every buffer of an elementwise kernel, looks for an input buffer that
/// dies at this kernel, has the same element count and width, is read only
/// pointwise and hosts no other output; the output then reuses its bytes.
static void findInPlace(Plan &plan) {
  SmallVector<bool> hosting(plan.buffers.size(), false);
  for (auto [index, kernel] : llvm::enumerate(plan.kernels)) {
    if (kernel.getKind() != KernelKind::elementwise)
      continue;
    Block &body = kernel.getBody().front();
    for (OpResult result : kernel->getResults()) {
      auto out = plan.bufferOf.find(result);
      if (out == plan.bufferOf.end())
        continue;
      auto outType = cast<RankedTensorType>(result.getType());
      for (auto [operandIndex, input] : llvm::enumerate(kernel.getInputs())) {
        auto in = plan.bufferOf.find(input);
        if (in == plan.bufferOf.end() || hosting[in->second] ||
            plan.buffers[in->second].last != static_cast<int64_t>(index))
          continue;
        auto inType = cast<RankedTensorType>(input.getType());
        if (inType.getNumElements() != outType.getNumElements() ||
            elementBytes(inType.getElementType()) !=
                elementBytes(outType.getElementType()))
          continue;
        // The input may be bound to several operands; all must be pointwise.
        bool pointwise = true;
        for (auto [i, other] : llvm::enumerate(kernel.getInputs()))
          if (other == input)
            pointwise &= isReadPointwise(body.getArgument(i));
        if (!pointwise)
          continue;
        hosting[in->second] = true;
        plan.buffers[out->second].inPlaceOf = in->second;
        plan.buffers[out->second].inPlaceOperand = operandIndex;
        break;
      }
    }
  }
}

/// Groups buffers into slots: a buffer written in place joins the slot of the
/// buffer it overwrites, whose live range it extends.
static void formSlots(Plan &plan) {
  for (Buffer &buffer : plan.buffers) {
    if (buffer.inPlaceOf >= 0) {
      buffer.slot = plan.buffers[buffer.inPlaceOf].slot;
      Slot &slot = plan.slots[buffer.slot];
      slot.last = std::max(slot.last, buffer.last);
      continue;
    }
    buffer.slot = plan.slots.size();
    plan.slots.push_back({buffer.size, buffer.first, buffer.last, 0});
  }
}

//===----------------------------------------------------------------------===//
// Placement
//===----------------------------------------------------------------------===//

/// Places |slots| one at a time in |order|: each goes into the smallest gap
/// between the already placed slots whose live ranges overlap its own (best
/// fit), or above the highest of them. Returns the arena size.
static int64_t placeBestFit(MutableArrayRef<Slot> slots,
                            ArrayRef<unsigned> order) {
  SmallVector<unsigned> placed;
  int64_t arena = 0;
  for (unsigned index : order) {
    Slot &slot = slots[index];
    SmallVector<std::pair<int64_t, int64_t>> busy;
    for (unsigned other : placed)
      if (overlaps(slot, slots[other]))
        busy.push_back(
            {slots[other].offset, slots[other].offset + slots[other].size});
    llvm::sort(busy);
    int64_t best = -1, bestGap = std::numeric_limits<int64_t>::max();
    int64_t cursor = 0;
    for (auto [begin, end] : busy) {
      int64_t gap = begin - cursor;
      if (gap >= slot.size && gap < bestGap) {
        best = cursor;
        bestGap = gap;
      }
      cursor = std::max(cursor, end);
    }
    slot.offset = best >= 0 ? best : cursor;
    arena = std::max(arena, slot.offset + slot.size);
    placed.push_back(index);
  }
  return arena;
}

/// Whether no two slots that are live at the same time share a byte.
[[maybe_unused]] static bool isPlacementValid(ArrayRef<Slot> slots) {
  for (auto [i, a] : llvm::enumerate(slots))
    for (const Slot &b : slots.drop_front(i + 1))
      if (overlaps(a, b) && a.size > 0 && b.size > 0 &&
          a.offset < b.offset + b.size && b.offset < a.offset + a.size)
        return false;
  return true;
}

/// Runs the best-fit placement under several orders and keeps the smallest
/// arena (the first order wins ties). Returns the arena size.
static int64_t placeSlots(MutableArrayRef<Slot> slots) {
  auto length = [](const Slot &s) { return s.last - s.first; };
  using Less = std::function<bool(const Slot &, const Slot &)>;
  Less orders[] = {
      // Decreasing size, longer lives first (XLA's default heuristic).
      [&](const Slot &a, const Slot &b) {
        return std::make_tuple(-a.size, -length(a), a.first) <
               std::make_tuple(-b.size, -length(b), b.first);
      },
      // Definition order, larger first (TFLite's fallback).
      [&](const Slot &a, const Slot &b) {
        return std::make_tuple(a.first, -a.size) <
               std::make_tuple(b.first, -b.size);
      },
      // Decreasing lifetime, larger first.
      [&](const Slot &a, const Slot &b) {
        return std::make_tuple(-length(a), -a.size, a.first) <
               std::make_tuple(-length(b), -b.size, b.first);
      }};
  SmallVector<Slot> best;
  int64_t bestArena = std::numeric_limits<int64_t>::max();
  for (const Less &less : orders) {
    SmallVector<unsigned> order = llvm::to_vector(
        llvm::seq<unsigned>(0, static_cast<unsigned>(slots.size())));
    llvm::stable_sort(order, [&](unsigned a, unsigned b) {
      return less(slots[a], slots[b]);
    });
    SmallVector<Slot> trial(slots.begin(), slots.end());
    int64_t arena = placeBestFit(trial, order);
    LLVM_DEBUG(llvm::dbgs()
               << "order " << (&less - orders) << ": arena " << arena << "\n");
    if (arena < bestArena) {
      bestArena = arena;
      best = std::move(trial);
    }
  }
  llvm::copy(best, slots.begin());
  assert(isPlacementValid(slots) && "live slots share bytes");
  return slots.empty() ? 0 : bestArena;
}

/// Plans the buffers of |plan| with or without in-place reuse: forms the
/// slots and places them. Returns the arena size.
static int64_t placeBuffers(Plan &plan, bool inPlace) {
  for (Buffer &buffer : plan.buffers)
    buffer.inPlaceOf = buffer.inPlaceOperand = -1;
  plan.slots.clear();
  if (inPlace)
    findInPlace(plan);
  formSlots(plan);
  return placeSlots(plan.slots);
}

/// The most bytes of buffers live at one schedule position.
static int64_t liveLowerBound(const Plan &plan) {
  int64_t bound = 0;
  for (int64_t t = 0, e = plan.kernels.size(); t < e; ++t) {
    int64_t live = 0;
    for (const Buffer &buffer : plan.buffers)
      if (buffer.first <= t && t <= buffer.last)
        live += buffer.size;
    bound = std::max(bound, live);
  }
  return bound;
}

/// Prints the plan of |func| as a table to stderr.
static void printPlanTable(func::FuncOp func, const Plan &plan,
                           const Totals &totals) {
  AsmState state(func);
  auto name = [&](Value value) {
    std::string text;
    llvm::raw_string_ostream os(text);
    value.printAsOperand(os, state); // "%3", or "%3#1" for result 1.
    return text;
  };
  llvm::raw_ostream &os = llvm::errs();
  os << "memory plan of @" << func.getSymName() << ": " << plan.kernels.size()
     << " kernels, " << plan.buffers.size() << " buffers\n";
  os << llvm::formatv("  {0,-8} {1,-32} {2,12} {3,12}  {4,-12} {5}\n", "buffer",
                      "kernel", "offset", "size", "live", "in-place");
  for (const Buffer &buffer : plan.buffers) {
    auto kernel = cast<KernelOp>(buffer.value.getOwner());
    std::string live = llvm::formatv("[{0}, {1}]", buffer.first, buffer.last);
    std::string inPlace =
        buffer.inPlaceOf < 0
            ? ""
            : "over " + name(plan.buffers[buffer.inPlaceOf].value);
    std::string row = llvm::formatv(
        "  {0,-8} {1,-32} {2,12} {3,12}  {4,-12} {5}", name(buffer.value),
        kernel.getName(), plan.slots[buffer.slot].offset, buffer.size, live,
        inPlace);
    os << StringRef(row).rtrim() << "\n";
  }
  os << "  arena_bytes = " << totals.arena
     << ", arena_lower_bound_bytes = " << totals.lowerBound
     << ", arena_no_reuse_bytes = " << totals.noReuse << "\n";
}

/// Sets `offsets` on every kernel (-1 for results bound by the caller),
/// `tessera.in_place` (per result, the operand it overwrites or -1) on
/// kernels that reuse an input, and the totals on |func|.
static void recordPlan(func::FuncOp func, const Plan &plan,
                       const Totals &totals) {
  Builder builder(func.getContext());
  for (KernelOp kernel : plan.kernels) {
    SmallVector<int64_t> offsets, inPlace;
    for (OpResult result : kernel->getResults()) {
      auto it = plan.bufferOf.find(result);
      if (it == plan.bufferOf.end()) {
        offsets.push_back(-1);
        inPlace.push_back(-1);
        continue;
      }
      const Buffer &buffer = plan.buffers[it->second];
      offsets.push_back(plan.slots[buffer.slot].offset);
      inPlace.push_back(buffer.inPlaceOperand);
    }
    kernel.setOffsets(offsets);
    if (llvm::any_of(inPlace, [](int64_t i) { return i >= 0; }))
      kernel->setAttr("tessera.in_place",
                      builder.getDenseI64ArrayAttr(inPlace));
    else
      kernel->removeAttr("tessera.in_place");
  }
  func->setAttr("tessera.arena_bytes", builder.getI64IntegerAttr(totals.arena));
  func->setAttr("tessera.arena_lower_bound_bytes",
                builder.getI64IntegerAttr(totals.lowerBound));
  func->setAttr("tessera.arena_no_reuse_bytes",
                builder.getI64IntegerAttr(totals.noReuse));
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct TesseraPlanMemoryPass final
    : tessera::impl::TesseraPlanMemoryBase<TesseraPlanMemoryPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (alignment < 1) {
      func.emitError() << "expected alignment >= 1, got "
                       << static_cast<int64_t>(alignment);
      return signalPassFailure();
    }
    // Step 1: the schedule and the buffers with their live ranges.
    Plan plan;
    if (failed(collectKernels(func, plan)))
      return signalPassFailure();
    collectBuffers(plan, alignment);
    // Step 2: best-fit placement with in-place reuse, unless the placement
    // without it is smaller (a merged slot is one long interval, which can
    // pack worse than its parts).
    Totals totals;
    Plan plain = plan;
    totals.arena = placeBuffers(plan, /*inPlace=*/true);
    int64_t plainArena = placeBuffers(plain, /*inPlace=*/false);
    if (plainArena < totals.arena) {
      plan = std::move(plain);
      totals.arena = plainArena;
    }
    // Step 3: the bounds, from the same live ranges.
    totals.lowerBound = liveLowerBound(plan);
    for (const Buffer &buffer : plan.buffers)
      totals.noReuse += buffer.size;
    // Step 4: record the plan.
    recordPlan(func, plan, totals);
    if (printPlan)
      printPlanTable(func, plan, totals);
  }
};

} // namespace
