// CPU reference for conv-2d, in double: C[i][j] = sum_{a,b} A[i + a - (Kh-1)/2][j + b - (Kw-1)/2] * B[a][b]
// with zero padding, a double sum of exact products rounded to float once. The test suite checks the
// GPU reference against it on the test cases.
#include <cstddef>

extern "C" void reference(const float* A, const float* B, float* C, size_t H, size_t W, size_t Kh, size_t Kw) {
    const long long half_h = (long long)(Kh - 1) / 2;
    const long long half_w = (long long)(Kw - 1) / 2;
    for (size_t i = 0; i < H; ++i) {
        for (size_t j = 0; j < W; ++j) {
            double sum = 0.0;
            for (size_t p = 0; p < Kh; ++p) {
                const long long row = (long long)i + (long long)p - half_h;
                if (row < 0 || row >= (long long)H) continue;
                for (size_t q = 0; q < Kw; ++q) {
                    const long long col = (long long)j + (long long)q - half_w;
                    if (col >= 0 && col < (long long)W) sum += (double)A[row * W + col] * (double)B[p * Kw + q];
                }
            }
            C[i * W + j] = (float)sum;
        }
    }
}
