// CPU reference for rms-norm, in double: per row, rms = sqrt(sum of squares / N + 1e-5), then
// Y = X / rms, rounded to float once. The test suite checks the GPU reference against it on the test
// cases.
#include <cmath>
#include <cstddef>

extern "C" void reference(const float* X, float* Y, size_t B, size_t N) {
    for (size_t b = 0; b < B; ++b) {
        const float* x = X + b * N;
        float* y = Y + b * N;
        double squares = 0.0;
        for (size_t j = 0; j < N; ++j) squares += (double)x[j] * (double)x[j];
        const double rms = std::sqrt(squares / (double)N + 1e-5);
        for (size_t j = 0; j < N; ++j) y[j] = (float)((double)x[j] / rms);
    }
}
