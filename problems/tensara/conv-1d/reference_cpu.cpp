// CPU reference for conv-1d, in double: C[i] = sum_j A[i + j - (K-1)/2] * B[j] with zero padding, a
// double sum of exact products rounded to float once. The test suite checks the GPU reference against
// it on the test cases.
#include <cstddef>

extern "C" void reference(const float* A, const float* B, float* C, size_t N, size_t K) {
    const long long half = (long long)(K - 1) / 2;
    for (size_t i = 0; i < N; ++i) {
        double sum = 0.0;
        for (size_t j = 0; j < K; ++j) {
            const long long src = (long long)i + (long long)j - half;
            if (src >= 0 && src < (long long)N) sum += (double)A[src] * (double)B[j];
        }
        C[i] = (float)sum;
    }
}
