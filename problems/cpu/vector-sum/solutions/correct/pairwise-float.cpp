// Correct vector-sum in float only: blocks of up to 1024 elements are summed with 8 float accumulators
// (which the compiler can keep in one vector register), and block sums are combined pairwise, so the
// rounding error grows with log(n) instead of sqrt(n).
#include <cstddef>

static float sum_block(const float* x, size_t n) {
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        for (int j = 0; j < 8; ++j) {
            acc[j] += x[i + j];
        }
    }
    float tail = 0.0f;
    for (; i < n; ++i) {
        tail += x[i];
    }
    return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7])) + tail;
}

static float sum_pairwise(const float* x, size_t n) {
    if (n <= 1024) {
        return sum_block(x, n);
    }
    size_t half = n / 2;
    return sum_pairwise(x, half) + sum_pairwise(x + half, n - half);
}

extern "C" void solution(const float* input, float* output, size_t n) {
    output[0] = sum_pairwise(input, n);
}
