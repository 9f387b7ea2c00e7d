// Cheating: launches its kernel on a stream of its own that does not wait for the default stream,
// and returns without waiting, so that the events around the call see nothing. The harness waits
// for the whole device before checking, so the answer is right; the time is impossibly small and
// flagged as faster than the GPU's speed of light.
#include <cuda_runtime.h>

__global__ void add(const float* a, const float* b, float* c, size_t n) {
  const size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

extern "C" void solution(const float* d_input1, const float* d_input2, float* d_output, size_t n) {
  static cudaStream_t side = [] {
    cudaStream_t s;
    cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking);
    return s;
  }();
  add<<<(n + 255) / 256, 256, 0, side>>>(d_input1, d_input2, d_output, n);
}
