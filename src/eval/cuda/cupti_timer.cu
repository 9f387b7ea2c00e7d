// See cupti_timer.cuh.
#include "eval/cuda/cupti_timer.cuh"

#include <cupti.h>

#include <cstdlib>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace podium {
namespace {

struct Span {
  uint64_t start = UINT64_MAX;
  uint64_t end = 0;
  int operations = 0;
};

// CUPTI delivers records through C callbacks: the state they fill is process-wide.
std::mutex g_mutex;
std::map<uint32_t, uint64_t> g_external;      // CUPTI correlation id -> call id
std::map<uint32_t, Span> g_activity;          // CUPTI correlation id -> span of its work
uint64_t g_next_call = 1;

void CUPTIAPI buffer_requested(uint8_t** buffer, size_t* size, size_t* max_records) {
  *size = 8 << 20;
  *buffer = static_cast<uint8_t*>(std::aligned_alloc(8, *size));
  *max_records = 0;
}

void add_activity(uint32_t correlation, uint64_t start, uint64_t end) {
  Span& s = g_activity[correlation];
  s.start = std::min(s.start, start);
  s.end = std::max(s.end, end);
  ++s.operations;
}

void CUPTIAPI buffer_completed(CUcontext, uint32_t, uint8_t* buffer, size_t, size_t valid) {
  std::lock_guard lock(g_mutex);
  CUpti_Activity* record = nullptr;
  while (cuptiActivityGetNextRecord(buffer, valid, &record) == CUPTI_SUCCESS) {
    switch (record->kind) {
      case CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL:
      case CUPTI_ACTIVITY_KIND_KERNEL: {
        const auto* k = reinterpret_cast<const CUpti_ActivityKernel10*>(record);
        add_activity(k->correlationId, k->start, k->end);
        break;
      }
      case CUPTI_ACTIVITY_KIND_MEMSET: {
        const auto* m = reinterpret_cast<const CUpti_ActivityMemset4*>(record);
        add_activity(m->correlationId, m->start, m->end);
        break;
      }
      case CUPTI_ACTIVITY_KIND_MEMCPY: {
        const auto* m = reinterpret_cast<const CUpti_ActivityMemcpy6*>(record);
        add_activity(m->correlationId, m->start, m->end);
        break;
      }
      case CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION: {
        const auto* e = reinterpret_cast<const CUpti_ActivityExternalCorrelation*>(record);
        if (e->externalKind == CUPTI_EXTERNAL_CORRELATION_KIND_CUSTOM0) g_external[e->correlationId] = e->externalId;
        break;
      }
      default:
        break;
    }
  }
  std::free(buffer);
}

void check(CUptiResult r, const char* what) {
  if (r != CUPTI_SUCCESS) {
    const char* text = nullptr;
    cuptiGetResultString(r, &text);
    throw std::runtime_error(std::string("CUPTI: ") + what + ": " + (text ? text : "error"));
  }
}

}  // namespace

CuptiTimer::CuptiTimer() {
  check(cuptiActivityRegisterCallbacks(buffer_requested, buffer_completed), "registering buffers");
  check(cuptiActivityEnable(CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL), "enabling kernel records");
  check(cuptiActivityEnable(CUPTI_ACTIVITY_KIND_MEMSET), "enabling memset records");
  check(cuptiActivityEnable(CUPTI_ACTIVITY_KIND_MEMCPY), "enabling memcpy records");
  check(cuptiActivityEnable(CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION), "enabling correlation records");
  // External correlation records are made only for API calls that CUPTI traces.
  check(cuptiActivityEnable(CUPTI_ACTIVITY_KIND_RUNTIME), "enabling runtime API records");
  check(cuptiActivityEnable(CUPTI_ACTIVITY_KIND_DRIVER), "enabling driver API records");
}

CuptiTimer::~CuptiTimer() {
  cuptiActivityFlushAll(1);
  cuptiActivityDisable(CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL);
  cuptiActivityDisable(CUPTI_ACTIVITY_KIND_MEMSET);
  cuptiActivityDisable(CUPTI_ACTIVITY_KIND_MEMCPY);
  cuptiActivityDisable(CUPTI_ACTIVITY_KIND_EXTERNAL_CORRELATION);
  cuptiActivityDisable(CUPTI_ACTIVITY_KIND_RUNTIME);
  cuptiActivityDisable(CUPTI_ACTIVITY_KIND_DRIVER);
}

void CuptiTimer::begin_call() {
  uint64_t id;
  {
    std::lock_guard lock(g_mutex);
    id = g_next_call++;
  }
  cuptiActivityPushExternalCorrelationId(CUPTI_EXTERNAL_CORRELATION_KIND_CUSTOM0, id);
}

void CuptiTimer::end_call() {
  uint64_t last = 0;
  cuptiActivityPopExternalCorrelationId(CUPTI_EXTERNAL_CORRELATION_KIND_CUSTOM0, &last);
}

std::optional<VerifiedTiming> CuptiTimer::take() {
  cuptiActivityFlushAll(1);
  std::lock_guard lock(g_mutex);
  std::map<uint64_t, Span> calls;
  for (const auto& [correlation, span] : g_activity) {
    const auto it = g_external.find(correlation);
    if (it == g_external.end()) continue;  // Podium's own work
    Span& c = calls[it->second];
    c.start = std::min(c.start, span.start);
    c.end = std::max(c.end, span.end);
    c.operations += span.operations;
  }
  g_activity.clear();
  g_external.clear();
  if (calls.empty()) return std::nullopt;
  double total = 0;
  VerifiedTiming t;
  for (const auto& [id, span] : calls) {
    total += static_cast<double>(span.end - span.start) * 1e-9;
    t.operations = std::max(t.operations, span.operations);
  }
  t.mean_seconds = total / static_cast<double>(calls.size());
  return t;
}

}  // namespace podium
