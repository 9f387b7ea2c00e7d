// CPU reference for softmax, in double: along dimension `dim`, exp(x - max) / sum of exp(x - max) over
// each slice, rounded to float once. `shape` is a host pointer here (the CUDA signature's device
// array, copied to the host). The test suite checks the GPU reference against it on the test cases.
#include <cmath>
#include <cstddef>

extern "C" void reference(const float* input, int dim, float* output, const size_t* shape, size_t ndim) {
    if (dim < 0 || (size_t)dim >= ndim) return;
    size_t outer = 1, inner = 1;
    for (size_t d = 0; d < ndim; ++d) {
        if (d < (size_t)dim) outer *= shape[d];
        if (d > (size_t)dim) inner *= shape[d];
    }
    const size_t len = shape[dim];
    for (size_t o = 0; o < outer; ++o) {
        for (size_t in = 0; in < inner; ++in) {
            const size_t base = o * len * inner + in;
            double max = -INFINITY;
            for (size_t j = 0; j < len; ++j) max = std::fmax(max, (double)input[base + j * inner]);
            double sum = 0.0;
            for (size_t j = 0; j < len; ++j) sum += std::exp((double)input[base + j * inner] - max);
            for (size_t j = 0; j < len; ++j) {
                output[base + j * inner] = (float)(std::exp((double)input[base + j * inner] - max) / sum);
            }
        }
    }
}
