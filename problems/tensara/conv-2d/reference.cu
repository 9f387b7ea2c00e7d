// Reference for conv-2d: C[i][j] = sum_{a,b} A[i + a - (Kh-1)/2][j + b - (Kw-1)/2] * B[a][b] with zero
// padding, one thread per output, accumulating in double. Launches and returns (Podium synchronizes).
#include <cuda_runtime.h>
#include <cstddef>

__global__ void reference_conv2d(const float* a, const float* b, float* c, size_t h, size_t w, size_t kh, size_t kw) {
    size_t j = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    size_t i = (size_t)blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= h || j >= w) return;
    long long half_h = (long long)(kh - 1) / 2;
    long long half_w = (long long)(kw - 1) / 2;
    double sum = 0.0;
    for (size_t p = 0; p < kh; ++p) {
        long long row = (long long)i + (long long)p - half_h;
        if (row < 0 || row >= (long long)h) continue;
        for (size_t q = 0; q < kw; ++q) {
            long long col = (long long)j + (long long)q - half_w;
            if (col >= 0 && col < (long long)w) sum += (double)a[row * w + col] * (double)b[p * kw + q];
        }
    }
    c[i * w + j] = (float)sum;
}

extern "C" void reference(const float* A, const float* B, float* C, size_t H, size_t W, size_t Kh, size_t Kw) {
    if (H == 0 || W == 0) return;
    dim3 block(32, 8);
    dim3 grid((unsigned)((W + 31) / 32), (unsigned)((H + 7) / 8));
    reference_conv2d<<<grid, block>>>(A, B, C, H, W, Kh, Kw);
}
