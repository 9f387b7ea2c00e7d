// CPU reference for relu: max(0, x), exact in any precision (-0 and NaN inputs give +0, as in
// reference.cu). The test suite checks the GPU reference against it on the test cases.
#include <cstddef>

extern "C" void reference(const float* input, float* output, size_t n, size_t m) {
    for (size_t i = 0; i < n * m; ++i) output[i] = input[i] > 0.0f ? input[i] : 0.0f;
}
