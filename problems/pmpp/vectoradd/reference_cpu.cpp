// CPU reference for vectoradd (fp16), in double: the exact sum of two fp16 values rounded to fp16
// once. The types are cuda_fp16.h's, whose conversions also run on the host. The test suite checks
// the GPU reference against it on the test cases.
#include <cuda_fp16.h>

#include <cstddef>

extern "C" void reference(const __half* a, const __half* b, __half* c, int n) {
    const size_t count = (size_t)n * (size_t)n;
    for (size_t i = 0; i < count; ++i) {
        c[i] = __double2half((double)__half2float(a[i]) + (double)__half2float(b[i]));
    }
}
