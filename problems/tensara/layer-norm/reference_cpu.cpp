// CPU reference for layer-norm, in double: per sample of N = F·D1·D2 elements, the mean, then the
// biased variance from a second pass, then Y = (X - mean) / sqrt(var + 1e-5) · gamma + beta, rounded
// to float once. The test suite checks the GPU reference against it on the test cases.
#include <cmath>
#include <cstddef>

extern "C" void reference(const float* X, const float* gamma, const float* beta, float* Y,
                          size_t B, size_t F, size_t D1, size_t D2) {
    const size_t n = F * D1 * D2;
    for (size_t b = 0; b < B; ++b) {
        const float* x = X + b * n;
        float* y = Y + b * n;
        double sum = 0.0;
        for (size_t i = 0; i < n; ++i) sum += x[i];
        const double mean = sum / (double)n;
        double squares = 0.0;
        for (size_t i = 0; i < n; ++i) squares += (x[i] - mean) * (x[i] - mean);
        const double inv = 1.0 / std::sqrt(squares / (double)n + 1e-5);
        for (size_t i = 0; i < n; ++i) y[i] = (float)((x[i] - mean) * inv * (double)gamma[i] + (double)beta[i]);
    }
}
