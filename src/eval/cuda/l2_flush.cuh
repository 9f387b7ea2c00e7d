// Leaves the L2 cache cold, and empty of dirty data, before a timed call.
//
// A memset of twice the L2's size evicts everything the previous call left (writing back its dirty
// lines while the memset runs, outside the timed interval). The memset's own lines are then dropped
// with discard.global.L2 (sm_80 and later), which invalidates lines without writing them back. Without
// the discard the timed kernel would write back ~50 MB of the flush buffer as it evicted it: about
// 10 µs added to a 70 µs kernel on an H100, which Nsight Compute, cleaning caches between replays, does
// not see. Persisting-L2 state is reset too: lines a previous call marked persisting would survive a
// flush, and the set-aside size a previous call raised is put back to zero.
#pragma once

#include <cuda_runtime.h>

#include <cstddef>

namespace podium {

class L2Flush {
 public:
  explicit L2Flush(size_t l2_bytes);
  ~L2Flush();
  L2Flush(const L2Flush&) = delete;
  L2Flush& operator=(const L2Flush&) = delete;

  // Enqueues the flush on the legacy default stream.
  cudaError_t enqueue();
  size_t bytes() const { return bytes_; }

 private:
  void* buffer_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace podium
