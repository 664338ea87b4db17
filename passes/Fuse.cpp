//===- Fuse.cpp - Group ops into fused kernels ----------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Partitions each function into tessera.kernel regions, one per future CUDA
// kernel. Groups are a union-find over the function's non-constant ops, grown
// in four steps: (1) every expensive op (matmul, conv, reduction, pooling,
// scan) seeds a group; (2) matmul -> scale/mask -> softmax -> matmul chains
// merge into attention groups; (3) in program order, every group absorbs its
// elementwise consumers (epilogues), and reductions over the same rows merge
// with each other; (4) in reverse program order, every remaining cheap op
// joins the group of its consumers (prologues and elementwise chains), is
// recomputed in each consumer, or starts an elementwise/copy group. Every
// merge is checked against cycles between groups. Finally (5) the groups are
// emitted in a topological order as kernels whose inputs are weights
// (constants stay outside), function arguments and earlier kernels' results.
// The rules are documented in docs/fusion.md.
//
//===----------------------------------------------------------------------===//

#include "ir/TesseraOps.h"
#include "passes/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Debug.h"

#include <queue>

#define DEBUG_TYPE "tessera-fuse"

namespace mlir::tessera {
#define GEN_PASS_DEF_TESSERAFUSE
#include "passes/Passes.h.inc"
} // namespace mlir::tessera

using namespace mlir;
using namespace mlir::tessera;

namespace {

//===----------------------------------------------------------------------===//
// Op classes
//===----------------------------------------------------------------------===//

/// How fusion sees an op. Elementwise and Movement ops are cheap; the others
/// are expensive anchors, except Opaque ops (anything fusion does not know,
/// e.g. an existing kernel), which stay as they are.
enum class OpClass {
  Elementwise,
  Movement,
  Matmul,
  Conv,
  Reduction,
  Pooling,
  Scan,
  Opaque
};

/// The class of |op|. An inference batch_norm is a per-channel affine map,
/// so it counts as elementwise (but, lacking the trait, is never recomputed).
static OpClass classify(Operation *op) {
  if (op->hasTrait<TesseraElementwise>() || isa<BatchNormOp>(op))
    return OpClass::Elementwise;
  return TypeSwitch<Operation *, OpClass>(op)
      .Case<ReshapeOp, TransposeOp, BroadcastToOp, SliceOp, ConcatOp, PadOp,
            GatherOp>([](auto) { return OpClass::Movement; })
      .Case<MatmulOp>([](auto) { return OpClass::Matmul; })
      .Case<ConvOp, ConvTransposeOp>([](auto) { return OpClass::Conv; })
      .Case<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp, ReduceProdOp,
            ArgMaxOp, ArgMinOp, SoftmaxOp, LogSoftmaxOp, LayerNormOp,
            RmsNormOp>([](auto) { return OpClass::Reduction; })
      .Case<MaxPoolOp, AvgPoolOp, MaxPoolIndicesOp, GlobalAvgPoolOp,
            GlobalMaxPoolOp>([](auto) { return OpClass::Pooling; })
      .Case<CumSumOp>([](auto) { return OpClass::Scan; })
      .Default([](Operation *) { return OpClass::Opaque; });
}

/// The kernel kind an expensive op of class |cls| seeds.
static KernelKind anchorKind(OpClass cls) {
  switch (cls) {
  case OpClass::Matmul:
    return KernelKind::matmul;
  case OpClass::Conv:
    return KernelKind::conv;
  case OpClass::Reduction:
    return KernelKind::reduction;
  case OpClass::Pooling:
    return KernelKind::pooling;
  default:
    return KernelKind::scan;
  }
}

/// Whether |op| is cheap: elementwise or pure data movement.
static bool isCheap(Operation *op) {
  OpClass cls = classify(op);
  return cls == OpClass::Elementwise || cls == OpClass::Movement;
}

/// Whether |value| is a weight (a tessera.constant result).
static bool isWeight(Value value) {
  return isa_and_nonnull<ConstantOp>(value.getDefiningOp());
}

static int64_t numElements(Value value) {
  return cast<RankedTensorType>(value.getType()).getNumElements();
}

static bool sameShape(Value a, Value b) {
  return cast<RankedTensorType>(a.getType()).getShape() ==
         cast<RankedTensorType>(b.getType()).getShape();
}

/// The rows a reduction works on: its input shape and the reduced axes. Two
/// reductions over the same rows can share one row-wise kernel.
static std::pair<SmallVector<int64_t>, SmallVector<int64_t>>
getRows(Operation *op) {
  auto input = cast<RankedTensorType>(op->getOperand(0).getType());
  auto trailing = [&](int64_t axis) {
    return llvm::to_vector(llvm::seq<int64_t>(axis, input.getRank()));
  };
  SmallVector<int64_t> axes =
      TypeSwitch<Operation *, SmallVector<int64_t>>(op)
          .Case<ReduceSumOp, ReduceMeanOp, ReduceMaxOp, ReduceMinOp,
                ReduceProdOp>([](auto r) { return to_vector(r.getAxes()); })
          .Case<ArgMaxOp, ArgMinOp, SoftmaxOp, LogSoftmaxOp>(
              [](auto r) { return SmallVector<int64_t>{int64_t(r.getAxis())}; })
          .Case<LayerNormOp, RmsNormOp>(
              [&](auto r) { return trailing(int64_t(r.getAxis())); })
          .Default([](Operation *) { return SmallVector<int64_t>{}; });
  return {to_vector(input.getShape()), axes};
}

//===----------------------------------------------------------------------===//
// Partition: the groups under construction
//===----------------------------------------------------------------------===//

/// What an op does in its group: the expensive op(s), an op feeding them
/// (prologue), an op consuming their results (epilogue) or, in attention and
/// elementwise groups, anything else.
enum class Role { Anchor, Prologue, Epilogue, Body };

/// A union-find over the function's non-constant ops. A root carries the
/// group's members and kind; a group without a kind is a cheap op that no
/// group has claimed yet. Frozen groups (opaque ops) never merge.
struct Partition {
  SmallVector<Operation *> ops; // null once erased
  DenseMap<Operation *, unsigned> index;
  SmallVector<unsigned> parent;
  SmallVector<SmallVector<unsigned, 4>> members;
  SmallVector<std::optional<KernelKind>> kind;
  SmallVector<Role> role;
  SmallVector<bool> frozen;

