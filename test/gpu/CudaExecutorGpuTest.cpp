// Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The CUDA executor's run modes on a GPU (each test skips without one), on
// the hand-built bundle of BundleTestUtils.h (y = z = 2 (x + w), t = x + w;
// the results are exact):
//   - a run on a caller's stream with device pointers equals the host run,
//     and the pointer checks refuse a misaligned pointer;
//   - CUDA-graph replay matches the first run over several runs, after the
//     bound pointers change (re-capture + cudaGraphExecUpdate) and for host
//     runs; with graphs off (option or TESSERA_CUDA_GRAPHS=0) every run is
//     eager;
//   - two contexts on two threads, concurrently, each get their results;
//   - the source JIT (a bundle without images, and forced over cubins);
//   - out of memory: an arena larger than any device, RESOURCE_EXHAUSTED
//     with the sizes in the message.

#include "runtime/exec/Executor.h"
#include "runtime/nvrtc/Nvrtc.h"
#include "runtime/tessera_runtime.h"

#include "BundleTestUtils.h"
#include "RuntimeTestUtils.h"

#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <thread>

using tessera::test::StatusPtr;
namespace exec = tessera::exec;

namespace {

constexpr size_t kBytes = 6 * sizeof(float);

/// Device buffers for x, y, t, z (|offset| bytes into 256-byte-aligned
/// allocations, so tests can move the pointers).
struct DeviceTensors {
  void *base[4] = {};
  size_t offset = 0;
  explicit DeviceTensors(size_t offset = 0) : offset(offset) {
    for (void *&p : base)
      EXPECT_EQ(cudaMalloc(&p, 256), cudaSuccess);
  }
  ~DeviceTensors() {
    for (void *p : base)
      cudaFree(p);
  }
  void *at(int i) const { return static_cast<char *>(base[i]) + offset; }
};

void expectResults(const float *x, const float *y, const float *t,
                   const float *z, const std::string &where) {
  static const float w[6] = {0.5f, 1.0f, 1.5f, 2.0f, 2.5f, 3.0f};
  for (int i = 0; i < 6; ++i) {
    float expected = x[i] + w[i];
    EXPECT_EQ(t[i], expected) << where << " i=" << i;
    EXPECT_EQ(y[i], 2 * expected) << where << " i=" << i;
    EXPECT_EQ(z[i], 2 * expected) << where << " i=" << i;
  }
}

class CudaExecutorGpu : public ::testing::Test {
protected:
  void SetUp() override {
    if (std::string why = tessera::test::missingDevice(); !why.empty())
      GTEST_SKIP() << why;
    sm = tessera::test::deviceTarget();
    ASSERT_FALSE(sm.empty());
    unsetenv("TESSERA_CUDA_GRAPHS");
    unsetenv("TESSERA_FORCE_JIT");
  }
  void TearDown() override {
    unsetenv("TESSERA_CUDA_GRAPHS");
    unsetenv("TESSERA_FORCE_JIT");
  }

  /// The add model with its images compiled for the device (cubin + PTX),
  /// or with no images when |images| is false.
  tessera::bundle::Model model(bool images = true) {
    tessera::bundle::Model m = tessera::test::addModel();
    m.targets.resize(1);
    m.targets[0].target = sm;
    for (size_t i = 0; images && i < m.images.size(); ++i) {
      tessera::nvrtc::CompileResult compiled = tessera::nvrtc::compile(
          m.images[i].source, "image" + std::to_string(i) + ".cu", sm);
      EXPECT_TRUE(compiled.ok) << compiled.log;
      m.targets[0].cubins.emplace_back(compiled.cubin.begin(),
                                       compiled.cubin.end());
      m.targets[0].ptxs.push_back(compiled.ptx);
    }
    return m;
  }

  std::shared_ptr<exec::LoadedBundle> load(const tessera::bundle::Model &m) {
    std::string bytes = tessera::test::bundleBytes(m);
    std::shared_ptr<exec::LoadedBundle> loaded;
    StatusPtr status(exec::LoadedBundle::loadMemory(bytes, "add.tsrb", loaded));
    EXPECT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << tessera_status_message(status.get());
    return loaded;
  }

