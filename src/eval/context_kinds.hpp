// Fast and slow CUDA contexts.
//
// Every CUDA context runs dependent launches (one kernel after another on a stream) with a gap of
// its own, and on an H100 the contexts come in two kinds, about half each: in a fast one each
// launch after the first takes about 1.65-1.73 µs, in a slow one 1.81-1.87 µs (every stream of the
// context alike; nothing done inside a context changes it; bench/results/2026-11-26-h100-contexts.md).
// A call of several kernels is then timed up to 2% apart in two evaluator processes, and CUPTI
// sees the same. So the evaluating process settles into a fast context before anything else: it
// probes its context and, while it is slow, makes it afresh (settle_context). Where the boundary
// between the kinds lies is the GPU's and driver's own: measured once over many contexts
// (sample_context_gaps, classify_contexts) and kept (runner/judge.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace podium {

// Sampled launch gaps, split into two kinds where they fall into two.
struct ContextKinds {
  std::vector<double> gaps;          // seconds per dependent launch, one per context, sorted
  std::optional<double> fast_below;  // the boundary between the kinds; nullopt: one kind (or too few to tell)
};

// Splits the gaps at their widest jump between neighbours when at least kMinPerKind lie on each
// side and the jump is at least kJumpOverSpread times the gaps' spread (SD) within the two sides;
// the boundary is the jump's middle.
ContextKinds classify_contexts(std::vector<double> gaps);
inline constexpr size_t kMinPerKind = 3;
inline constexpr double kJumpOverSpread = 2.0;

// How the evaluating process's context was settled.
struct SettledContext {
  double gap = 0;    // seconds per dependent launch in the context kept
  double fast_below = 0;
  int made = 1;      // contexts made to get it
  bool fast() const { return gap < fast_below; }
};
std::string describe(const SettledContext& s);  // for the report's clock description

// CUDA only (BackendUnavailable in a build without CUDA):

// Makes device 0's primary context, as the CUDA backend would; false when it cannot (the backend
// then says why).
bool make_cuda_context();
// "name\nCUDA x.y\nPCI bus id" of device 0, the key of what is measured once per GPU and driver.
std::string cuda_device_key();
// The current context's gap between dependent launches (the device's primary context, made if there
// is none), in seconds: chains of 8 and of 1 empty kernel on the legacy stream, launched behind a
// blocking kernel, 10 of each; the median (x8 - x1) / 7. Takes a few ms, at any clocks.
double probe_launch_gap();
// `count` primary contexts made one after another, each probed; the last one is left current.
std::vector<double> sample_context_gaps(int count);
// Probes the primary context and, while it is not fast, makes it afresh, up to `max_contexts` in
// all (the last is kept however it probes). Anything made in a context that is made afresh is gone:
// call it before anything else uses the device.
SettledContext settle_context(double fast_below, int max_contexts);
inline constexpr int kMaxSettlingContexts = 4;

}  // namespace podium
