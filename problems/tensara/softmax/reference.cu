// Reference for softmax: softmax along dimension `dim` of a row-major ndim-dimensional fp32 tensor.
// One thread per slice (outer, inner), three passes over the slice (max, sum of exp, write), all in
// double. `shape` is a device pointer, as on Tensara.
// Launches and returns (Podium synchronizes).
#include <cuda_runtime.h>
#include <cstddef>

__global__ void reference_softmax(const float* in, float* out, size_t outer, size_t len, size_t inner) {
    size_t slice = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (slice >= outer * inner) return;
    size_t base = (slice / inner) * len * inner + slice % inner;
    double max = -1.0e300;
    for (size_t j = 0; j < len; ++j) {
        double x = in[base + j * inner];
        if (x > max) max = x;
    }
    double sum = 0.0;
    for (size_t j = 0; j < len; ++j) {
        sum += exp((double)in[base + j * inner] - max);
    }
    for (size_t j = 0; j < len; ++j) {
        out[base + j * inner] = (float)(exp((double)in[base + j * inner] - max) / sum);
    }
}

extern "C" void reference(const float* input, int dim, float* output, const size_t* shape, size_t ndim) {
    size_t dims[16];
    if (ndim == 0 || ndim > 16 || dim < 0 || (size_t)dim >= ndim) return;
    cudaMemcpy(dims, shape, ndim * sizeof(size_t), cudaMemcpyDefault);
    size_t outer = 1, inner = 1;
    for (size_t d = 0; d < ndim; ++d) {
        if (d < (size_t)dim) outer *= dims[d];
        if (d > (size_t)dim) inner *= dims[d];
    }
    size_t len = dims[dim];
    size_t slices = outer * inner;
    if (slices == 0 || len == 0) return;
    reference_softmax<<<(unsigned)((slices + 255) / 256), 256>>>(input, output, outer, len, inner);
}