  unsigned add(Operation *op, Role r) {
    unsigned i = ops.size();
    ops.push_back(op);
    index[op] = i;
    parent.push_back(i);
    members.push_back({i});
    kind.push_back(std::nullopt);
    role.push_back(r);
    frozen.push_back(false);
    return i;
  }
  unsigned find(unsigned i) {
    while (parent[i] != i)
      i = parent[i] = parent[parent[i]];
    return i;
  }
  /// The group of |op|, or none for constants, arguments and unknown ops.
  std::optional<unsigned> groupOf(Operation *op) {
    auto it = op ? index.find(op) : index.end();
    if (it == index.end())
      return std::nullopt;
    return find(it->second);
  }
  std::optional<unsigned> groupOf(Value v) {
    return groupOf(v.getDefiningOp());
  }
  bool claimed(unsigned g) { return kind[g].has_value() || frozen[g]; }

  /// Merges the groups of |a| and |b| and returns the new root.
  unsigned merge(unsigned a, unsigned b) {
    a = find(a), b = find(b);
    if (a == b)
      return a;
    if (members[a].size() < members[b].size())
      std::swap(a, b);
    parent[b] = a;
    members[a].append(members[b]);
    members[b].clear();
    if (!kind[a])
      kind[a] = kind[b];
    return a;
  }

  /// Whether merging |groups| into one would create a cycle: a def-use path
  /// that leaves them through another group and comes back.
  bool wouldCycle(ArrayRef<unsigned> groups) {
    DenseSet<unsigned> set, visited;
    for (unsigned g : groups)
      set.insert(find(g));
    SmallVector<unsigned> stack;
    auto pushUsers = [&](unsigned g, bool inside) {
      for (unsigned m : members[g])
        for (Operation *user : ops[m]->getUsers())
          if (std::optional<unsigned> u = groupOf(user)) {
            if (set.contains(*u)) {
              if (!inside)
                return true;
            } else {
              stack.push_back(*u);
            }
          }
      return false;
    };
    for (unsigned g : set)
      pushUsers(g, /*inside=*/true);
    while (!stack.empty()) {
      unsigned g = stack.pop_back_val();
      if (visited.insert(g).second && pushUsers(g, /*inside=*/false))
        return true;
    }
    return false;
  }

