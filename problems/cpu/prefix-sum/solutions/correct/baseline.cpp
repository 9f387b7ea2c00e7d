// Correct prefix-sum, a reasonable single-threaded baseline: a blocked scan that shortens the chain of
// dependent additions.
//
// A running sum is one long chain: each addition waits for the previous one (about 4 cycles of
// floating-point latency), so it runs at about one element per 4 cycles whatever the memory can do.
// Here each block of 8 elements is first scanned on its own (local[j] = input[i] + ... + input[i+j]),
// which does not depend on earlier blocks, so the out-of-order core overlaps it with the blocks before;
// then the total carried in from earlier blocks is added to all 8 (a loop the compiler vectorizes).
// The only chain left is carry -> carry + local[7], one addition per 8 elements. As a bonus the error is
// smaller than a running sum's: the local scans round against small partial sums.
#include <cstddef>

static constexpr size_t BLOCK = 8;

extern "C" void solution(const float* input, float* output, size_t n) {
    float carry = 0.0f;
    size_t i = 0;
    for (; i + BLOCK <= n; i += BLOCK) {
        float local[BLOCK];
        local[0] = input[i];
        for (size_t j = 1; j < BLOCK; ++j) {
            local[j] = local[j - 1] + input[i + j];
        }
        for (size_t j = 0; j < BLOCK; ++j) {
            output[i + j] = carry + local[j];
        }
        carry = output[i + BLOCK - 1];
    }
    // The last n % 8 elements: a plain running sum from the carry.
    for (; i < n; ++i) {
        carry += input[i];
        output[i] = carry;
    }
}
