// Wrong conv-2d: centres the kernel with the paddings swapped (rows offset by (Kw-1)/2, columns by
// (Kh-1)/2). Right for square kernels, so (1,1,1,1) and (7,5,3,3) pass; (33,65,5,7) fails.
#include <cuda_runtime.h>

__global__ void conv2d(const float* A, const float* B, float* C, size_t H, size_t W, size_t Kh, size_t Kw) {
    int col = blockIdx.x * blockDim.x + threadIdx.x;
    int row = blockIdx.y * blockDim.y + threadIdx.y;
    if (row >= (int)H || col >= (int)W) return;
    int half_h = (int)(Kw - 1) / 2;
    int half_w = (int)(Kh - 1) / 2;
    float sum = 0.0f;
    for (int a = 0; a < (int)Kh; ++a) {
        int r = row + a - half_h;
        if (r < 0 || r >= (int)H) continue;
        for (int b = 0; b < (int)Kw; ++b) {
            int c = col + b - half_w;
            if (c >= 0 && c < (int)W) sum += A[(size_t)r * W + c] * B[a * Kw + b];
        }
    }
    C[(size_t)row * W + col] = sum;
}

extern "C" void solution(const float* A, const float* B, float* C, size_t H, size_t W, size_t Kh, size_t Kw) {
    dim3 block(16, 16);
    dim3 grid((W + 15) / 16, (H + 15) / 16);
    conv2d<<<grid, block>>>(A, B, C, H, W, Kh, Kw);
}
