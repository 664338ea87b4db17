//===- tessera-inspect.cpp - Print what a bundle holds --------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// tessera-inspect BUNDLE [--json]
//
// Prints a bundle's version, precision, signature, arena and weight sizes,
// kernels (nodes, kind, image, the targets with a cubin or PTX for it) and
// each target's plan (per step: kernel, grid, block, shared memory, args).
// A truncated or corrupted bundle is refused with the container's or the
// decoder's message (which check failed). Exit status: 0 on success, 1 on a
// refused or unreadable bundle, 2 on bad usage. Runtime only: no MLIR/LLVM.
//
//===----------------------------------------------------------------------===//
#include "runtime/bundle/BundleModel.h"
#include "runtime/tensor/HostTensor.h"
#include "runtime/tessera_runtime.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>

using namespace tessera::bundle;

namespace {

constexpr const char *kUsage =
    "usage: tessera-inspect BUNDLE [--json]\n"
    "\n"
    "Prints what a Tessera bundle (.tsrb) holds: version, precision, inputs\n"
    "and outputs, arena and weight sizes, kernels (ONNX nodes, kind, image,\n"
    "targets with a cubin or PTX) and the plan of each target. --json prints\n"
    "the same as one JSON object. Refuses truncated or corrupted bundles.\n"
    "Exit status: 0 on success, 1 on a refused bundle, 2 on bad usage.\n";

std::string dim3(const std::array<uint32_t, 3> &d) {
  return std::to_string(d[0]) + "x" + std::to_string(d[1]) + "x" +
         std::to_string(d[2]);
}

const char *kindName(BufferKind kind) {
  switch (kind) {
  case BufferKind::Arena:
    return "arena";
  case BufferKind::Weight:
    return "weight";
  case BufferKind::Input:
    return "input";
  case BufferKind::Output:
    return "output";
  }
  return "?";
}

std::string describeArg(const Model &model, const BufferRef &ref) {
  std::string text = kindName(ref.kind);
  if (ref.kind == BufferKind::Input || ref.kind == BufferKind::Output) {
    const TensorDesc &desc = ref.kind == BufferKind::Input
                                 ? model.inputs[ref.value]
                                 : model.outputs[ref.value];
    text += " " + std::to_string(ref.value) + " '" + desc.name + "'";
  } else {
    text += "+" + std::to_string(ref.value);
  }
  return text + " (" + std::to_string(ref.bytes) + " B)";
}

/// |alpha| in the shortest form that reads back the same float.
std::string alphaText(float alpha) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", alpha);
  return text;
}

/// "m=8 n=32 k=32 batch=1 transB lda=32 ldb=32 ldd=32 strides=0,0,0
/// compute=tf32 epilogue=bias" for a Gemm step.
std::string describeGemm(const tessera::bundle::GemmParams &g) {
  auto n = [](uint64_t v) { return std::to_string(v); };
  std::string text =
      "m=" + n(g.m) + " n=" + n(g.n) + " k=" + n(g.k) + " batch=" + n(g.batch);
  if (g.transA)
    text += " transA";
  if (g.transB)
    text += " transB";
  text += " lda=" + n(g.lda) + " ldb=" + n(g.ldb) + " ldd=" + n(g.ldd) +
          " strides=" + n(g.strideA) + "," + n(g.strideB) + "," + n(g.strideD) +
          " compute=" + gemmComputeName(g.compute) +
          " epilogue=" + gemmEpilogueName(g.epilogue);
  if (g.alpha != 1.0f)
    text += " alpha=" + alphaText(g.alpha);
  return text;
}

/// The Gemm fields of a step as JSON object members (no braces).
std::string gemmJson(const tessera::bundle::GemmParams &g) {
  auto n = [](uint64_t v) { return std::to_string(v); };
  return "\"m\": " + n(g.m) + ", \"n\": " + n(g.n) + ", \"k\": " + n(g.k) +
         ", \"batch\": " + n(g.batch) +
         ", \"trans_a\": " + (g.transA ? "true" : "false") +
         ", \"trans_b\": " + (g.transB ? "true" : "false") +
         ", \"lda\": " + n(g.lda) + ", \"ldb\": " + n(g.ldb) +
         ", \"ldd\": " + n(g.ldd) + ", \"stride_a\": " + n(g.strideA) +
         ", \"stride_b\": " + n(g.strideB) + ", \"stride_d\": " + n(g.strideD) +
         ", \"compute\": \"" + gemmComputeName(g.compute) +
         "\", \"epilogue\": \"" + gemmEpilogueName(g.epilogue) +
         "\", \"alpha\": " + alphaText(g.alpha);
}

/// The targets with a cubin (|ptx| false) or PTX for |image|.
std::string targetsOf(const Model &model, uint32_t image, bool ptx) {
  std::string text;
  for (const TargetCode &target : model.targets)
    if (!(ptx ? target.ptxs : target.cubins).empty() &&
        image < (ptx ? target.ptxs : target.cubins).size())
      text += (text.empty() ? "" : ", ") + target.target;
  return text;
}