  std::unique_ptr<exec::Executor>
  executor(std::shared_ptr<exec::LoadedBundle> loaded,
           exec::ExecOptions options = {}) {
    std::unique_ptr<exec::Executor> out;
    StatusPtr status(exec::createCudaExecutor(loaded, options, out));
    EXPECT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << tessera_status_message(status.get());
    return out;
  }

  /// Writes x = {base, base + 1, ...} into |tensors|, runs |run| on
  /// |stream| with them, reads the outputs back and checks them.
  void runDeviceAndCheck(exec::Executor &run, const DeviceTensors &tensors,
                         cudaStream_t stream, float base,
                         const std::string &where) {
    float x[6], y[6] = {}, t[6] = {}, z[6] = {};
    for (int i = 0; i < 6; ++i)
      x[i] = base + i;
    ASSERT_EQ(cudaMemcpyAsync(tensors.at(0), x, kBytes, cudaMemcpyHostToDevice,
                              stream),
              cudaSuccess);
    const void *inputs[] = {tensors.at(0)};
    void *outputs[] = {tensors.at(1), tensors.at(2), tensors.at(3)};
    StatusPtr status(run.runDevice(stream, inputs, outputs));
    ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << where << ": " << tessera_status_message(status.get());
    ASSERT_EQ(cudaMemcpyAsync(y, tensors.at(1), kBytes, cudaMemcpyDeviceToHost,
                              stream),
              cudaSuccess);
    ASSERT_EQ(cudaMemcpyAsync(t, tensors.at(2), kBytes, cudaMemcpyDeviceToHost,
                              stream),
              cudaSuccess);
    ASSERT_EQ(cudaMemcpyAsync(z, tensors.at(3), kBytes, cudaMemcpyDeviceToHost,
                              stream),
              cudaSuccess);
    ASSERT_EQ(cudaStreamSynchronize(stream), cudaSuccess);
    expectResults(x, y, t, z, where);
  }

  void runHostAndCheck(exec::Executor &run, float base,
                       const std::string &where) {
    float x[6], y[6] = {}, t[6] = {}, z[6] = {};
    for (int i = 0; i < 6; ++i)
      x[i] = base + i;
    const void *inputs[] = {x};
    void *outputs[] = {y, t, z};
    StatusPtr status(run.runHost(inputs, outputs));
    ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << where << ": " << tessera_status_message(status.get());
    expectResults(x, y, t, z, where);
  }

