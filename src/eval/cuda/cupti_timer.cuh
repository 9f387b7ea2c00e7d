// An independent witness for Podium's timer (--verify-timer): CUPTI's activity records of the same
// timed calls.
//
// Each timed call is bracketed by an external correlation id, so every kernel, memset and memcpy the
// submission enqueues during the call carries that id, while Podium's own work (flush, blocking
// kernel, poisoning) carries none. A call's CUPTI time is the span from the first of its records'
// start to the last one's end: the device time of the submission's work, without launch overhead.
// Caveat: collecting activity records adds a little host overhead to every launch; run timings
// that are reported without --verify-timer.
#pragma once

#include <cstdint>
#include <optional>

#include "eval/backend.hpp"

namespace podium {

class CuptiTimer {
 public:
  CuptiTimer();  // enables activity collection for this process
  ~CuptiTimer();
  CuptiTimer(const CuptiTimer&) = delete;
  CuptiTimer& operator=(const CuptiTimer&) = delete;

  void begin_call();
  void end_call();
  // Flushes the records and returns the mean span of the calls since the last take() and their most
  // operations, over the calls that have records; nullopt when none has.
  std::optional<VerifiedTiming> take();
};

}  // namespace podium
