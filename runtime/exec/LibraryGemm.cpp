//===- LibraryGemm.cpp - The Gemm steps of a plan -------------------------===//
//
// Part of the Tessera project, under the Apache License v2.0 with LLVM
// Exceptions. SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
#include "runtime/exec/LibraryGemm.h"

#include "runtime/status.h"
#include "runtime/support/DynamicLibrary.h"
#include "runtime/tensor/HostTensor.h"

#include <cublasLt.h>
#include <cuda_runtime_api.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <vector>

namespace tessera::exec {

using bundle::GemmCompute;
using bundle::GemmEpilogue;
using bundle::GemmParams;

//===----------------------------------------------------------------------===//
// Host
//===----------------------------------------------------------------------===//

namespace {

/// |x| rounded to nearest even with 10 mantissa bits (TF32's), NaN and
/// infinity kept.
float roundToTf32(float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, 4);
  if ((bits & 0x7f800000u) == 0x7f800000u)
    return x;
  bits += 0xfffu + ((bits >> 13) & 1u);
  bits &= ~0x1fffu;
  std::memcpy(&x, &bits, 4);
  return x;
}

float roundOperand(float x, GemmCompute compute) {
  switch (compute) {
  case GemmCompute::F32:
    return x;
  case GemmCompute::TF32:
    return roundToTf32(x);
  case GemmCompute::BF16:
    return bfloat16ToFloat(floatToBFloat16(x));
  case GemmCompute::F16:
    return halfToFloat(floatToHalf(x));
  }
  return x;
}

float activation(float x, GemmEpilogue epilogue) {
  switch (epilogue) {
  case GemmEpilogue::Relu:
  case GemmEpilogue::BiasRelu:
    return x > 0.0f ? x : 0.0f;
  case GemmEpilogue::Gelu:
  case GemmEpilogue::BiasGelu: {
    // The tanh approximation, as cuBLASLt's GELU epilogue.
    const float c = 0.7978845608028654f; // sqrt(2 / pi)
    return 0.5f * x * (1.0f + std::tanh(c * (x + 0.044715f * x * x * x)));
  }
  default:
    return x;
  }
}

} // namespace

void runGemmOnHost(const GemmParams &g, const float *a, const float *b,
                   const float *bias, float *d) {
  // op(A) as m x k rows and op(B) as n x k rows, rounded once.
  std::vector<float> rowsA(g.m * g.k), rowsB(g.n * g.k);
  bool hasBias = bundle::gemmHasBias(g.epilogue);
  for (uint64_t batch = 0; batch < g.batch; ++batch) {
    const float *ab = a + batch * g.strideA;
    const float *bb = b + batch * g.strideB;
    float *db = d + batch * g.strideD;
    for (uint64_t i = 0; i < g.m; ++i)
      for (uint64_t p = 0; p < g.k; ++p)
        rowsA[i * g.k + p] = roundOperand(
            g.transA ? ab[p * g.lda + i] : ab[i * g.lda + p], g.compute);
    for (uint64_t j = 0; j < g.n; ++j)
      for (uint64_t p = 0; p < g.k; ++p)
        rowsB[j * g.k + p] = roundOperand(
            g.transB ? bb[j * g.ldb + p] : bb[p * g.ldb + j], g.compute);
    for (uint64_t i = 0; i < g.m; ++i) {
      const float *ra = &rowsA[i * g.k];
      for (uint64_t j = 0; j < g.n; ++j) {
        const float *rb = &rowsB[j * g.k];
        double sum = 0.0;
        for (uint64_t p = 0; p < g.k; ++p)
          sum += static_cast<double>(ra[p]) * rb[p];
        float value = g.alpha * static_cast<float>(sum);
        if (hasBias)
          value += bias[j];
        db[i * g.ldd + j] = activation(value, g.epilogue);
      }
    }
  }
}

//===----------------------------------------------------------------------===//
// cuBLASLt
//===----------------------------------------------------------------------===//

