// What makes a CUDA context fast or slow at dependent launches (eval/context_kinds.hpp), and
// whether the evaluator's probe tells them apart. K contexts are made side by side (cuCtxCreate); in
// each, the probe Podium uses (probe_launch_gap: chains of 8 and 1 empty kernels behind a blocking
// kernel, (x8 - x1) / 7) is taken on the legacy stream as soon as the context is made (clocks as
// found), then on the legacy stream and on S non-blocking streams of the context after the GPU is
// warmed up, in two rounds. Then, per context, whether anything done inside it changes its kind:
// a larger stack, printf buffer and heap, a persisting-L2 reset, memory allocated and freed, a
// buffer of 2 GiB kept. Last, new streams made one after another in the first context.
//
//   context_kinds [K] [S]      prints Markdown tables (µs per dependent launch)
#include <cuda.h>
#include <cuda_runtime.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

#include "eval/context_kinds.hpp"
#include "eval/cuda/context_kinds.cuh"

using namespace podium;

namespace {

void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess) {
    std::fprintf(stderr, "%s: %s\n", what, cudaGetErrorString(err));
    std::exit(1);
  }
}
void check(CUresult err, const char* what) {
  if (err != CUDA_SUCCESS) {
    const char* s = nullptr;
    cuGetErrorString(err, &s);
    std::fprintf(stderr, "%s: %s\n", what, s ? s : "unknown error");
    std::exit(1);
  }
}

__global__ void busy_kernel(float* sink) {
  float x = threadIdx.x;
  for (int i = 0; i < 20000; ++i) x = x * 1.0000001f + 0.5f;
  if (x == 12345.f) sink[0] = x;
}

// The evaluator's probe on any stream of the current context, µs per dependent launch.
double stream_gap(cudaStream_t stream) { return probe_launch_gap(stream) * 1e6; }

struct Context {
  CUcontext ctx = nullptr;
  double made_ms = 0, at_creation = 0;
  std::vector<cudaStream_t> streams;
};

void in(const Context& c, const std::function<void()>& work) {
  check(cuCtxPushCurrent(c.ctx), "cuCtxPushCurrent");
  work();
  check(cuCtxPopCurrent(nullptr), "cuCtxPopCurrent");
}

}  // namespace

int main(int argc, char** argv) {
  const int k = argc > 1 ? std::atoi(argv[1]) : 8;
  const int s = argc > 2 ? std::atoi(argv[2]) : 2;
  if (k < 1 || s < 0) {
    std::fprintf(stderr, "usage: context_kinds [K >= 1] [S >= 0]\n");
    return 2;
  }
  check(cuInit(0), "cuInit");
  CUdevice dev;
  check(cuDeviceGet(&dev, 0), "cuDeviceGet");
  std::vector<Context> contexts(k);
  for (Context& c : contexts) {
    const auto from = std::chrono::steady_clock::now();
    check(cuCtxCreate(&c.ctx, nullptr, 0, dev), "cuCtxCreate");
    check(cudaFree(nullptr), "the runtime on the new context");
    c.made_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - from).count();
    c.streams.push_back(nullptr);  // the legacy stream
    for (int i = 0; i < s; ++i) {
      cudaStream_t stream;
      check(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking), "cudaStreamCreateWithFlags");
      c.streams.push_back(stream);
    }
    c.at_creation = probe_launch_gap() * 1e6;
    check(cuCtxPopCurrent(nullptr), "cuCtxPopCurrent");
  }
  in(contexts[0], [] {  // clocks up: about 0.3 s of work
    float* sink;
    check(cudaMalloc(&sink, sizeof(float)), "cudaMalloc");
    for (int i = 0; i < 300; ++i) busy_kernel<<<132 * 4, 256>>>(sink);
    check(cudaDeviceSynchronize(), "warming up");
    cudaFree(sink);
  });

  cudaDeviceProp props{};
  check(cudaGetDeviceProperties(&props, 0), "cudaGetDeviceProperties");
  std::printf("device: %s, %d contexts side by side, the legacy stream and %d non-blocking streams each; "
              "µs per dependent launch, (x8 - x1) / 7 of 10 cold calls each\n\n", props.name, k, s);
  std::printf("| context | made in | at creation, legacy |");
  for (int round = 1; round <= 2; ++round) {
    std::printf(" round %d: legacy |", round);
    for (int i = 1; i <= s; ++i) std::printf(" stream %d |", i);
  }
  std::printf("\n|---|---|---|");
  for (int i = 0; i < 2 * (s + 1); ++i) std::printf("---|");
  std::printf("\n");
  std::vector<std::vector<double>> rounds(k);
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < k; ++i) in(contexts[i], [&] {
        for (cudaStream_t stream : contexts[i].streams) rounds[i].push_back(stream_gap(stream));
      });
  for (int i = 0; i < k; ++i) {
    std::printf("| %d | %.0f ms | %.3f |", i + 1, contexts[i].made_ms, contexts[i].at_creation);
    for (double g : rounds[i]) std::printf(" %.3f |", g);
    std::printf("\n");
  }

  std::printf("\nWithin each context, the legacy stream's gap after each change (µs):\n\n"
              "| context | before | stack 16 KiB | printf buffer 8 MiB | heap 64 MiB | persisting L2 reset | "
              "512 MiB allocated, freed | 2 GiB kept |\n|---|---|---|---|---|---|---|---|\n");
  for (int i = 0; i < k; ++i) in(contexts[i], [&] {
      std::printf("| %d | %.3f |", i + 1, stream_gap(nullptr));
      check(cudaDeviceSetLimit(cudaLimitStackSize, 16 << 10), "stack");
      std::printf(" %.3f |", stream_gap(nullptr));
      check(cudaDeviceSetLimit(cudaLimitPrintfFifoSize, 8 << 20), "printf buffer");
      std::printf(" %.3f |", stream_gap(nullptr));
      check(cudaDeviceSetLimit(cudaLimitMallocHeapSize, 64 << 20), "heap");
      std::printf(" %.3f |", stream_gap(nullptr));
      check(cudaCtxResetPersistingL2Cache(), "persisting L2");
      std::printf(" %.3f |", stream_gap(nullptr));
      void* p = nullptr;
      check(cudaMalloc(&p, size_t{512} << 20), "cudaMalloc");
      check(cudaFree(p), "cudaFree");
      std::printf(" %.3f |", stream_gap(nullptr));
      check(cudaMalloc(&p, size_t{2} << 30), "cudaMalloc");
      std::printf(" %.3f |\n", stream_gap(nullptr));
      check(cudaFree(p), "cudaFree");
    });

  in(contexts[0], [] {
    std::printf("\nContext 1, 8 non-blocking streams made one after another (µs):");
    for (int i = 0; i < 8; ++i) {
      cudaStream_t stream;
      check(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking), "cudaStreamCreateWithFlags");
      std::printf(" %.3f", stream_gap(stream));
      check(cudaStreamDestroy(stream), "cudaStreamDestroy");
    }
    std::printf("\n");
  });
  const auto from = std::chrono::steady_clock::now();
  for (Context& c : contexts) check(cuCtxDestroy(c.ctx), "cuCtxDestroy");
  std::printf("\nDestroying the %d contexts took %.0f ms.\n", k,
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - from).count());
  return 0;
}
