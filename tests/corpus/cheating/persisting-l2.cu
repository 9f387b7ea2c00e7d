// Cheating: asks the GPU to keep its inputs in L2 across calls (a persisting access window on its
// stream), to defeat the cache flush before each timed call. The harness resets persisting lines and
// the persisting carve-out before every timed call, so this gains nothing: a correct solution, timed
// cold like any other.
#include <algorithm>
#include <cuda_runtime.h>

__global__ void add(const float* a, const float* b, float* c, size_t n) {
  const size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

extern "C" void solution(const float* d_input1, const float* d_input2, float* d_output, size_t n) {
  static cudaStream_t stream = [] {
    cudaStream_t s;
    cudaStreamCreate(&s);  // a blocking stream: ordered with the default stream the timer uses
    return s;
  }();
  int max_window = 0;
  cudaDeviceGetAttribute(&max_window, cudaDevAttrMaxAccessPolicyWindowSize, 0);
  cudaDeviceSetLimit(cudaLimitPersistingL2CacheSize, 32 << 20);
  cudaStreamAttrValue window{};
  window.accessPolicyWindow.base_ptr = const_cast<float*>(d_input1);
  window.accessPolicyWindow.num_bytes = std::min<size_t>(n * sizeof(float), static_cast<size_t>(max_window));
  window.accessPolicyWindow.hitRatio = 1.0f;
  window.accessPolicyWindow.hitProp = cudaAccessPropertyPersisting;
  window.accessPolicyWindow.missProp = cudaAccessPropertyStreaming;
  cudaStreamSetAttribute(stream, cudaStreamAttributeAccessPolicyWindow, &window);
  cudaGetLastError();  // whatever the device refused, carry on
  add<<<(n + 255) / 256, 256, 0, stream>>>(d_input1, d_input2, d_output, n);
  cudaStreamSynchronize(stream);
}