namespace {

/// The cuBLASLt entry points Tessera uses.
struct CublasLtApi {
  decltype(&::cublasLtCreate) create;
  decltype(&::cublasLtDestroy) destroy;
  decltype(&::cublasLtMatmulDescCreate) matmulDescCreate;
  decltype(&::cublasLtMatmulDescDestroy) matmulDescDestroy;
  decltype(&::cublasLtMatmulDescSetAttribute) matmulDescSetAttribute;
  decltype(&::cublasLtMatrixLayoutCreate) matrixLayoutCreate;
  decltype(&::cublasLtMatrixLayoutDestroy) matrixLayoutDestroy;
  decltype(&::cublasLtMatrixLayoutSetAttribute) matrixLayoutSetAttribute;
  decltype(&::cublasLtMatmulPreferenceCreate) preferenceCreate;
  decltype(&::cublasLtMatmulPreferenceDestroy) preferenceDestroy;
  decltype(&::cublasLtMatmulPreferenceSetAttribute) preferenceSetAttribute;
  decltype(&::cublasLtMatmulAlgoGetHeuristic) algoGetHeuristic;
  decltype(&::cublasLtMatmul) matmul;
};

struct LoadedApi {
  CublasLtApi api{};
  bool ok = false;
  std::string error;
};

using support::bindSymbol;

LoadedApi loadApi() {
  LoadedApi loaded;
  std::string tried;
  void *handle = support::openFirstLibrary(
      support::libraryCandidates(
          "TESSERA_CUBLASLT_LIBRARY", {"", "/usr/local/cuda/lib64/"},
          {"libcublasLt.so.13", "libcublasLt.so.12", "libcublasLt.so"}),
      tried);
  if (!handle) {
    loaded.error = "cuBLASLt was not found (tried " + tried +
                   "); install the CUDA toolkit's cuBLAS, set "
                   "TESSERA_CUBLASLT_LIBRARY, or compile with "
                   "--matmul=generated";
    return loaded;
  }
  CublasLtApi &api = loaded.api;
  loaded.ok =
      bindSymbol(handle, "cublasLtCreate", api.create) &&
      bindSymbol(handle, "cublasLtDestroy", api.destroy) &&
      bindSymbol(handle, "cublasLtMatmulDescCreate", api.matmulDescCreate) &&
      bindSymbol(handle, "cublasLtMatmulDescDestroy", api.matmulDescDestroy) &&
      bindSymbol(handle, "cublasLtMatmulDescSetAttribute",
                 api.matmulDescSetAttribute) &&
      bindSymbol(handle, "cublasLtMatrixLayoutCreate",
                 api.matrixLayoutCreate) &&
      bindSymbol(handle, "cublasLtMatrixLayoutDestroy",
                 api.matrixLayoutDestroy) &&
      bindSymbol(handle, "cublasLtMatrixLayoutSetAttribute",
                 api.matrixLayoutSetAttribute) &&
      bindSymbol(handle, "cublasLtMatmulPreferenceCreate",
                 api.preferenceCreate) &&
      bindSymbol(handle, "cublasLtMatmulPreferenceDestroy",
                 api.preferenceDestroy) &&
      bindSymbol(handle, "cublasLtMatmulPreferenceSetAttribute",
                 api.preferenceSetAttribute) &&
      bindSymbol(handle, "cublasLtMatmulAlgoGetHeuristic",
                 api.algoGetHeuristic) &&
      bindSymbol(handle, "cublasLtMatmul", api.matmul);
  if (!loaded.ok)
    loaded.error = "the cuBLASLt library lacks an entry point Tessera needs";
  return loaded;
}

const CublasLtApi *cublasLt(std::string &error) {
  static const LoadedApi loaded = loadApi();
  if (!loaded.ok) {
    error = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

/// 32 MiB: enough for cuBLASLt's largest Hopper kernels.
constexpr size_t kWorkspaceBytes = 32u << 20;

/// The descriptors and algorithm of one Gemm step.
struct Prepared {
  cublasLtMatmulDesc_t op = nullptr;
  cublasLtMatrixLayout_t a = nullptr, b = nullptr, d = nullptr;
  cublasLtMatmulAlgo_t algo{};
  bool hasBias = false;
  /// The pointer alignments (A, B, bias, D) the algorithm was chosen for.
  std::array<uint32_t, 4> alignments{};
};

/// The largest power of two up to 256 that divides |pointer|'s address.
uint32_t alignmentOf(const void *pointer) {
  uint32_t alignment = 256;
  while (alignment > 4 && reinterpret_cast<uintptr_t>(pointer) % alignment != 0)
    alignment /= 2;
  return alignment;
}

class CublasLtRunnerImpl final : public CublasLtRunner {
public:
  explicit CublasLtRunnerImpl(const CublasLtApi &api) : api(api) {}
  ~CublasLtRunnerImpl() override {
    for (auto &[index, p] : prepared) {
      (void)index;
      destroy(p);
    }
    if (workspace)
      cudaFree(workspace);
    if (handle)
      api.destroy(handle);
  }
  tessera_status_t init();
  tessera_status_t run(size_t stepIndex, const GemmParams &gemm, const void *a,
                       const void *b, const void *bias, void *d, void *stream,
                       const std::string &label) override;

private:
  tessera_status_t prepare(const GemmParams &g,
                           const std::array<const void *, 4> &pointers,
                           Prepared &p, const std::string &label);
  void destroy(Prepared &p) {
    if (p.a)
      api.matrixLayoutDestroy(p.a);
    if (p.b)
      api.matrixLayoutDestroy(p.b);
    if (p.d)
      api.matrixLayoutDestroy(p.d);
    if (p.op)
      api.matmulDescDestroy(p.op);
  }

  const CublasLtApi &api;
  cublasLtHandle_t handle = nullptr;
  void *workspace = nullptr;
  std::map<size_t, Prepared> prepared;
};

#define TESSERA_CUBLAS_CHECK(expr, what)                                       \
  do {                                                                         \
    cublasStatus_t status_ = (expr);                                           \
    if (status_ != CUBLAS_STATUS_SUCCESS)                                      \
      return TESSERA_MAKE_STATUS(                                              \
          TESSERA_STATUS_INTERNAL, "%s: cuBLASLt: %s failed (status %d)",      \
          label.c_str(), what, static_cast<int>(status_));                     \
  } while (0)

tessera_status_t CublasLtRunnerImpl::init() {
  const std::string label = "cuBLASLt";
  TESSERA_CUBLAS_CHECK(api.create(&handle), "cublasLtCreate");
  cudaError_t error = cudaMalloc(&workspace, kWorkspaceBytes);
  if (error != cudaSuccess)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_RESOURCE_EXHAUSTED,
                               "cuBLASLt: cannot allocate its %zu-byte "
                               "workspace: %s",
                               kWorkspaceBytes, cudaGetErrorString(error));
  return nullptr;
}

tessera_status_t
CublasLtRunnerImpl::prepare(const GemmParams &g,
                            const std::array<const void *, 4> &pointers,
                            Prepared &p, const std::string &label) {
  cublasComputeType_t compute = CUBLAS_COMPUTE_32F;
  switch (g.compute) {
  case GemmCompute::F32:
    compute = CUBLAS_COMPUTE_32F;
    break;
  case GemmCompute::TF32:
    compute = CUBLAS_COMPUTE_32F_FAST_TF32;
    break;
  case GemmCompute::BF16:
    compute = CUBLAS_COMPUTE_32F_FAST_16BF;
    break;
  case GemmCompute::F16:
    compute = CUBLAS_COMPUTE_32F_FAST_16F;
    break;
  }
  TESSERA_CUBLAS_CHECK(api.matmulDescCreate(&p.op, compute, CUDA_R_32F),
                       "cublasLtMatmulDescCreate");
  // cuBLASLt's A is our B, its B our A (see LibraryGemm.h).
  cublasOperation_t opA = g.transB ? CUBLAS_OP_T : CUBLAS_OP_N;
  cublasOperation_t opB = g.transA ? CUBLAS_OP_T : CUBLAS_OP_N;
  TESSERA_CUBLAS_CHECK(api.matmulDescSetAttribute(p.op,
                                                  CUBLASLT_MATMUL_DESC_TRANSA,
                                                  &opA, sizeof(opA)),
                       "setting TRANSA");
  TESSERA_CUBLAS_CHECK(api.matmulDescSetAttribute(p.op,
                                                  CUBLASLT_MATMUL_DESC_TRANSB,
                                                  &opB, sizeof(opB)),
                       "setting TRANSB");
  cublasLtEpilogue_t epilogue = CUBLASLT_EPILOGUE_DEFAULT;
  switch (g.epilogue) {
  case GemmEpilogue::None:
    epilogue = CUBLASLT_EPILOGUE_DEFAULT;
    break;
  case GemmEpilogue::Bias:
    epilogue = CUBLASLT_EPILOGUE_BIAS;
    break;
  case GemmEpilogue::Relu:
    epilogue = CUBLASLT_EPILOGUE_RELU;
    break;
  case GemmEpilogue::BiasRelu:
    epilogue = CUBLASLT_EPILOGUE_RELU_BIAS;
    break;
  case GemmEpilogue::Gelu:
    epilogue = CUBLASLT_EPILOGUE_GELU;
    break;
  case GemmEpilogue::BiasGelu:
    epilogue = CUBLASLT_EPILOGUE_GELU_BIAS;
    break;
  }
  TESSERA_CUBLAS_CHECK(api.matmulDescSetAttribute(p.op,
                                                  CUBLASLT_MATMUL_DESC_EPILOGUE,
                                                  &epilogue, sizeof(epilogue)),
                       "setting the epilogue");
  p.hasBias = bundle::gemmHasBias(g.epilogue);

  // Column-major layouts: rows, columns, pitch of each matrix as stored.
  auto layout = [&](cublasLtMatrixLayout_t &out, uint64_t rows, uint64_t cols,
                    uint64_t ld, uint64_t stride) -> cublasStatus_t {
    cublasStatus_t status =
        api.matrixLayoutCreate(&out, CUDA_R_32F, rows, cols, ld);
    if (status != CUBLAS_STATUS_SUCCESS || g.batch == 1)
      return status;
    int32_t count = static_cast<int32_t>(g.batch);
    int64_t offset = static_cast<int64_t>(stride);
    status = api.matrixLayoutSetAttribute(
        out, CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT, &count, sizeof(count));
    if (status != CUBLAS_STATUS_SUCCESS)
      return status;
    return api.matrixLayoutSetAttribute(
        out, CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET, &offset,
        sizeof(offset));
  };
  // Our B row-major (k x n, or n x k when transposed) is column-major n x k
  // (k x n); our A likewise; our D (m x n) is column-major n x m.
  TESSERA_CUBLAS_CHECK(
      layout(p.a, g.transB ? g.k : g.n, g.transB ? g.n : g.k, g.ldb, g.strideB),
      "the layout of B");
  TESSERA_CUBLAS_CHECK(
      layout(p.b, g.transA ? g.m : g.k, g.transA ? g.k : g.m, g.lda, g.strideA),
      "the layout of A");
  TESSERA_CUBLAS_CHECK(layout(p.d, g.n, g.m, g.ldd, g.strideD),
                       "the layout of D");

  cublasLtMatmulPreference_t preference = nullptr;
  TESSERA_CUBLAS_CHECK(api.preferenceCreate(&preference),
                       "cublasLtMatmulPreferenceCreate");
  uint64_t workspaceBytes = kWorkspaceBytes;
  cublasStatus_t status = api.preferenceSetAttribute(
      preference, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &workspaceBytes,
      sizeof(workspaceBytes));
  // The pointers' alignment (cuBLASLt assumes 256 bytes unless told); a run
  // with less aligned pointers prepares the step again (run()).
  const cublasLtMatmulPreferenceAttributes_t alignments[] = {
      CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_B_BYTES, // our A
      CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_A_BYTES, // our B
      CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES, // (bias: none)
      CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_D_BYTES};
  for (size_t i = 0; i < 4; ++i)
    p.alignments[i] = alignmentOf(pointers[i]);
  for (size_t i = 0; i < 4 && status == CUBLAS_STATUS_SUCCESS; ++i) {
    if (i == 2)
      continue;
    uint32_t alignment = p.alignments[i];
    status = api.preferenceSetAttribute(preference, alignments[i], &alignment,
                                        sizeof(alignment));
    if (i == 3) {
      // C is D.
      status = status == CUBLAS_STATUS_SUCCESS
                   ? api.preferenceSetAttribute(
                         preference, CUBLASLT_MATMUL_PREF_MIN_ALIGNMENT_C_BYTES,
                         &alignment, sizeof(alignment))
                   : status;
    }
  }
  cublasLtMatmulHeuristicResult_t result{};
  int found = 0;
  if (status == CUBLAS_STATUS_SUCCESS)
    status = api.algoGetHeuristic(handle, p.op, p.a, p.b, p.d, p.d, preference,
                                  1, &result, &found);
  api.preferenceDestroy(preference);
  TESSERA_CUBLAS_CHECK(status, "cublasLtMatmulAlgoGetHeuristic");
  if (found == 0)
    return TESSERA_MAKE_STATUS(
        TESSERA_STATUS_UNIMPLEMENTED,
        "%s: cuBLASLt has no algorithm for this GEMM (m=%llu n=%llu k=%llu "
        "batch=%llu, %s, epilogue %s); compile with --matmul=generated",
        label.c_str(), static_cast<unsigned long long>(g.m),
        static_cast<unsigned long long>(g.n),
        static_cast<unsigned long long>(g.k),
        static_cast<unsigned long long>(g.batch),
        bundle::gemmComputeName(g.compute),
        bundle::gemmEpilogueName(g.epilogue));
  p.algo = result.algo;
  return nullptr;
}

tessera_status_t CublasLtRunnerImpl::run(size_t stepIndex, const GemmParams &g,
                                         const void *a, const void *b,
                                         const void *bias, void *d,
                                         void *stream,
                                         const std::string &label) {
  auto found = prepared.find(stepIndex);
  if (found != prepared.end()) {
    const void *pointers[4] = {a, b, bias, d};
    for (size_t i = 0; i < 4; ++i)
      if (i != 2 && alignmentOf(pointers[i]) < found->second.alignments[i]) {
        destroy(found->second);
        prepared.erase(found);
        found = prepared.end();
        break;
      }
  }
  if (found == prepared.end()) {
    Prepared p;
    tessera_status_t status = prepare(g, {a, b, bias, d}, p, label);
    if (status) {
      destroy(p);
      return status;
    }
    found = prepared.emplace(stepIndex, p).first;
  }
  Prepared &p = found->second;
  if (p.hasBias)
    TESSERA_CUBLAS_CHECK(
        api.matmulDescSetAttribute(p.op, CUBLASLT_MATMUL_DESC_BIAS_POINTER,
                                   &bias, sizeof(bias)),
        "setting the bias pointer");
  const float alpha = g.alpha, beta = 0.0f;
  TESSERA_CUBLAS_CHECK(api.matmul(handle, p.op, &alpha, b, p.a, a, p.b, &beta,
                                  d, p.d, d, p.d, &p.algo, workspace,
                                  kWorkspaceBytes,
                                  static_cast<cudaStream_t>(stream)),
                       "cublasLtMatmul");
  return nullptr;
}

} // namespace

bool cublasLtAvailable(std::string &error) {
  return cublasLt(error) != nullptr;
}

tessera_status_t createCublasLtRunner(std::unique_ptr<CublasLtRunner> &out,
                                      const std::string &label) {
  out.reset();
  std::string error;
  const CublasLtApi *api = cublasLt(error);
  if (!api)
    return TESSERA_MAKE_STATUS(TESSERA_STATUS_UNAVAILABLE,
                               "%s: the plan has library GEMM steps but %s",
                               label.c_str(), error.c_str());
  auto runner = std::make_unique<CublasLtRunnerImpl>(*api);
  TESSERA_RETURN_IF_ERROR(runner->init());
  out = std::move(runner);
  return nullptr;
}

} // namespace tessera::exec
