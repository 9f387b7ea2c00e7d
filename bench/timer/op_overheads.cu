// What the event interval adds to the GPU's own span of a call, for calls of different shapes: one
// kernel, a memset or a copy before it, an allocation around it, several kernels. Each call is timed
// as Podium times a submission (L2 flushed, the queue held by the blocking kernel, events around the
// call), untraced, then traced by CUPTI, whose records give the span from the first operation's start
// to the last one's end. Two protocols: "events" (the start event, then the call) and "marker" (the
// start event, an empty kernel of the harness, then the call). The column that matters is
// "traced - span": a timer that subtracts one calibrated overhead is exact for every shape only if
// that column is the same for every shape. The default memory pool keeps freed memory, as in
// Podium's contestant process.
//
//   op_overheads [CALLS]      prints a Markdown table
#include <cuda_runtime.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "cold_call.cuh"

using namespace podium;
using namespace podium::bench;

namespace {

__global__ void empty_kernel() {}

__global__ void scale_kernel(float* data, size_t n) {
  const size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x;
  if (i < n) data[i] = data[i] * 1.0001f + 1.0f;
}

struct Shape {
  std::string name;
  std::function<void()> call;
};

struct Result {
  double untraced_us = 0, traced_us = 0, span_us = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const int calls = argc > 1 ? std::atoi(argv[1]) : 300;
  cudaDeviceProp props{};
  check(cudaGetDeviceProperties(&props, 0), "cudaGetDeviceProperties");
  L2Flush flush(static_cast<size_t>(props.l2CacheSize));
  const size_t n = size_t{1} << 21;
  float *a = nullptr, *b = nullptr, *scratch_target = nullptr;
  keep_freed_memory();
  check(cudaMalloc(&a, n * sizeof(float)), "cudaMalloc");
  check(cudaMalloc(&b, n * sizeof(float)), "cudaMalloc");
  check(cudaMalloc(&scratch_target, 1 << 20), "cudaMalloc");
  check(cudaMemset(a, 0, n * sizeof(float)), "cudaMemset");
  const unsigned blocks = static_cast<unsigned>((n + 255) / 256);
  const auto scale = [&] { scale_kernel<<<blocks, 256>>>(a, n); };

  const std::vector<Shape> shapes = {
      {"empty kernel", [] { empty_kernel<<<1, 32>>>(); }},
      {"kernel (2^21 floats)", scale},
      {"memset 4 B, kernel", [&] { cudaMemsetAsync(scratch_target, 0, 4); scale(); }},
      {"memset 1 KiB, kernel", [&] { cudaMemsetAsync(scratch_target, 0, 1024); scale(); }},
      {"kernel, memset 4 B", [&] { scale(); cudaMemsetAsync(scratch_target, 0, 4); }},
      {"two kernels", [&] { scale(); scale(); }},
      {"three kernels", [&] { scale(); scale(); scale(); }},
      {"copy 8 MiB, kernel", [&] { cudaMemcpyAsync(b, a, n * sizeof(float), cudaMemcpyDeviceToDevice); scale(); }},
      {"memset 8 MiB", [&] { cudaMemsetAsync(b, 0, n * sizeof(float)); }},
      {"mallocAsync, kernel, freeAsync", [&] {
         void* p = nullptr;
         cudaMallocAsync(&p, 4096, 0);
         scale();
         cudaFreeAsync(p, 0);
       }},
  };

  ColdCall cold_call;
  CuptiTimer* cupti = nullptr;
  const std::function<void()> harness_marker = [] { empty_kernel<<<1, 32>>>(); }, no_marker;
  // One cold call; its event interval in µs.
  const auto timed = [&](const Shape& shape, bool marker) {
    return cold_call(&flush, cupti, shape.call, marker ? harness_marker : no_marker);
  };
  const auto mean_of = [&](const Shape& shape, bool marker) {
    for (int i = 0; i < 30; ++i) timed(shape, marker);
    if (cupti) cupti->take();
    double total = 0;
    for (int i = 0; i < calls; ++i) total += timed(shape, marker);
    return total / calls;
  };

  // Clocks up first.
  for (int i = 0; i < 2000; ++i) scale();
  check(cudaDeviceSynchronize(), "warm-up");

  std::vector<Result> results(2 * shapes.size());
  for (int protocol = 0; protocol < 2; ++protocol)
    for (size_t s = 0; s < shapes.size(); ++s) results[protocol * shapes.size() + s].untraced_us = mean_of(shapes[s], protocol == 1);
  cupti = new CuptiTimer();
  for (int protocol = 0; protocol < 2; ++protocol)
    for (size_t s = 0; s < shapes.size(); ++s) {
      Result& r = results[protocol * shapes.size() + s];
      r.traced_us = mean_of(shapes[s], protocol == 1);
      const auto witness = cupti->take();
      r.span_us = witness ? witness->mean_seconds * 1e6 : 0;
    }
  delete cupti;

  std::printf("device: %s, %d calls per row\n\n", props.name, calls);
  std::printf("| protocol | call | untraced interval | traced interval | CUPTI span | traced - span | untraced - span |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  for (int protocol = 0; protocol < 2; ++protocol)
    for (size_t s = 0; s < shapes.size(); ++s) {
      const Result& r = results[protocol * shapes.size() + s];
      std::printf("| %s | %s | %.3f µs | %.3f µs | %.3f µs | %.3f µs | %.3f µs |\n", protocol ? "marker" : "events",
                  shapes[s].name.c_str(), r.untraced_us, r.traced_us, r.span_us, r.traced_us - r.span_us, r.untraced_us - r.span_us);
    }
  return 0;
}
