// The contestant: the sandboxed process that runs submission code, and the judge's side of the
// channel to it.
//
// The channel is a SOCK_SEQPACKET socket pair: one JSON object per message, buffers passed as
// descriptors alongside. The judge asks, the contestant answers; every request carries a sequence
// number its answer must repeat. First of all the judge says "settle" (the boundary below which a
// CUDA context is fast, or null: eval/context_kinds.hpp), which the contestant does before it uses
// the device. Requests: "map" (buffers the judge allocated: host memory as sealed
// memfds, GPU memory as CUDA IPC handles), "unmap", "call" (the argument list as buffer offsets and
// scalar values; "timed": true for a timed call; "redraw" and "reset": the CallPreparation to do
// first, as buffer offsets), "warm_up" (with the empty kernel's span, when the judge has it),
// "clock", "verified" (CUPTI's mean and operation count). Answers: "ok", "done", "sample", "clock",
// "verified". At any time the contestant may say "fault" (a verdict and a message: the
// submission crashed its device, ran out of memory, threw) or "violation" (the syscall filter's
// report), after which it ends. At the start it says "hello" with its device, or "unavailable".
//
// Nothing the contestant says decides a verdict in the submission's favour: the judge reads the
// outputs from the shared buffers itself. Its timing samples are taken as-is (they come from the
// harness's own timer; see docs/sandbox.md for what protects it); a message out of turn is a
// security violation.
#pragma once

#include <map>
#include <stdexcept>

#include "core/device.hpp"
#include "core/problem.hpp"
#include "eval/evaluator.hpp"

namespace podium {

// The contestant process ended (its channel closed): its exit status says why.
class ContestantLost : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The judge's side: a Contestant whose submission runs in the process at the other end of `channel`.
// Host buffers are shared through sealed memfds; device buffers of the CUDA backend through CUDA
// IPC handles (device_sharing.hpp).
class RemoteContestant final : public Contestant {
 public:
  // Waits for the contestant's hello; throws BackendUnavailable when it cannot use its device.
  // `judge_backend` prepares the buffers: its work is settled before every call.
  RemoteContestant(int channel, const ProblemSpec& spec, Backend& judge_backend);
  ~RemoteContestant() override;
  RemoteContestant(const RemoteContestant&) = delete;
  RemoteContestant& operator=(const RemoteContestant&) = delete;

  const DeviceInfo& device() const { return device_; }
  // The empty kernel's span (Backend::use_empty_kernel_span), sent with the warm-up.
  void give_empty_kernel_span(double seconds) { empty_kernel_span_ = seconds; }
  void* allocate(size_t bytes, bool host) override;
  void release(void* p) override;
  void call(void** args, const CallPreparation& preparation) override;
  Sample timed_call(void** args, const CallPreparation& preparation) override;
  void warm_up() override;
  std::string clock_description() override;
  std::optional<VerifiedTiming> take_verified_timing() override;

 private:
  struct Block {
    uint64_t id;
    size_t bytes;
    bool device;         // GPU memory (shared by handle), else host memory (shared by memfd)
    int fd;              // host memory, until the contestant has mapped it
    std::string handle;  // GPU memory
    bool mapped;         // by the contestant
  };
  void free_block(unsigned char* base, Block& block);
  nlohmann::json request(nlohmann::json message, const std::string& answer, const std::vector<int>& fds = {});
  nlohmann::json receive();
  nlohmann::json location(const void* address) const;
  nlohmann::json call_request(void** args, const CallPreparation& preparation, bool timed) const;
  void send_pending();

  int channel_;
  const ProblemSpec& spec_;
  Backend& judge_backend_;
  DeviceInfo device_;
  uint64_t next_seq_ = 1;
  uint64_t next_id_ = 1;
  std::map<const unsigned char*, Block> blocks_;  // by base address in this process
  std::vector<uint64_t> unmapped_;                // released, not yet unmapped by the contestant
  std::optional<double> empty_kernel_span_;
};

// The contestant's side: says hello, then answers the judge's requests on `channel` until the judge
// hangs up (returns 0) or the submission faults (reports it, returns 1).
int serve_contestant(int channel, Backend& backend, EntryPoint entry);

// The judge's first message: the boundary the contestant settles its context with, if any.
void send_settle(int channel, std::optional<double> fast_below);
// The hello a contestant sends first, or the message that it cannot use its device.
void send_hello(int channel, const DeviceInfo& device);
void send_unavailable(int channel, const std::string& why);
// A fault report, as serve_contestant sends it (also used where the solution fails to load).
void send_fault(int channel, Verdict verdict, const std::string& message);

// podium-evaluator contestant --backend cpu|cuda --solution PATH --channel-fd N [--verify-timer]:
// waits for the judge's "settle" and settles its context, sets up, hardens itself (syscall_filter.hpp),
// says hello, loads the solution and serves the judge.
int contestant_main(const std::vector<std::string>& args);

}  // namespace podium
