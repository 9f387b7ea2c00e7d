// Wrong grayscale: the baseline's 4-pixel vector path with an off-by-one in the tail: the scalar
// pixels start at groups * 4 + 1 instead of groups * 4, so when the pixel count is not a multiple of 4
// the first tail pixel is never written and keeps the NaN poison. Fails S = 1, 7 and 33; passes 256
// and every benchmark size (their pixel counts are multiples of 4).
#include <cuda_runtime.h>
#include <cstddef>

__device__ __forceinline__ float luminance(float r, float g, float b) {
    return 0.2989f * r + 0.5870f * g + 0.1140f * b;
}

__global__ void grayscale(const float* __restrict__ image, float* __restrict__ gray, size_t groups,
                          size_t pixels) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < groups) {
        const float4* in = reinterpret_cast<const float4*>(image) + 3 * i;
        float4 v0 = in[0];
        float4 v1 = in[1];
        float4 v2 = in[2];
        float4 out = make_float4(luminance(v0.x, v0.y, v0.z), luminance(v0.w, v1.x, v1.y),
                                 luminance(v1.z, v1.w, v2.x), luminance(v2.y, v2.z, v2.w));
        reinterpret_cast<float4*>(gray)[i] = out;
    }
    size_t p = groups * 4 + 1 + i;
    if (p < pixels) {
        gray[p] = luminance(image[3 * p], image[3 * p + 1], image[3 * p + 2]);
    }
}

extern "C" void solution(const float* image, float* gray, int size) {
    size_t pixels = (size_t)size * (size_t)size;
    if (pixels == 0) return;
    size_t groups = pixels / 4;
    size_t threads = groups > 0 ? groups : 1;
    grayscale<<<(unsigned)((threads + 255) / 256), 256>>>(image, gray, groups, pixels);
}