  std::string sm;
};

TEST_F(CudaExecutorGpu, DeviceRunOnACallerStreamMatchesTheHostRun) {
  std::string bytes = tessera::test::bundleBytes(model());
  tessera_bundle_t *bundle = nullptr;
  StatusPtr status(
      tessera_bundle_load_memory(bytes.data(), bytes.size(), &bundle));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()));
  tessera_context_options_t options;
  tessera_context_options_init(&options);
  options.device_kind = TESSERA_DEVICE_KIND_CUDA;
  tessera_context_t *context = nullptr;
  status.reset(tessera_context_create(bundle, &options, &context));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());

  const float x[6] = {1, -2, 3.25f, 4, 5e3f, -6};
  float host[3][6] = {};
  const void *hostInputs[] = {x};
  size_t sizes[] = {kBytes, kBytes, kBytes};
  void *hostOutputs[] = {host[0], host[1], host[2]};
  status.reset(tessera_context_run_host(context, hostInputs, sizes, 1,
                                        hostOutputs, sizes, 3));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
      << tessera_status_message(status.get());

  DeviceTensors tensors;
  cudaStream_t stream = nullptr;
  ASSERT_EQ(cudaStreamCreate(&stream), cudaSuccess);
  // The caller's stream, then the legacy default stream.
  for (cudaStream_t s : {stream, static_cast<cudaStream_t>(nullptr)}) {
    ASSERT_EQ(cudaMemsetAsync(tensors.at(1), 0, kBytes, s), cudaSuccess);
    ASSERT_EQ(
        cudaMemcpyAsync(tensors.at(0), x, kBytes, cudaMemcpyHostToDevice, s),
        cudaSuccess);
    int64_t shape[2] = {2, 3};
    tessera_buffer_view_t inputs[1] = {
        {tensors.at(0), TESSERA_DTYPE_F32, 2, shape, kBytes}};
    tessera_buffer_view_t outputs[3];
    for (int o = 0; o < 3; ++o)
      outputs[o] = {tensors.at(o + 1), TESSERA_DTYPE_F32, 2, shape, kBytes};
    status.reset(tessera_context_run_device(context, s, inputs, 1, outputs, 3));
    ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()))
        << tessera_status_message(status.get());
    float device[3][6] = {};
    for (int o = 0; o < 3; ++o)
      ASSERT_EQ(cudaMemcpyAsync(device[o], tensors.at(o + 1), kBytes,
                                cudaMemcpyDeviceToHost, s),
                cudaSuccess);
    ASSERT_EQ(cudaStreamSynchronize(s), cudaSuccess);
    for (int o = 0; o < 3; ++o)
      for (int i = 0; i < 6; ++i)
        EXPECT_EQ(device[o][i], host[o][i]) << "output " << o << " i=" << i;

    // A misaligned device pointer is refused before anything runs.
    outputs[1].data = static_cast<char *>(tensors.at(2)) + 4;
    status.reset(tessera_context_run_device(context, s, inputs, 1, outputs, 3));
    EXPECT_EQ(tessera_status_code(status.get()),
              TESSERA_STATUS_INVALID_ARGUMENT);
    EXPECT_NE(std::string(tessera_status_message(status.get()))
                  .find("output 1 't': device pointer 0x"),
              std::string::npos)
        << tessera_status_message(status.get());
    // So is pageable host memory.
    alignas(16) float pageable[8] = {};
    outputs[1].data = pageable;
    status.reset(tessera_context_run_device(context, s, inputs, 1, outputs, 3));
    EXPECT_EQ(tessera_status_code(status.get()),
              TESSERA_STATUS_INVALID_ARGUMENT);
    EXPECT_NE(std::string(tessera_status_message(status.get()))
                  .find("is pageable host memory, not memory of CUDA device 0"),
              std::string::npos)
        << tessera_status_message(status.get());
  }
  tessera_context_release(context);
  tessera_bundle_release(bundle);
  cudaStreamDestroy(stream);
}

TEST_F(CudaExecutorGpu, GraphReplayMatchesTheFirstRun) {
  auto loaded = load(model());
  auto run = executor(loaded);
  ASSERT_TRUE(run);
  EXPECT_TRUE(run->stats().graphs);
  EXPECT_EQ(run->stats().codeSource, "cubin");
  cudaStream_t stream = nullptr;
  ASSERT_EQ(cudaStreamCreate(&stream), cudaSuccess);
  DeviceTensors first;
  for (int r = 0; r < 5; ++r)
    runDeviceAndCheck(*run, first, stream, 10.0f * r,
                      "run " + std::to_string(r));
  // One eager run, then one capture replayed four times.
  EXPECT_EQ(run->stats().eagerRuns, 1u);
  EXPECT_EQ(run->stats().graphCaptures, 1u);
  EXPECT_EQ(run->stats().graphInstantiations, 1u);
  EXPECT_EQ(run->stats().graphLaunches, 4u);

  // Other pointers (and a 16-byte offset): captured again, the executable
  // graph updated or instantiated again.
  DeviceTensors second(16);
  for (int r = 0; r < 3; ++r)
    runDeviceAndCheck(*run, second, stream, -3.0f * r,
                      "moved run " + std::to_string(r));
  EXPECT_EQ(run->stats().graphCaptures, 2u);
  EXPECT_EQ(run->stats().graphUpdates + run->stats().graphInstantiations, 2u);
  EXPECT_EQ(run->stats().graphLaunches, 7u);
  // And back to the first pointers.
  runDeviceAndCheck(*run, first, stream, 7.0f, "back to the first buffers");
  EXPECT_EQ(run->stats().graphCaptures, 3u);
  // The first tensors were not touched by the moved runs' graph: the
  // outputs of a fresh run on them are right (checked above).

  // Host runs replay their own graph (the staging buffers never move).
  for (int r = 0; r < 3; ++r)
    runHostAndCheck(*run, 100.0f + r, "host run " + std::to_string(r));
  EXPECT_EQ(run->stats().graphCaptures, 4u);
  EXPECT_EQ(run->stats().graphLaunches, 11u);
  EXPECT_EQ(run->stats().eagerRuns, 1u);
  EXPECT_EQ(run->stats().runs, 12u);
  cudaStreamDestroy(stream);
}