void printText(const std::string &path, const Bundle &bundle,
               const Model &model, uint64_t weightBytes) {
  std::printf("bundle: %s\n", path.c_str());
  std::printf("version: %u.%u\n", bundle.versionMajor(), bundle.versionMinor());
  std::printf("size: %" PRIu64 " bytes\n", bundle.size());
  std::printf("precision: %s\n", precisionName(model.precision));
  for (auto [list, what] :
       {std::pair{&model.inputs, "input"}, std::pair{&model.outputs, "output"}})
    for (size_t i = 0; i < list->size(); ++i) {
      const TensorDesc &desc = (*list)[i];
      std::printf("%s %zu: %s: %s %s (%" PRIu64 " bytes)\n", what, i,
                  desc.name.c_str(), tessera::formatDims(desc.shape).c_str(),
                  dtypeName(desc.dtype), desc.numBytes());
    }
  std::printf("arena: %" PRIu64 " bytes\n", model.arenaBytes);
  std::printf("weights: %" PRIu64 " bytes\n", weightBytes);
  std::printf("images: %zu\n", model.images.size());
  std::printf("kernels: %zu\n", model.kernels.size());
  for (size_t k = 0; k < model.kernels.size(); ++k) {
    const KernelInfo &kernel = model.kernels[k];
    std::string nodes;
    for (const std::string &node : kernel.nodes)
      nodes += (nodes.empty() ? "" : ", ") + node;
    std::string cubins = targetsOf(model, kernel.image, false);
    std::string ptxs = targetsOf(model, kernel.image, true);
    std::printf("  kernel %zu: %s (%s) nodes: %s; image %u entry %s; cubin: "
                "%s; ptx: %s\n",
                k, kernel.name.c_str(), kernel.kind.c_str(),
                nodes.empty() ? "-" : nodes.c_str(), kernel.image,
                kernel.entry.c_str(), cubins.empty() ? "-" : cubins.c_str(),
                ptxs.empty() ? "-" : ptxs.c_str());
  }
  for (const TargetCode &target : model.targets) {
    std::printf("plan %s: %zu steps\n", target.target.c_str(),
                target.plan.size());
    for (size_t s = 0; s < target.plan.size(); ++s) {
      const Step &step = target.plan[s];
      std::string args;
      for (const BufferRef &ref : step.args)
        args += (args.empty() ? "" : ", ") + describeArg(model, ref);
      if (step.kind == Step::Kind::Copy) {
        std::printf("  step %zu: copy %" PRIu64 " bytes: %s -> %s\n", s,
                    step.args[0].bytes,
                    describeArg(model, step.args[0]).c_str(),
                    describeArg(model, step.args[1]).c_str());
        continue;
      }
      if (step.kind == Step::Kind::Gemm) {
        std::printf("  step %zu: gemm %s (cuBLASLt) %s args: %s\n", s,
                    model.kernels[step.kernel].name.c_str(),
                    describeGemm(step.gemm).c_str(), args.c_str());
        continue;
      }
      std::printf("  step %zu: launch %s grid %s block %s smem %u args: %s\n",
                  s, model.kernels[step.kernel].name.c_str(),
                  dim3(step.grid).c_str(), dim3(step.block).c_str(),
                  step.sharedBytes, args.c_str());
    }
  }
}

/// JSON string literal.
std::string quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\u%04x", u);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

template <typename List, typename Each>
std::string array(const List &list, Each each) {
  std::string out = "[";
  bool first = true;
  for (const auto &item : list) {
    out += (first ? "" : ", ") + each(item);
    first = false;
  }
  return out + "]";
}

std::string tensorJson(const TensorDesc &desc) {
  return "{\"name\": " + quote(desc.name) + ", \"dtype\": \"" +
         dtypeName(desc.dtype) + "\", \"shape\": " +
         array(desc.shape, [](int64_t d) { return std::to_string(d); }) +
         ", \"bytes\": " + std::to_string(desc.numBytes()) + "}";
}

std::string argJson(const BufferRef &ref) {
  bool indexed =
      ref.kind == BufferKind::Input || ref.kind == BufferKind::Output;
  return std::string("{\"kind\": \"") + kindName(ref.kind) + "\", \"" +
         (indexed ? "index" : "offset") + "\": " + std::to_string(ref.value) +
         ", \"bytes\": " + std::to_string(ref.bytes) + "}";
}