  /// Whether a def-use path leads from group |from| to group |to|.
  bool reaches(unsigned from, unsigned to) {
    DenseSet<unsigned> visited;
    SmallVector<unsigned> stack{find(from)};
    while (!stack.empty()) {
      unsigned g = stack.pop_back_val();
      if (!visited.insert(g).second)
        continue;
      for (unsigned m : members[g])
        for (Operation *user : ops[m]->getUsers())
          if (std::optional<unsigned> u = groupOf(user)) {
            if (*u == find(to))
              return true;
            stack.push_back(*u);
          }
    }
    return false;
  }

  /// The expensive ops of group |g|.
  SmallVector<Operation *> anchors(unsigned g) {
    SmallVector<Operation *> result;
    for (unsigned m : members[g])
      if (role[m] == Role::Anchor)
        result.push_back(ops[m]);
    return result;
  }
};

/// Prints every group (its kind and ops) after |step|, for -debug.
[[maybe_unused]] static void dumpGroups(Partition &p, StringRef step) {
  llvm::dbgs() << "=== groups after " << step << " ===\n";
  for (unsigned i = 0; i < p.ops.size(); ++i) {
    if (!p.ops[i] || p.find(i) != i)
      continue;
    llvm::dbgs() << (p.kind[i] ? stringifyKernelKind(*p.kind[i]) : "-");
    for (unsigned m : p.members[i])
      llvm::dbgs() << " " << p.ops[m]->getName().stripDialect();
    llvm::dbgs() << "\n";
  }
}

//===----------------------------------------------------------------------===//
// Steps 1 and 2: anchors and attention
//===----------------------------------------------------------------------===//

/// Seeds one group per expensive op and freezes opaque ops.
static void seedAnchors(Block &block, Partition &p) {
  for (Operation &op : block.without_terminator()) {
    if (isa<ConstantOp>(op))
      continue;
    OpClass cls = classify(&op);
    unsigned i = p.add(&op, Role::Anchor);
    if (cls == OpClass::Opaque)
      p.frozen[i] = true;
    else if (!isCheap(&op))
      p.kind[i] = anchorKind(cls);
    else
      p.role[i] = Role::Body;
  }
}

/// Finds the scores matmul behind |value|, the input of an attention
/// softmax, through at most |depth| single-use elementwise ops of the same
/// shape (scale, mask, select, cast), which are appended to |chain|.
static MatmulOp findScores(Value value, Partition &p,
                           SmallVectorImpl<Operation *> &chain, int depth) {
  Operation *def = value.getDefiningOp();
  if (!def || !value.hasOneUse() || !p.groupOf(def))
    return nullptr;
  if (auto matmul = dyn_cast<MatmulOp>(def))
    return p.members[*p.groupOf(def)].size() == 1 ? matmul : nullptr;
  if (depth == 0 || classify(def) != OpClass::Elementwise)
    return nullptr;
  for (Value operand : def->getOperands()) {
    if (!sameShape(operand, value))
      continue;
    size_t size = chain.size();
    chain.push_back(def);
    if (MatmulOp matmul = findScores(operand, p, chain, depth - 1))
      return matmul;
    chain.resize(size);
  }
  return nullptr;
}

/// Follows |value|, the result of an attention softmax, through at most four
/// single-use elementwise ops of the same shape (the select that zeroes
/// fully masked rows, a cast) to the matmul with the values, appending them
/// to |chain|.
static MatmulOp findValues(Value value, Partition &p,
                           SmallVectorImpl<Operation *> &chain) {
  for (int depth = 0; depth <= 4 && value.hasOneUse(); ++depth) {
    Operation *user = *value.getUsers().begin();
    if (!p.groupOf(user))
      return nullptr;
    auto matmul = dyn_cast<MatmulOp>(user);
    if (matmul && matmul.getLhs() == value && !matmul.getTransposeLhs())
      return p.members[*p.groupOf(user)].size() == 1 ? matmul : nullptr;
    if (classify(user) != OpClass::Elementwise ||
        !sameShape(user->getResult(0), value))
      return nullptr;
    chain.push_back(user);
    value = user->getResult(0);
  }
  return nullptr;
}

/// Merges `matmul -> [scale/mask/select]* -> softmax(last axis) ->
/// [select/cast]* -> matmul` into one attention group; every intermediate
/// must have a single use.
static void formAttention(Block &block, Partition &p) {
  for (auto softmax : block.getOps<SoftmaxOp>()) {
    auto type = cast<RankedTensorType>(softmax.getType());
    if (int64_t(softmax.getAxis()) != type.getRank() - 1)
      continue;
    SmallVector<Operation *> chain{softmax.getOperation()};
    MatmulOp values = findValues(softmax.getResult(), p, chain);
    MatmulOp scores =
        values ? findScores(softmax.getInput(), p, chain, 4) : nullptr;
    if (!scores)
      continue;
    chain.append({scores.getOperation(), values.getOperation()});
    SmallVector<unsigned> groups;
    for (Operation *op : chain)
      groups.push_back(*p.groupOf(op));
    if (p.wouldCycle(groups))
      continue;
    unsigned root = groups.front();
    for (unsigned g : groups)
      root = p.merge(root, g);
    p.kind[root] = KernelKind::attention;
    LLVM_DEBUG(llvm::dbgs() << "attention at " << softmax.getLoc() << "\n");
  }
}

//===----------------------------------------------------------------------===//
// Step 3: epilogues and row-wise reductions
//===----------------------------------------------------------------------===//

/// Whether |user| may join group |g| as an epilogue: an elementwise op,
/// reshape or transpose (not after a conv) that maps each element of its
/// operands from |g| to one result element. A reduction group may also broadcast a reduced value
/// back over its rows (the `x - mean(x)` of a decomposed norm).
static bool acceptsConsumer(Partition &p, unsigned g, Operation *user) {
  bool elementwise = classify(user) == OpClass::Elementwise;
  if (!elementwise && !isa<ReshapeOp, TransposeOp>(user))
    return false;
  // The implicit GEMM stores each accumulator at its own output index: a
  // transpose after a conv (the way back from channels-last) would make the
  // kernel per-element loops, so it stays outside.
  if (isa<TransposeOp>(user) && p.kind[g] == KernelKind::conv)
    return false;
  int64_t size = numElements(user->getResult(0));
  if (llvm::all_of(user->getOperands(), [&](Value v) {
        return p.groupOf(v) != g || numElements(v) == size;
      }))
    return true;
  ArrayRef<int64_t> shape =
      cast<RankedTensorType>(user->getResult(0).getType()).getShape();
  return elementwise && p.kind[g] == KernelKind::reduction &&
         llvm::any_of(p.anchors(g), [&](Operation *anchor) {
           return ArrayRef<int64_t>(getRows(anchor).first) == shape;
         });
}

/// Whether reduction groups |g| and |h| work on the same rows.
static bool sameRows(Partition &p, unsigned g, unsigned h) {
  if (p.kind[g] != KernelKind::reduction || p.kind[h] != KernelKind::reduction)
    return false;
  auto rows = getRows(p.anchors(g).front());
  return llvm::all_of(p.anchors(h),
                      [&](Operation *a) { return getRows(a) == rows; });
}

/// Grows the group of anchor |op| with its consumers until nothing more
/// joins: unclaimed cheap consumers become epilogues, and reduction groups
/// over the same rows merge (mean and variance, max and sum of a softmax).
static void growEpilogues(Operation *op, Partition &p) {
  unsigned g = *p.groupOf(op);
  for (bool changed = true; changed;) {
    changed = false;
    SmallVector<Operation *> users;
    for (unsigned m : p.members[g])
      for (Operation *user : p.ops[m]->getUsers())
        if (p.groupOf(user) && p.groupOf(user) != g)
          users.push_back(user);
    llvm::sort(users, [&](Operation *a, Operation *b) {
      return a->isBeforeInBlock(b);
    });
    for (Operation *user : users) {
      unsigned h = *p.groupOf(user);
      if (h == g)
        continue;
      bool epilogue = !p.claimed(h) && acceptsConsumer(p, g, user);
      if (!(epilogue || sameRows(p, g, h)) || p.wouldCycle({g, h}))
        continue;
      g = p.merge(g, h);
      if (epilogue)
        p.role[p.index[user]] = Role::Epilogue;
      changed = true;
    }
  }
}

//===----------------------------------------------------------------------===//
// Step 4: prologues, recomputation and elementwise chains
//===----------------------------------------------------------------------===//

/// Whether group |g| accepts the cheap producer |op| whose users in |g| are
/// |users|. Matmul operands take layout changes, casts and scaling by
/// weights; conv operands take transposes, reshapes and casts; pooling and
/// scan inputs take elementwise ops; the other operands of the epilogue of
/// these groups take views (a reshape, transpose, slice, broadcast or cast,
/// read through an index map); reduction, attention and elementwise groups
/// take any cheap op.
static bool acceptsProducer(Partition &p, unsigned g, Operation *op,
                            ArrayRef<Operation *> users) {
  auto allUsers = [&](auto pred) {
    return llvm::all_of(users,
                        [&](Operation *u) { return pred(p.role[p.index[u]]); });
  };
  bool feedsAnchor =
      allUsers([](Role r) { return r == Role::Anchor || r == Role::Prologue; });
  bool feedsEpilogue = allUsers([](Role r) { return r == Role::Epilogue; });
  bool view = isa<ReshapeOp, TransposeOp, SliceOp, BroadcastToOp, CastOp>(op);
  bool elementwise = classify(op) == OpClass::Elementwise;
  switch (*p.kind[g]) {
  case KernelKind::matmul: {
    int nonWeights =
        llvm::count_if(op->getOperands(), [](Value v) { return !isWeight(v); });
    return (feedsEpilogue && view) ||
           (feedsAnchor && (view || (elementwise && nonWeights <= 1)));
  }
  case KernelKind::conv:
    return (feedsEpilogue && view) ||
           (feedsAnchor && isa<TransposeOp, ReshapeOp, CastOp>(op));
  case KernelKind::pooling:
  case KernelKind::scan:
    return (feedsEpilogue && view) || (feedsAnchor && elementwise);
  default:
    return true;
  }
}

/// Whether |op| may be recomputed in each of its consumers: a pure
/// elementwise op whose operands are already materialized (arguments,
/// weights, results of claimed groups), so recomputation never snowballs.
static bool isRecomputable(Operation *op, Partition &p) {
  return op->hasTrait<TesseraElementwise>() &&
         llvm::all_of(op->getOperands(), [&](Value v) {
           std::optional<unsigned> d = p.groupOf(v);
           return !d || p.claimed(*d);
         });
}

/// Places the unclaimed cheap op |i|, all of whose users are already placed:
/// into the one group that consumes it, else recomputed in every consuming
/// group, else into the first consuming elementwise/copy group (which then
/// also returns it), else into a new elementwise or copy group.
static void placeProducer(unsigned i, Partition &p) {
  Operation *op = p.ops[i];
  bool external = false;
  llvm::MapVector<unsigned, SmallVector<Operation *>> byGroup;
  for (Operation *user : op->getUsers()) {
    std::optional<unsigned> g = p.groupOf(user);
    if (g && !p.frozen[*g])
      byGroup[*g].push_back(user);
    else
      external = true;
  }
  auto join = [&](unsigned g, unsigned entry) {
    bool body =
        p.kind[g] == KernelKind::elementwise || p.kind[g] == KernelKind::copy;
    if (p.kind[g] == KernelKind::copy &&
        classify(p.ops[entry]) == OpClass::Elementwise)
      p.kind[g] = KernelKind::elementwise;
    bool epilogue = llvm::any_of(p.ops[entry]->getUsers(), [&](Operation *u) {
      return p.index.count(u) && p.role[p.index[u]] == Role::Epilogue;
    });
    p.role[entry] = body       ? Role::Body
                    : epilogue ? Role::Epilogue
                               : Role::Prologue;
    p.merge(g, entry);
  };
  if (!external && byGroup.size() == 1) {
    auto &[g, users] = byGroup.front();
    if (acceptsProducer(p, g, op, users) && !p.wouldCycle({g, i}))
      return join(g, i);
  }
  if (!external && byGroup.size() > 1 && isRecomputable(op, p) &&
      llvm::all_of(byGroup, [&](auto &entry) {
        auto &[g, users] = entry;
        return acceptsProducer(p, g, op, users) &&
               llvm::none_of(op->getOperands(), [&](Value v) {
                 std::optional<unsigned> d = p.groupOf(v);
                 return d && *d != g && p.reaches(g, *d);
               });
      })) {
    OpBuilder builder(op);
    for (auto &[g, users] : byGroup) {
      Operation *clone = builder.clone(*op);
      for (Operation *user : users)
        user->replaceUsesOfWith(op->getResult(0), clone->getResult(0));
      join(g, p.add(clone, Role::Prologue));
    }
    p.index.erase(op);
    p.ops[i] = nullptr;
    op->erase();
    return;
  }
  // The consuming groups in the order of their first consumer of |op|.
  SmallVector<std::pair<Operation *, unsigned>> groups;
  for (auto &[g, users] : byGroup)
    groups.push_back({*llvm::min_element(users,
                                         [](Operation *a, Operation *b) {
                                           return a->isBeforeInBlock(b);
                                         }),
                      g});
  llvm::sort(groups, [](auto &a, auto &b) {
    return a.first->isBeforeInBlock(b.first);
  });
  for (auto [user, g] : groups)
    if ((p.kind[g] == KernelKind::elementwise ||
         p.kind[g] == KernelKind::copy) &&
        !p.wouldCycle({g, i}))
      return join(g, i);
  p.kind[i] = classify(op) == OpClass::Movement ? KernelKind::copy
                                                : KernelKind::elementwise;
}

//===----------------------------------------------------------------------===//
// Emitting kernels
//===----------------------------------------------------------------------===//

/// The ONNX node name of |op| (its NameLoc), else its op name.
static std::string nodeName(Operation *op) {
  if (auto name = dyn_cast<NameLoc>(op->getLoc()))
    return name.getName().str();
  return op->getName().stripDialect().str();
}

/// A kernel name for |ops| (in program order) with |anchors|: the anchor's
/// node name, else `first_last` of the anchors' (or all ops') node names,
/// reduced to [A-Za-z0-9_] and made unique in |used|.
static std::string kernelName(ArrayRef<Operation *> ops,
                              ArrayRef<Operation *> anchors,
                              llvm::StringSet<> &used) {
  ArrayRef<Operation *> named = anchors.empty() ? ops : anchors;
  std::string first = nodeName(named.front()), last = nodeName(named.back());
  std::string raw = first == last ? first : first + "_" + last, name;
  for (char c : raw) {
    char s = llvm::isAlnum(c) ? c : '_';
    if (s != '_' || (!name.empty() && name.back() != '_'))
      name.push_back(s);
  }
  while (!name.empty() && name.back() == '_')
    name.pop_back();
  if (name.empty() || llvm::isDigit(name.front()))
    name = "k_" + name;
  std::string unique = name;
  for (int n = 1; !used.insert(unique).second; ++n)
    unique = name + "_" + std::to_string(n);
  return unique;
}

/// Sorts every group's members into program order and returns the groups
/// in a topological order that follows program order where it can (Kahn's
/// algorithm, taking the ready group whose first anchor, else first op,
/// comes first), or failure if the groups depend on each other in a cycle.
static FailureOr<SmallVector<unsigned>> scheduleGroups(Block &block,
                                                       Partition &p) {
  DenseMap<Operation *, unsigned> position;
  unsigned next = 0;
  for (Operation &op : block)
    position[&op] = next++;
  SmallVector<unsigned> roots;
  for (unsigned i = 0; i < p.ops.size(); ++i)
    if (p.ops[i] && p.find(i) == i) {
      llvm::sort(p.members[i], [&](unsigned a, unsigned b) {
        return position[p.ops[a]] < position[p.ops[b]];
      });
      roots.push_back(i);
    }
  DenseMap<unsigned, SmallVector<unsigned>> successors;
  DenseMap<unsigned, unsigned> pending;
  for (unsigned g : roots) {
    DenseSet<unsigned> deps;
    for (unsigned m : p.members[g])
      for (Value v : p.ops[m]->getOperands())
        if (std::optional<unsigned> d = p.groupOf(v); d && *d != g)
          if (deps.insert(*d).second)
            successors[*d].push_back(g);
    pending[g] = deps.size();
  }
  auto first = [&](unsigned g) {
    SmallVector<Operation *> anchors = p.anchors(g);
    return position[anchors.empty() ? p.ops[p.members[g][0]] : anchors[0]];
  };
  using Entry = std::pair<unsigned, unsigned>; // (position, root)
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> ready;
  for (unsigned g : roots)
    if (pending[g] == 0)
      ready.push({first(g), g});
  SmallVector<unsigned> order;
  while (!ready.empty()) {
    unsigned g = ready.top().second;
    ready.pop();
    order.push_back(g);
    for (unsigned s : successors[g])
      if (--pending[s] == 0)
        ready.push({first(s), s});
  }
  if (order.size() != roots.size())
    return failure();
  return order;
}

/// Builds the kernel computing |ops| (one group, in program order) at
/// |builder|'s insertion point and redirects every use of the group's
/// results outside it to the kernel. Returns false for a dead group (no
/// result used outside), which gets no kernel.
static bool buildKernel(OpBuilder &builder, ArrayRef<Operation *> ops,
                        StringRef name, KernelKind kind) {
  DenseSet<Operation *> inGroup(ops.begin(), ops.end());
  llvm::SetVector<Value> inputs;
  SmallVector<Value> outputs;
  SmallVector<Location> locs;
  for (Operation *op : ops) {
    locs.push_back(op->getLoc());
    for (Value v : op->getOperands())
      if (!inGroup.contains(v.getDefiningOp()))
        inputs.insert(v);
    for (Value r : op->getResults())
      if (llvm::any_of(r.getUsers(), [&](Operation *user) {
            return !inGroup.contains(user);
          }))
        outputs.push_back(r);
  }
  if (outputs.empty())
    return false;
  auto kernel = builder.create<KernelOp>(builder.getFusedLoc(locs),
                                         ValueRange(outputs).getTypes(),
                                         inputs.getArrayRef(), name, kind);
  Block &body = kernel.getBody().front();
  IRMapping mapping;
  mapping.map(inputs.getArrayRef(), body.getArguments());
  OpBuilder inner = OpBuilder::atBlockEnd(&body);
  for (Operation *op : ops)
    inner.clone(*op, mapping);
  SmallVector<Value> yielded;
  for (Value v : outputs)
    yielded.push_back(mapping.lookup(v));
  inner.create<YieldOp>(kernel.getLoc(), yielded);
  for (auto [v, r] : llvm::zip(outputs, kernel.getResults()))
    v.replaceAllUsesWith(r);
  return true;
}

/// Replaces the groups of |p| by kernels before |block|'s terminator, in the
/// order of scheduleGroups (frozen ops move there too), and erases the
/// original ops. Returns the number of kernels, or failure (before any
/// kernel is built) if the groups form a cycle.
static FailureOr<unsigned> emitKernels(Block &block, Partition &p) {
  FailureOr<SmallVector<unsigned>> order = scheduleGroups(block, p);
  if (failed(order))
    return failure();
  Operation *terminator = block.getTerminator();
  OpBuilder builder(terminator);
  llvm::StringSet<> names;
  SmallVector<Operation *> erased;
  unsigned count = 0;
  for (unsigned g : *order) {
    SmallVector<Operation *> ops;
    for (unsigned m : p.members[g])
      ops.push_back(p.ops[m]);
    if (p.frozen[g]) {
      ops.front()->moveBefore(terminator);
      continue;
    }
    llvm::append_range(erased, ops);
    if (buildKernel(builder, ops, kernelName(ops, p.anchors(g), names),
                    *p.kind[g]))
      ++count;
  }
  // The original ops still use each other: drop the uses, then erase.
  for (Operation *op : erased)
    op->dropAllUses();
  for (Operation *op : erased)
    op->erase();
  return count;
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct TesseraFusePass final : tessera::impl::TesseraFuseBase<TesseraFusePass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (!func.getBody().hasOneBlock()) {
      func.emitError() << "expected function '" << func.getSymName()
                       << "' to have one block, got "
                       << func.getBody().getBlocks().size();
      return signalPassFailure();
    }
    Block &block = func.getBody().front();
    Partition p;
    // Step 1: anchors. Step 2: attention.
    seedAnchors(block, p);
    formAttention(block, p);
    LLVM_DEBUG(dumpGroups(p, "attention"));
    // Step 3: epilogues, in program order.
    unsigned seeded = p.ops.size();
    for (unsigned i = 0; i < seeded; ++i)
      if (p.role[i] == Role::Anchor && !p.frozen[i])
        growEpilogues(p.ops[i], p);
    LLVM_DEBUG(dumpGroups(p, "epilogues"));
    // Step 4: prologues and elementwise chains, consumers first.
    for (unsigned i = seeded; i-- > 0;)
      if (p.ops[i] && !p.claimed(p.find(i)))
        placeProducer(i, p);
    LLVM_DEBUG(dumpGroups(p, "prologues"));
    // Step 5: kernels.
    FailureOr<unsigned> count = emitKernels(block, p);
    if (failed(count)) {
      func.emitError() << "internal error: fusion groups of function '"
                       << func.getSymName() << "' form a cycle";
      return signalPassFailure();
    }
    numKernels += *count;
  }
};

} // namespace
