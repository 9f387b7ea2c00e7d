// The deterministic-input promise on a real GPU: the CUDA backend's generated inputs are bit-for-bit
// those of the CPU backend, for every dtype and distribution.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "eval/backend.hpp"

using namespace podium;

namespace {

std::unique_ptr<Backend> cuda_or_skip() {
  try {
    return make_backend(BackendKind::cuda);
  } catch (const BackendUnavailable& e) {
    return nullptr;
  }
}

}  // namespace

TEST(GpuGenerator, MatchesTheCpuBitForBitForEveryDtypeAndDistribution) {
  auto gpu = cuda_or_skip();
  if (!gpu) GTEST_SKIP() << "no usable CUDA GPU on this machine: GPU generator not tested";
  auto cpu = make_backend(BackendKind::cpu);
  const uint64_t count = (1u << 20) + 3;
  const Distribution distributions[] = {{DistributionKind::normal, 0.5, 2.0},
                                        {DistributionKind::uniform, -3.0, 7.0},
                                        {DistributionKind::integers, -100, 100},
                                        {DistributionKind::constant, 1.25, 0}};
  for (DType t : {DType::f16, DType::bf16, DType::f32, DType::f64, DType::i32, DType::i64, DType::u8}) {
    for (const auto& d : distributions) {
      if (!dtype_is_float(t) && (d.kind == DistributionKind::normal || d.kind == DistributionKind::uniform)) continue;
      if (t == DType::u8 && d.kind == DistributionKind::integers) continue;  // negative range
      const size_t bytes = count * dtype_size(t);
      void* dev = gpu->allocate(bytes);
      void* host = cpu->allocate(bytes);
      const uint64_t key = parameter_key(1234, static_cast<uint32_t>(t));
      gpu->fill(dev, t, count, d, key, 0);
      cpu->fill(host, t, count, d, key, 0);
      std::vector<unsigned char> from_gpu(bytes);
      gpu->download(from_gpu.data(), dev, bytes);
      const auto* h = static_cast<const unsigned char*>(host);
      size_t first_diff = bytes;
      for (size_t i = 0; i < bytes && first_diff == bytes; ++i)
        if (from_gpu[i] != h[i]) first_diff = i;
      EXPECT_EQ(first_diff, bytes) << dtype_name(t) << " distribution " << static_cast<int>(d.kind) << ": element "
                                   << first_diff / dtype_size(t) << " differs";
      // A window redrawn in place from element `first` (as before a timed call) gets the very
      // elements a whole fill gives there.
      const uint64_t first = 777777, window = 1024;
      const size_t size = dtype_size(t);
      gpu->fill(dev, t, window, d, key ^ 1, 0);
      gpu->fill(dev, t, window, d, key, first);
      std::vector<unsigned char> redrawn(window * size);
      gpu->download(redrawn.data(), dev, redrawn.size());
      EXPECT_EQ(std::memcmp(redrawn.data(), h + first * size, redrawn.size()), 0)
          << dtype_name(t) << " distribution " << static_cast<int>(d.kind) << ": a window differs from the whole fill";
      gpu->release(dev);
      cpu->release(host);
    }
  }
}
