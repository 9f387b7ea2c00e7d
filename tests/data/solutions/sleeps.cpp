// A correct cpu/matmul that sleeps 0.3 s in every call, so that a test can act while its job is surely
// still running (kill the worker that runs it, queue other jobs behind it).
#include <cstddef>
#include <unistd.h>

extern "C" void solution(const float* a, const float* b, float* c, size_t m, size_t n, size_t k) {
    usleep(300000);
    for (size_t i = 0; i < m; ++i) {
        for (size_t j = 0; j < n; ++j) c[i * n + j] = 0.0f;
        for (size_t p = 0; p < k; ++p) {
            const float a_ip = a[i * k + p];
            for (size_t j = 0; j < n; ++j) c[i * n + j] += a_ip * b[p * n + j];
        }
    }
}
