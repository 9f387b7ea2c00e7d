// Where things lie in the GPU's memory, and what it does to a cold call's time: the kernel's code,
// the L2 flush buffer, the call's data, the memory pool its scratch comes from. Each is placed K ways
// in one process, the others held still, and the same kernels are timed as Podium times a submission
// (L2 flushed, the queue held by the blocking kernel, events around the call): untraced intervals,
// then CUPTI's spans of the same kind of calls. Placements are visited in turn, a few calls each, so that drift falls on all alike.
//
//   code   K copies of one shared library, each a module of its own (as a submission is in each
//          evaluator process)
//   flush  K flush buffers
//   data   K sets of input and output buffers
//   pool   K memory pools, each in turn the device's current one, for calls that allocate scratch
//          with cudaMallocAsync (the pool keeps what is freed, as in a contestant)
//
// Where the placements' means differ by more than their standard errors, that placement is a
// constant of each process unless it is varied within the process.
//
//   placement LIBRARY [K] [ROUNDS]      prints a Markdown table
#include <cuda_runtime.h>
#include <dlfcn.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cold_call.cuh"

using namespace podium;
using namespace podium::bench;

namespace {

struct Copy {  // one loaded copy of the kernels' library
  void (*empty)() = nullptr;
  void (*add)(const float*, const float*, float*, size_t) = nullptr;
  void (*scratch)(const float*, float*, size_t) = nullptr;
};

struct Data {
  float *a = nullptr, *b = nullptr, *c = nullptr;
};

std::vector<Copy> load_copies(const char* library, int k) {
  std::vector<Copy> copies;
  const auto dir = std::filesystem::temp_directory_path() / ("podium-placement-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  for (int i = 0; i < k; ++i) {
    const auto path = dir / ("copy" + std::to_string(i) + ".so");
    std::filesystem::copy_file(library, path);
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      std::fprintf(stderr, "%s\n", dlerror());
      std::exit(1);
    }
    Copy c;
    c.empty = reinterpret_cast<void (*)()>(dlsym(handle, "placement_empty"));
    c.add = reinterpret_cast<void (*)(const float*, const float*, float*, size_t)>(dlsym(handle, "placement_add"));
    c.scratch = reinterpret_cast<void (*)(const float*, float*, size_t)>(dlsym(handle, "placement_scratch"));
    if (!c.empty || !c.add || !c.scratch) {
      std::fprintf(stderr, "%s lacks placement_empty, placement_add or placement_scratch\n", library);
      std::exit(1);
    }
    copies.push_back(c);
  }
  std::filesystem::remove_all(dir);
  return copies;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: placement LIBRARY [K] [ROUNDS]\n");
    return 2;
  }
  const int k = argc > 2 ? std::atoi(argv[2]) : 8;
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 40;
  const int per_visit = 10;
  cudaDeviceProp props{};
  check(cudaGetDeviceProperties(&props, 0), "cudaGetDeviceProperties");
  const std::vector<Copy> copies = load_copies(argv[1], k);
  std::vector<std::unique_ptr<L2Flush>> flushes;
  const size_t small_n = size_t{1} << 18, large_n = size_t{1} << 21;
  std::vector<Data> data(k);
  std::vector<cudaMemPool_t> pools(k);
  for (int i = 0; i < k; ++i) {
    if (i == 0) {
      check(cudaDeviceGetDefaultMemPool(&pools[0], 0), "cudaDeviceGetDefaultMemPool");
    } else {
      cudaMemPoolProps pool_props{};
      pool_props.allocType = cudaMemAllocationTypePinned;
      pool_props.location.type = cudaMemLocationTypeDevice;
      pool_props.location.id = 0;
      check(cudaMemPoolCreate(&pools[i], &pool_props), "cudaMemPoolCreate");
    }
    keep_freed_memory(pools[i]);
    flushes.push_back(std::make_unique<L2Flush>(static_cast<size_t>(props.l2CacheSize)));
    for (float** p : {&data[i].a, &data[i].b, &data[i].c}) {
      check(cudaMalloc(p, large_n * sizeof(float)), "cudaMalloc");
      check(cudaMemset(*p, 0x3f, large_n * sizeof(float)), "cudaMemset");
    }
  }

  const std::vector<std::string> placements = {"code", "flush", "data", "pool"};
  const std::vector<std::string> kinds = {"empty kernel", "add 2^18 floats", "add 2^21 floats",
                                          "scratch, 3 kernels, 2^20 floats"};
  // Placement p's variant i: that one of the code, flush buffer, data or pool, the others' first.
  const auto launch = [&](int p, int i, int kind) {
    const Copy& code = copies[p == 0 ? i : 0];
    const Data& d = data[p == 2 ? i : 0];
    check(cudaDeviceSetMemPool(0, pools[p == 3 ? i : 0]), "cudaDeviceSetMemPool");
    if (kind == 0) code.empty();
    else if (kind == 3) code.scratch(d.a, d.c, size_t{1} << 20);
    else code.add(d.a, d.b, d.c, kind == 1 ? small_n : large_n);
  };
  ColdCall cold_call;
  std::unique_ptr<CuptiTimer> cupti;
  // Every copy's kernels loaded (lazily, at the first launch, which waits for the GPU: never behind
  // the held queue), then the clocks up.
  for (int i = 0; i < k; ++i)
    for (int kind = 0; kind < static_cast<int>(kinds.size()); ++kind) {
      launch(0, i, kind);
      check(cudaDeviceSynchronize(), "loading the kernels");
    }
  for (int i = 0; i < k; ++i) {  // each pool's first allocation maps memory, which waits for the GPU too
    launch(3, i, 3);
    check(cudaDeviceSynchronize(), "filling the pools");
  }
  for (int i = 0; i < 2000; ++i) launch(0, 0, 2);
  check(cudaDeviceSynchronize(), "warm-up");

  const size_t cells = placements.size() * kinds.size() * k;
  const auto cell = [&](int p, int kind, int i) { return (p * kinds.size() + kind) * k + i; };
  std::vector<Tally> interval(cells), span(cells);
  for (int traced = 0; traced < 2; ++traced) {
    if (traced) cupti = std::make_unique<CuptiTimer>();
    for (int r = 0; r < rounds; ++r)
      for (int p = 0; p < static_cast<int>(placements.size()); ++p)
        for (int i = 0; i < k; ++i)
          for (int kind = 0; kind < static_cast<int>(kinds.size()); ++kind) {
            if (cupti) cupti->take();
            double total = 0;
            for (int c = 0; c < per_visit; ++c)
              total += cold_call(flushes[p == 1 ? i : 0].get(), cupti.get(), [&] { launch(p, i, kind); });
            if (!traced) interval[cell(p, kind, i)].add(total / per_visit);
            else if (const auto w = cupti->take()) span[cell(p, kind, i)].add(w->mean_seconds * 1e6);
          }
  }
  cupti.reset();

  std::printf("device: %s, %d placements of each, %d calls per placement and kernel; ± is the standard error\n\n", props.name,
              k, rounds * per_visit);
  std::printf("| placed | kernel | untraced interval, per placement (µs) | SD between placements "
              "| CUPTI span, per placement (µs) | SD between placements |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (int p = 0; p < static_cast<int>(placements.size()); ++p)
    for (int kind = 0; kind < static_cast<int>(kinds.size()); ++kind) {
      Tally between_interval, between_span;
      std::string intervals, spans;
      double se_interval = 0, se_span = 0;
      for (int i = 0; i < k; ++i) {
        const Tally &iv = interval[cell(p, kind, i)], &sp = span[cell(p, kind, i)];
        char text[64];
        std::snprintf(text, sizeof text, "%s%.3f", i ? " " : "", iv.mean());
        intervals += text;
        std::snprintf(text, sizeof text, "%s%.3f", i ? " " : "", sp.mean());
        spans += text;
        between_interval.add(iv.mean());
        between_span.add(sp.mean());
        se_interval = std::max(se_interval, iv.std_error());
        se_span = std::max(se_span, sp.std_error());
      }
      std::printf("| %s | %s | %s | %.3f µs (each ± %.3f) | %s | %.3f µs (each ± %.3f) |\n", placements[p].c_str(),
                  kinds[kind].c_str(), intervals.c_str(), between_interval.sd(), se_interval, spans.c_str(), between_span.sd(),
                  se_span);
    }
  return 0;
}
