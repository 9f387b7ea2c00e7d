// Wrong softmax: ignores `dim` and always normalizes along the last (contiguous) dimension. Right for
// the tests with dim = 3, wrong for (1,3,37,33) dim 1, the third test, and every other dim != 3.
#include <cuda_runtime.h>

__global__ void softmax_rows(const float* input, float* output, size_t rows, size_t len) {
    size_t row = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (row >= rows) return;
    const float* in = input + row * len;
    float* out = output + row * len;
    float max = -INFINITY;
    for (size_t j = 0; j < len; ++j) max = fmaxf(max, in[j]);
    float sum = 0.0f;
    for (size_t j = 0; j < len; ++j) sum += expf(in[j] - max);
    for (size_t j = 0; j < len; ++j) out[j] = expf(in[j] - max) / sum;
}

extern "C" void solution(const float* input, int dim, float* output, const size_t* shape, size_t ndim) {
    size_t h_shape[16];
    cudaMemcpy(h_shape, shape, ndim * sizeof(size_t), cudaMemcpyDefault);
    size_t total = 1;
    for (size_t d = 0; d < ndim; ++d) total *= h_shape[d];
    size_t len = h_shape[ndim - 1];
    size_t rows = total / len;
    softmax_rows<<<(rows + 255) / 256, 256>>>(input, output, rows, len);
}