void printJson(const std::string &path, const Bundle &bundle,
               const Model &model, uint64_t weightBytes) {
  auto u32s = [](const std::array<uint32_t, 3> &d) {
    return array(d, [](uint32_t v) { return std::to_string(v); });
  };
  auto strings = [](const std::vector<std::string> &list) {
    return array(list, [](const std::string &s) { return quote(s); });
  };
  auto targetList = [&](uint32_t image, bool ptx) {
    std::vector<std::string> names;
    for (const TargetCode &target : model.targets)
      if (image < (ptx ? target.ptxs : target.cubins).size())
        names.push_back(target.target);
    return names;
  };
  std::string out = "{\n";
  out += "  \"bundle\": " + quote(path) + ",\n";
  out += "  \"version\": \"" + std::to_string(bundle.versionMajor()) + "." +
         std::to_string(bundle.versionMinor()) + "\",\n";
  out += "  \"size\": " + std::to_string(bundle.size()) + ",\n";
  out += std::string("  \"precision\": \"") + precisionName(model.precision) +
         "\",\n";
  out += "  \"inputs\": " + array(model.inputs, tensorJson) + ",\n";
  out += "  \"outputs\": " + array(model.outputs, tensorJson) + ",\n";
  out += "  \"arena_bytes\": " + std::to_string(model.arenaBytes) + ",\n";
  out += "  \"weights_bytes\": " + std::to_string(weightBytes) + ",\n";
  out += "  \"images\": " +
         array(model.images,
               [](const Image &image) {
                 return "{\"source_bytes\": " +
                        std::to_string(image.source.size()) + "}";
               }) +
         ",\n";
  out +=
      "  \"kernels\": " +
      array(model.kernels,
            [&](const KernelInfo &kernel) {
              return "{\"name\": " + quote(kernel.name) +
                     ", \"kind\": " + quote(kernel.kind) +
                     ", \"nodes\": " + strings(kernel.nodes) +
                     ", \"image\": " + std::to_string(kernel.image) +
                     ", \"entry\": " + quote(kernel.entry) + ", \"cubin\": " +
                     strings(targetList(kernel.image, false)) +
                     ", \"ptx\": " + strings(targetList(kernel.image, true)) +
                     "}";
            }) +
      ",\n";
  out +=
      "  \"targets\": " +
      array(model.targets,
            [&](const TargetCode &target) {
              return "{\"target\": " + quote(target.target) + ", \"cubin\": " +
                     (target.cubins.empty() ? "false" : "true") +
                     ", \"ptx\": " + (target.ptxs.empty() ? "false" : "true") +
                     ", \"plan\": " +
                     array(target.plan,
                           [&](const Step &step) {
                             if (step.kind == Step::Kind::Copy)
                               return "{\"kind\": \"copy\", \"args\": " +
                                      array(step.args, argJson) + "}";
                             if (step.kind == Step::Kind::Gemm)
                               return "{\"kind\": \"gemm\", \"kernel\": " +
                                      quote(model.kernels[step.kernel].name) +
                                      ", " + gemmJson(step.gemm) +
                                      ", \"args\": " +
                                      array(step.args, argJson) + "}";
                             return "{\"kind\": \"launch\", \"kernel\": " +
                                    quote(model.kernels[step.kernel].name) +
                                    ", \"grid\": " + u32s(step.grid) +
                                    ", \"block\": " + u32s(step.block) +
                                    ", \"shared_bytes\": " +
                                    std::to_string(step.sharedBytes) +
                                    ", \"args\": " + array(step.args, argJson) +
                                    "}";
                           }) +
                     "}";
            }) +
      "\n}\n";
  std::fputs(out.c_str(), stdout);
}

} // namespace

int main(int argc, char **argv) {
  std::string path;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--version") {
      std::printf("tessera-inspect %s\n", tessera_runtime_version());
      return 0;
    }
    if (arg == "--json") {
      json = true;
      continue;
    }
    if (arg.empty() || arg[0] == '-' || !path.empty()) {
      std::fprintf(stderr, "tessera-inspect: %s '%s'\n%s",
                   path.empty() || arg[0] == '-' ? "unknown argument"
                                                 : "more than one bundle",
                   arg.c_str(), kUsage);
      return 2;
    }
    path = arg;
  }
  if (path.empty()) {
    std::fprintf(stderr, "tessera-inspect: no bundle given\n%s", kUsage);
    return 2;
  }
  std::string error;
  std::unique_ptr<Bundle> bundle = Bundle::openFile(path, error);
  if (!bundle) {
    std::fprintf(stderr, "tessera-inspect: error: %s\n", error.c_str());
    return 1;
  }
  DecodeOptions options;
  options.copyWeights = false;
  std::optional<Model> model = decodeBundle(*bundle, options, error);
  if (!model) {
    std::fprintf(stderr, "tessera-inspect: error: %s: %s\n", path.c_str(),
                 error.c_str());
    return 1;
  }
  uint64_t weightBytes = bundle->find("weights")->bytes.size();
  if (json)
    printJson(path, *bundle, *model, weightBytes);
  else
    printText(path, *bundle, *model, weightBytes);
  return 0;
}
