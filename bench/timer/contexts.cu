// How much a cold call's time depends on the CUDA context it runs in. The primary context is made
// afresh K times in one process (cudaDeviceReset), as each evaluator process makes its own; in each,
// the same calls are timed as Podium times a submission (L2 flushed, the queue held by the blocking
// kernel, events around the call): untraced intervals, then CUPTI's spans of the same kind of calls.
// The calls: chains of 1, 2, 3 and 8 empty kernels launched one after another on the legacy stream,
// one addition of 2^21 floats, and a three-kernel scan with stream-ordered scratch (the kernels of
// bench/timer/placement.cu). Inputs rotate through 8 buffers so that their placement averages out.
//
// Podium subtracts each context's own empty-kernel interval from its samples, so what matters is what
// is left: a column less the chain of as many empty kernels. Where that still differs between contexts
// by more than the standard errors, and CUPTI's spans differ as much, the GPU itself runs the call
// faster in some contexts than in others.
//
// Each row also gives how long the context took to make, and a quick probe of it taken before the
// rest (20 cold calls each of the chains of two and of one empty kernel, the mean difference of their
// intervals): whether a context's speed can be told cheaply, as an evaluator would need to.
//
// --no-flush leaves the L2 as the previous call left it (to see whether the flush is what differs).
//
//   contexts [K] [CALLS] [--no-flush]      prints a Markdown table
#include <cuda_runtime.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "cold_call.cuh"

extern "C" void placement_empty();
extern "C" void placement_add(const float* a, const float* b, float* c, size_t n);
extern "C" void placement_scratch(const float* a, float* c, size_t n);

using namespace podium;
using namespace podium::bench;

namespace {

constexpr int kBuffers = 8;
constexpr size_t kAddN = size_t{1} << 21, kScanN = size_t{1} << 20;

struct Call {
  const char* name;
  int kernels;  // how many kernels it launches, one after another
};
const Call kCalls[] = {{"empty x1", 1}, {"empty x2", 2}, {"empty x3", 3}, {"empty x8", 8},
                       {"add 2^21 floats", 1}, {"scan, 3 kernels, 2^20 floats", 3}};
constexpr int kKinds = sizeof kCalls / sizeof kCalls[0];
constexpr int kEmpty1 = 0, kEmpty2 = 1, kEmpty3 = 2, kAdd = 4, kScan = 5;

struct Measured {
  double made_ms = 0;       // how long making the context took (the first CUDA call after cudaDeviceReset)
  double probe_gap = 0;     // a quick look, before the rest: interval of empty x2 less empty x1, µs
  double interval[kKinds] = {}, span[kKinds] = {};
};

constexpr int kProbeCalls = 20;

// One fresh context: its intervals and spans of every call, CALLS of each, the kinds interleaved.
Measured measure_one_context(int calls, bool flush_l2) {
  Measured m;
  const auto made_from = std::chrono::steady_clock::now();
  check(cudaFree(nullptr), "making the context");
  m.made_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - made_from).count();
  cudaDeviceProp props{};
  check(cudaGetDeviceProperties(&props, 0), "cudaGetDeviceProperties");
  keep_freed_memory();
  L2Flush flush(static_cast<size_t>(props.l2CacheSize));
  ColdCall cold_call;
  std::vector<float*> buffers(3 * kBuffers);
  for (float*& p : buffers) {
    check(cudaMalloc(&p, kAddN * sizeof(float)), "cudaMalloc");
    check(cudaMemset(p, 0x3f, kAddN * sizeof(float)), "cudaMemset");
  }
  int turn = 0;
  const auto launch = [&](int kind) {
    float** b = &buffers[3 * (turn++ % kBuffers)];
    if (kind == kAdd) placement_add(b[0], b[1], b[2], kAddN);
    else if (kind == kScan) placement_scratch(b[0], b[2], kScanN);
    else
      for (int i = 0; i < kCalls[kind].kernels; ++i) placement_empty();
  };
  // The kernels loaded and the pool filled (both wait for the GPU: never behind the held queue),
  // then the clocks up.
  for (int kind = 0; kind < kKinds; ++kind) {
    launch(kind);
    check(cudaDeviceSynchronize(), "loading the kernels");
  }
  for (int i = 0; i < 2000; ++i) launch(kAdd);
  check(cudaDeviceSynchronize(), "warm-up");
  for (int c = 0; c < kProbeCalls; ++c)
    m.probe_gap += (cold_call(&flush, nullptr, [&] { launch(kEmpty2); }) - cold_call(&flush, nullptr, [&] { launch(kEmpty1); })) / kProbeCalls;