TEST_F(CudaExecutorGpu, GraphsCanBeTurnedOff) {
  auto loaded = load(model());
  exec::ExecOptions options;
  options.cudaGraphs = false;
  auto run = executor(loaded, options);
  ASSERT_TRUE(run);
  EXPECT_FALSE(run->stats().graphs);
  DeviceTensors tensors;
  for (int r = 0; r < 3; ++r)
    runDeviceAndCheck(*run, tensors, nullptr, 1.0f * r, "eager");
  for (int r = 0; r < 2; ++r)
    runHostAndCheck(*run, 2.0f * r, "eager host");
  EXPECT_EQ(run->stats().eagerRuns, 5u);
  EXPECT_EQ(run->stats().graphCaptures, 0u);
  EXPECT_EQ(run->stats().graphLaunches, 0u);

  setenv("TESSERA_CUDA_GRAPHS", "0", 1);
  auto fromEnv = executor(loaded);
  ASSERT_TRUE(fromEnv);
  EXPECT_FALSE(fromEnv->stats().graphs);
  runHostAndCheck(*fromEnv, 1.0f, "env");
  runHostAndCheck(*fromEnv, 2.0f, "env");
  EXPECT_EQ(fromEnv->stats().graphLaunches, 0u);
}

TEST_F(CudaExecutorGpu, TwoContextsOnTwoThreadsRunConcurrently) {
  std::string bytes = tessera::test::bundleBytes(model());
  tessera_bundle_t *bundle = nullptr;
  StatusPtr status(
      tessera_bundle_load_memory(bytes.data(), bytes.size(), &bundle));
  ASSERT_TRUE(TESSERA_STATUS_IS_OK(status.get()));
  std::atomic<int> failures{0};
  std::atomic<int> ready{0};
  auto worker = [&](int id) {
    tessera_context_options_t options;
    tessera_context_options_init(&options);
    options.device_kind = TESSERA_DEVICE_KIND_CUDA;
    tessera_context_t *context = nullptr;
    StatusPtr created(tessera_context_create(bundle, &options, &context));
    if (!TESSERA_STATUS_IS_OK(created.get())) {
      ADD_FAILURE() << tessera_status_message(created.get());
      ++failures;
      return;
    }
    ++ready;
    while (ready < 2)
      std::this_thread::yield();
    cudaStream_t stream = nullptr;
    cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking);
    DeviceTensors tensors;
    int64_t shape[2] = {2, 3};
    for (int r = 0; r < 200; ++r) {
      float x[6], out[3][6] = {};
      for (int i = 0; i < 6; ++i)
        x[i] = 1000.0f * id + r + 0.25f * i;
      StatusPtr ran;
      if (r % 2) {
        const void *inputs[] = {x};
        size_t sizes[] = {kBytes, kBytes, kBytes};
        void *outputs[] = {out[0], out[1], out[2]};
        ran.reset(tessera_context_run_host(context, inputs, sizes, 1, outputs,
                                           sizes, 3));
      } else {
        cudaMemcpyAsync(tensors.at(0), x, kBytes, cudaMemcpyHostToDevice,
                        stream);
        tessera_buffer_view_t inputs[1] = {
            {tensors.at(0), TESSERA_DTYPE_F32, 2, shape, kBytes}};
        tessera_buffer_view_t outputs[3];
        for (int o = 0; o < 3; ++o)
          outputs[o] = {tensors.at(o + 1), TESSERA_DTYPE_F32, 2, shape, kBytes};
        ran.reset(
            tessera_context_run_device(context, stream, inputs, 1, outputs, 3));
        for (int o = 0; o < 3; ++o)
          cudaMemcpyAsync(out[o], tensors.at(o + 1), kBytes,
                          cudaMemcpyDeviceToHost, stream);
        cudaStreamSynchronize(stream);
      }
      if (!TESSERA_STATUS_IS_OK(ran.get())) {
        ADD_FAILURE() << "thread " << id << " run " << r << ": "
                      << tessera_status_message(ran.get());
        ++failures;
        break;
      }
      expectResults(x, out[0], out[1], out[2],
                    "thread " + std::to_string(id) + " run " +
                        std::to_string(r));
    }
    cudaStreamDestroy(stream);
    tessera_context_release(context);
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
  tessera_bundle_release(bundle);
}

