// CPU reference for histogram: each pixel clamped to [0, num_bins - 1] and truncated, as Tensara's
// reference does, counted exactly, and the counts written as floats (exact below 2^24). The test suite
// checks the GPU reference against it on the test cases.
#include <cmath>
#include <cstddef>
#include <vector>

extern "C" void reference(const float* image, int num_bins, float* histogram, size_t height, size_t width) {
    if (num_bins <= 0) return;
    std::vector<size_t> counts(num_bins, 0);
    for (size_t i = 0; i < height * width; ++i) {
        const float v = std::fmin(std::fmax(image[i], 0.0f), (float)(num_bins - 1));
        ++counts[(size_t)v];
    }
    for (int bin = 0; bin < num_bins; ++bin) histogram[bin] = (float)counts[bin];
}