  const int per_visit = 10;
  std::unique_ptr<CuptiTimer> cupti;
  for (int traced = 0; traced < 2; ++traced) {
    if (traced) cupti = std::make_unique<CuptiTimer>();
    Tally tally[kKinds];
    for (int r = 0; r < calls / per_visit; ++r)
      for (int kind = 0; kind < kKinds; ++kind) {
        if (cupti) cupti->take();
        double total = 0;
        for (int c = 0; c < per_visit; ++c) total += cold_call(flush_l2 ? &flush : nullptr, cupti.get(), [&] { launch(kind); });
        if (!traced) tally[kind].add(total / per_visit);
        else if (const auto w = cupti->take()) tally[kind].add(w->mean_seconds * 1e6);
      }
    for (int kind = 0; kind < kKinds; ++kind) (traced ? m.span : m.interval)[kind] = tally[kind].mean();
  }
  cupti.reset();
  for (float* p : buffers) cudaFree(p);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  const bool flush_l2 = !(argc > 1 && std::string(argv[argc - 1]) == "--no-flush");
  if (!flush_l2) --argc;
  const int k = argc > 1 ? std::atoi(argv[1]) : 8;
  const int calls = argc > 2 ? std::atoi(argv[2]) : 200;
  if (k < 2 || calls < 10) {
    std::fprintf(stderr, "usage: contexts [K >= 2] [CALLS >= 10] [--no-flush]\n");
    return 2;
  }
  cudaDeviceProp props{};
  check(cudaGetDeviceProperties(&props, 0), "cudaGetDeviceProperties");
  std::printf("device: %s, %d fresh contexts in one process, %d calls of each kind per context; "
              "L2 %s; each cell: untraced interval / CUPTI span (µs)\n\n",
              props.name, k, calls, flush_l2 ? "flushed before each call" : "not flushed");
  std::string header = "| context | made in | probe: x2 - x1 |", rule = "|---|---|---|";
  for (const Call& c : kCalls) header += std::string(" ") + c.name + " |", rule += "---|";
  std::printf("%s\n%s\n", header.c_str(), rule.c_str());
  // Per kind: between contexts, as measured, less the chain of one empty kernel (what Podium subtracts),
  // and less the chain of three (for the scan, which launches three).
  Tally interval[3][kKinds], span[3][kKinds];
  for (int i = 0; i < k; ++i) {
    const Measured m = measure_one_context(calls, flush_l2);
    std::printf("| %d | %.0f ms | %.3f |", i + 1, m.made_ms, m.probe_gap);
    for (int kind = 0; kind < kKinds; ++kind) {
      std::printf(" %.3f / %.3f |", m.interval[kind], m.span[kind]);
      const int bases[3] = {-1, kEmpty1, kEmpty3};
      for (int b = 0; b < 3; ++b) {
        interval[b][kind].add(m.interval[kind] - (bases[b] < 0 ? 0 : m.interval[bases[b]]));
        span[b][kind].add(m.span[kind] - (bases[b] < 0 ? 0 : m.span[bases[b]]));
      }
    }
    std::printf("\n");
    std::fflush(stdout);
    check(cudaDeviceReset(), "cudaDeviceReset");  // the next context is a fresh one
  }
  const char* rows[3] = {"SD between contexts", "SD, less empty x1", "SD, less empty x3"};
  for (int b = 0; b < 3; ++b) {
    std::printf("| %s | | |", rows[b]);
    for (int kind = 0; kind < kKinds; ++kind)
      if (b == 0 || (b == 1 && kind != kEmpty1) || (b == 2 && kind == kScan))
        std::printf(" %.3f / %.3f |", interval[b][kind].sd(), span[b][kind].sd());
      else std::printf(" |");
    std::printf("\n");
  }
  return 0;
}