TEST_F(CudaExecutorGpu, CompilesTheSourceWhenNoImageFits) {
  auto loaded = load(model(/*images=*/false));
  auto run = executor(loaded);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->stats().codeSource, "CUDA source (NVRTC)");
  EXPECT_EQ(run->stats().jitArch, sm);
  runHostAndCheck(*run, 1.0f, "jit");
  DeviceTensors tensors;
  runDeviceAndCheck(*run, tensors, nullptr, 2.0f, "jit device");
  runDeviceAndCheck(*run, tensors, nullptr, 3.0f, "jit device graph");
}

TEST_F(CudaExecutorGpu, ForcedJitMatchesTheCubin) {
  auto loaded = load(model());
  exec::ExecOptions options;
  options.forceJit = true;
  auto forced = executor(loaded, options);
  ASSERT_TRUE(forced);
  EXPECT_EQ(forced->stats().codeSource, "CUDA source (NVRTC)");
  setenv("TESSERA_FORCE_JIT", "1", 1);
  auto fromEnv = executor(loaded);
  ASSERT_TRUE(fromEnv);
  EXPECT_EQ(fromEnv->stats().codeSource, "CUDA source (NVRTC)");
  unsetenv("TESSERA_FORCE_JIT");
  auto cubin = executor(loaded);
  ASSERT_TRUE(cubin);
  EXPECT_EQ(cubin->stats().codeSource, "cubin");
  for (exec::Executor *run : {forced.get(), fromEnv.get(), cubin.get()})
    for (int r = 0; r < 3; ++r)
      runHostAndCheck(*run, 5.0f * r, run->stats().codeSource);
}

TEST_F(CudaExecutorGpu, OutOfMemoryNamesTheSizes) {
  tessera::bundle::Model m = model();
  m.arenaBytes = uint64_t(1) << 50; // 1 PiB: more than any device has.
  auto loaded = load(m);
  ASSERT_TRUE(loaded);
  std::unique_ptr<exec::Executor> out;
  StatusPtr status(exec::createCudaExecutor(loaded, {}, out));
  EXPECT_FALSE(out);
  EXPECT_EQ(tessera_status_code(status.get()),
            TESSERA_STATUS_RESOURCE_EXHAUSTED);
  std::string message = tessera_status_message(status.get());
  EXPECT_EQ(message.rfind("add.tsrb: cannot allocate the arena "
                          "(1125899906842624 bytes; the context needs the "
                          "arena (1125899906842624 bytes), the weights (24 "
                          "bytes, shared per device) and, for host runs, "
                          "staging (1024 bytes on the device and 1024 bytes "
                          "of pinned host memory); device 0 has ",
                          0),
            0u)
      << message;
  EXPECT_NE(message.find("(cudaError 2)"), std::string::npos) << message;
  // The device is still usable afterwards.
  auto fine = executor(load(model()));
  ASSERT_TRUE(fine);
  runHostAndCheck(*fine, 1.0f, "after out of memory");
}

} // namespace
