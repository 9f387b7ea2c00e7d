// Correct softmax, written as a Tensara user would: copy the shape to the host, view the tensor as
// (outer, len, inner) around `dim`, and give each slice one thread (max, sum of exp, write; fp32).
// Written as on Tensara: `shape` is a device pointer, copied to the host with cudaMemcpyDeviceToHost.
#include <cuda_runtime.h>

__global__ void softmax(const float* input, float* output, size_t outer, size_t len, size_t inner) {
    size_t slice = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (slice >= outer * inner) return;
    const float* in = input + (slice / inner) * len * inner + slice % inner;
    float* out = output + (slice / inner) * len * inner + slice % inner;
    float max = -INFINITY;
    for (size_t j = 0; j < len; ++j) max = fmaxf(max, in[j * inner]);
    float sum = 0.0f;
    for (size_t j = 0; j < len; ++j) sum += expf(in[j * inner] - max);
    for (size_t j = 0; j < len; ++j) out[j * inner] = expf(in[j * inner] - max) / sum;
}

extern "C" void solution(const float* input, int dim, float* output, const size_t* shape, size_t ndim) {
    size_t h_shape[16];
    cudaMemcpy(h_shape, shape, ndim * sizeof(size_t), cudaMemcpyDeviceToHost);
    size_t outer = 1, inner = 1;
    for (int d = 0; d < dim; ++d) outer *= h_shape[d];
    for (size_t d = dim + 1; d < ndim; ++d) inner *= h_shape[d];
    size_t slices = outer * inner;
    softmax<<<(slices + 255) / 256, 256>>>(input, output, outer, h_shape[dim], inner);
}
