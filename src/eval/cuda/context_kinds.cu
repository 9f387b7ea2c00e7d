// See context_kinds.hpp: probing and settling a CUDA context.
#include <cuda_runtime.h>

#include <string>
#include <vector>

#include "core/stats.hpp"
#include "eval/backend.hpp"
#include "eval/context_kinds.hpp"
#include "eval/cuda/blocking_kernel.cuh"
#include "eval/cuda/context_kinds.cuh"

namespace podium {
namespace {

void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess)
    throw BackendUnavailable(std::string(what) + ": " + cudaGetErrorString(err) + " (" + cudaGetErrorName(err) + ")");
}

__global__ void probe_kernel() {}

constexpr int kChain = 8, kProbeCalls = 10;

// Events around a chain of `kernels` empty kernels on `stream`, all enqueued behind the blocking
// kernel, in µs.
double chain_interval(BlockingKernel& blocking, cudaEvent_t start, cudaEvent_t stop, cudaStream_t stream, int kernels) {
  check(blocking.block(stream), "holding the queue");
  check(cudaEventRecord(start, stream), "cudaEventRecord");
  for (int i = 0; i < kernels; ++i) probe_kernel<<<1, 32, 0, stream>>>();
  check(cudaEventRecord(stop, stream), "cudaEventRecord");
  blocking.release();
  check(cudaStreamSynchronize(stream), "probing the context");
  if (blocking.timed_out()) throw BackendUnavailable("probing the context: the blocking kernel timed out");
  float ms = 0;
  check(cudaEventElapsedTime(&ms, start, stop), "cudaEventElapsedTime");
  return ms * 1e3;
}

}  // namespace

bool make_cuda_context() { return cudaSetDevice(0) == cudaSuccess && cudaFree(nullptr) == cudaSuccess; }

std::string cuda_device_key() {
  cudaDeviceProp props{};
  check(cudaGetDeviceProperties(&props, 0), "cudaGetDeviceProperties");
  int driver = 0;
  check(cudaDriverGetVersion(&driver), "cudaDriverGetVersion");
  char bus[32] = {};
  check(cudaDeviceGetPCIBusId(bus, sizeof bus, 0), "cudaDeviceGetPCIBusId");
  return std::string(props.name) + "\nCUDA " + std::to_string(driver / 1000) + "." + std::to_string((driver % 1000) / 10) + "\n" + bus;
}

double probe_launch_gap(cudaStream_t stream) {
  BlockingKernel blocking;
  cudaEvent_t start = nullptr, stop = nullptr;
  check(cudaEventCreate(&start), "cudaEventCreate");
  check(cudaEventCreate(&stop), "cudaEventCreate");
  std::vector<double> differences;  // x8 - x1, µs
  try {
    // The kernel loaded first: loading one waits for the GPU, which must not be held then.
    probe_kernel<<<1, 32, 0, stream>>>();
    check(cudaStreamSynchronize(stream), "loading the probe's kernel");
    chain_interval(blocking, start, stop, stream, 1);
    for (int i = 0; i < kProbeCalls; ++i)
      differences.push_back(chain_interval(blocking, start, stop, stream, kChain) -
                            chain_interval(blocking, start, stop, stream, 1));
  } catch (...) {
    cudaEventDestroy(start);
    cudaEventDestroy(stop);
    throw;
  }
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  // The median: a chain held up by another process's work on the GPU (making its own context, as
  // the judge does while the contestant probes) reads hundreds of µs long, and would make a fast
  // context look slow (bench/results/2026-11-26-h100-timer-gpu-spread.md).
  return summarize(differences).median / (kChain - 1) * 1e-6;
}

double probe_launch_gap() {
  check(cudaFree(nullptr), "making the context");
  return probe_launch_gap(nullptr);
}

std::vector<double> sample_context_gaps(int count) {
  std::vector<double> gaps;
  for (int i = 0; i < count; ++i) {
    if (i > 0) check(cudaDeviceReset(), "making the context afresh");
    gaps.push_back(probe_launch_gap());
  }
  return gaps;
}

SettledContext settle_context(double fast_below, int max_contexts) {
  SettledContext s;
  s.fast_below = fast_below;
  for (s.made = 1;; ++s.made) {
    s.gap = probe_launch_gap();
    if (s.fast() || s.made >= max_contexts) return s;
    check(cudaDeviceReset(), "making the context afresh");
  }
}

}  // namespace podium
