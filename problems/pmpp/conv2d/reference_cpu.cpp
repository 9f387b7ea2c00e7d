// CPU reference for conv2d, in double: the cross-correlation of reference.cu on host pointers, with
// every output a double sum of exact products (two floats multiply exactly in double) rounded to float
// once. The test suite checks the GPU reference against it on the test cases.
#include <cstddef>
#include <vector>

extern "C" void reference(const float* input, const float* kernel, float* output, size_t batch,
                          size_t channels, size_t size, size_t k) {
    if (k == 0 || k > size) return;
    const size_t out = size - k + 1;
    // One output plane at a time, accumulated term by term (input channel, filter row, filter column)
    // over the whole plane, so the inner loop walks rows of the input and of the sums.
    std::vector<double> sums(out * out);
    for (size_t b = 0; b < batch; ++b) {
        for (size_t co = 0; co < channels; ++co) {
            sums.assign(out * out, 0.0);
            for (size_t ci = 0; ci < channels; ++ci) {
                const float* plane = input + (b * channels + ci) * size * size;
                const float* filter = kernel + (co * channels + ci) * k * k;
                for (size_t i = 0; i < k; ++i) {
                    for (size_t j = 0; j < k; ++j) {
                        const double w = filter[i * k + j];
                        for (size_t y = 0; y < out; ++y) {
                            const float* row = plane + (y + i) * size + j;
                            double* sum = &sums[y * out];
                            for (size_t x = 0; x < out; ++x) sum[x] += (double)row[x] * w;
                        }
                    }
                }
            }
            float* result = output + (b * channels + co) * out * out;
            for (size_t e = 0; e < out * out; ++e) result[e] = (float)sums[e];
        }
    }
}
