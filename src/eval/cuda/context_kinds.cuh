// The context probe of eval/context_kinds.hpp on any stream (CUDA code only).
#pragma once

#include <cuda_runtime.h>

namespace podium {

// The current context's gap between dependent launches on `stream`, in seconds: chains of 8 and of 1
// empty kernel launched behind a blocking kernel, 10 of each; the median (x8 - x1) / 7. The context
// must exist.
double probe_launch_gap(cudaStream_t stream);

}  // namespace podium
