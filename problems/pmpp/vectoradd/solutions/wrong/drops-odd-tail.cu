// Wrong vectoradd: adds half2 pairs (count / 2 of them) and forgets the last element when the element
// count n * n is odd, which leaves it holding the NaN poison. Fails N = 1 (nothing is written), 127 and
// 129; passes the even sizes, the benchmark sizes among them.
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cstddef>

__global__ void vector_add_pairs(const __half2* a, const __half2* b, __half2* c, size_t pairs) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < pairs) {
        c[i] = __hadd2(a[i], b[i]);
    }
}

extern "C" void solution(const __half* a, const __half* b, __half* c, int n) {
    size_t pairs = (size_t)n * (size_t)n / 2;
    size_t blocks = (pairs + 255) / 256;
    if (blocks == 0) blocks = 1;
    vector_add_pairs<<<(unsigned)blocks, 256>>>(reinterpret_cast<const __half2*>(a),
                                                reinterpret_cast<const __half2*>(b),
                                                reinterpret_cast<__half2*>(c), pairs);
}
