// CPU reference for grayscale, in double: gray = 0.2989 R + 0.5870 G + 0.1140 B per pixel, rounded to
// float once. The test suite checks the GPU reference against it on the test cases.
#include <cstddef>

extern "C" void reference(const float* image, float* gray, int size) {
    const size_t pixels = (size_t)size * (size_t)size;
    for (size_t p = 0; p < pixels; ++p) {
        const double r = image[3 * p];
        const double g = image[3 * p + 1];
        const double b = image[3 * p + 2];
        gray[p] = (float)(0.2989 * r + 0.5870 * g + 0.1140 * b);
    }
}
