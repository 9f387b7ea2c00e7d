// Correct matrix-vector: one warp per row; lanes stride along the row (coalesced loads), then a
// shuffle reduction gives the row's sum to lane 0.
#include <cuda_runtime.h>

__global__ void matvec(const float* a, const float* b, float* c, size_t m, size_t k) {
    size_t row = ((size_t)blockIdx.x * blockDim.x + threadIdx.x) / 32;
    int lane = threadIdx.x % 32;
    if (row >= m) return;
    float sum = 0.0f;
    for (size_t l = lane; l < k; l += 32) {
        sum += a[row * k + l] * b[l];
    }
    for (int offset = 16; offset > 0; offset /= 2) {
        sum += __shfl_down_sync(0xffffffff, sum, offset);
    }
    if (lane == 0) c[row] = sum;
}

extern "C" void solution(const float* input_a, const float* input_b, float* output_c, size_t m, size_t k) {
    size_t threads = m * 32;
    matvec<<<(threads + 255) / 256, 256>>>(input_a, input_b, output_c, m, k);
}
