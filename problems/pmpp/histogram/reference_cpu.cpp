// CPU reference for histogram: the 256 bins zeroed, then one count per element (exact). The test
// suite checks the GPU reference against it on the test cases.
#include <cstdint>

extern "C" void reference(const uint8_t* data, int32_t* histogram, int n) {
    for (int v = 0; v < 256; ++v) histogram[v] = 0;
    for (int i = 0; i < n; ++i) ++histogram[data[i]];
}
