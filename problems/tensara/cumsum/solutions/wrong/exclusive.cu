// Wrong cumsum: computes the exclusive scan (output[i] = input[0] + ... + input[i-1], output[0] = 0)
// instead of the inclusive one. For N = 1 it writes 0 where input[0] is expected; fails every test
// (each element is off by input[i], typically ~2.5, far beyond the tolerance).
#include <cuda_runtime.h>

__global__ void exclusive_scan(const float* in, float* out, size_t n) {
    float running = 0.0f;
    for (size_t i = 0; i < n; ++i) {
        out[i] = running;
        running += in[i];
    }
}

extern "C" void solution(const float* input, float* output, size_t N) {
    exclusive_scan<<<1, 1>>>(input, output, N);
}
