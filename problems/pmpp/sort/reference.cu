// Reference for sort: ascending sort of fp32 values with CUB's DeviceRadixSort (shipped with the CUDA
// toolkit), which orders floats by value (negative numbers included). Reads input, writes output, and
// frees its temporary storage before returning.
#include <cuda_runtime.h>
#include <cub/device/device_radix_sort.cuh>
#include <cstddef>

extern "C" void reference(const float* input, float* output, size_t n) {
    if (n == 0) return;
    size_t temp_bytes = 0;
    cub::DeviceRadixSort::SortKeys(nullptr, temp_bytes, input, output, n);
    void* temp = nullptr;
    cudaMalloc(&temp, temp_bytes);
    cub::DeviceRadixSort::SortKeys(temp, temp_bytes, input, output, n);
    cudaFree(temp);
}
