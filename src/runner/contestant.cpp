// The contestant and the judge's channel to it. See contestant.hpp.
#include "runner/contestant.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <fmt/format.h>

#include "eval/library.hpp"
#include "runner/device_sharing.hpp"
#include "runner/judge.hpp"
#include "runner/syscall_filter.hpp"

namespace podium {
namespace {

using nlohmann::json;

constexpr size_t kMaxMessage = 1 << 16;
constexpr size_t kMaxDescriptors = 64;

void send_message(int channel, const json& message, const std::vector<int>& fds = {}) {
  const std::string text = message.dump();
  if (text.size() > kMaxMessage) throw std::runtime_error("contestant channel: message too large");
  iovec io{const_cast<char*>(text.data()), text.size()};
  msghdr msg{};
  msg.msg_iov = &io;
  msg.msg_iovlen = 1;
  std::vector<char> control;
  if (!fds.empty()) {
    control.resize(CMSG_SPACE(sizeof(int) * fds.size()));
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
    std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
  }
  ssize_t n;
  do {
    n = sendmsg(channel, &msg, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(text.size()))
    throw ContestantLost(fmt::format("the contestant's channel is closed ({})", n < 0 ? strerror(errno) : "short write"));
}

// One message; an empty optional when the other end hung up. Descriptors that came with it are
// appended to `fds` (close-on-exec).
std::optional<json> receive_message(int channel, std::vector<int>& fds) {
  std::string buffer(kMaxMessage + 1, '\0');
  iovec io{buffer.data(), buffer.size()};
  std::vector<char> control(CMSG_SPACE(sizeof(int) * kMaxDescriptors));
  msghdr msg{};
  msg.msg_iov = &io;
  msg.msg_iovlen = 1;
  msg.msg_control = control.data();
  msg.msg_controllen = control.size();
  ssize_t n;
  do {
    n = recvmsg(channel, &msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return std::nullopt;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (size_t i = 0; i < count; ++i) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
      fds.push_back(fd);
    }
  }
  if ((msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) return json();  // not an object: rejected by the caller
  return json::parse(buffer.substr(0, static_cast<size_t>(n)), nullptr, false);
}

std::string to_hex(const std::string& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string from_hex(const std::string& hex) {
  const auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    throw std::runtime_error("a GPU memory handle that is not hexadecimal");
  };
  if (hex.size() % 2) throw std::runtime_error("a GPU memory handle of odd length");
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) out += static_cast<char>(value(hex[i]) * 16 + value(hex[i + 1]));
  return out;
}

json sample_json(const Sample& s) {
  return {{"seconds", s.seconds},     {"sm_clock_mhz", s.sm_clock_mhz}, {"temperature_c", s.temperature_c},
          {"throttled", s.throttled}, {"blocked", s.blocked},           {"deadlock", s.deadlock}};
}

}  // namespace

void send_settle(int channel, std::optional<double> fast_below) {
  send_message(channel, {{"op", "settle"}, {"fast_below_seconds", fast_below ? json(*fast_below) : json(nullptr)}});
}

void send_hello(int channel, const DeviceInfo& device) { send_message(channel, {{"op", "hello"}, {"device", device}}); }

void send_unavailable(int channel, const std::string& why) { send_message(channel, {{"op", "unavailable"}, {"message", why}}); }

void send_fault(int channel, Verdict verdict, const std::string& message) {
  send_message(channel, {{"op", "fault"}, {"verdict", verdict_name(verdict)}, {"message", message}});
}

// ---- The judge's side ---------------------------------------------------------------------------

RemoteContestant::RemoteContestant(int channel, const ProblemSpec& spec, Backend& judge_backend)
    : channel_(channel), spec_(spec), judge_backend_(judge_backend) {
  const json hello = receive();
  if (hello.value("op", "") == "unavailable") throw BackendUnavailable(hello.value("message", "the device is unusable"));
  if (hello.value("op", "") != "hello" || !hello.contains("device"))
    throw SubmissionFault(Verdict::security_violation, "the contestant process did not start as the harness does");
  device_ = hello.at("device").get<DeviceInfo>();
}

RemoteContestant::~RemoteContestant() {
  for (auto& [base, block] : blocks_) free_block(const_cast<unsigned char*>(base), block);
}

void RemoteContestant::free_block(unsigned char* base, Block& block) {
  if (block.device) {
    free_exported_device_buffer(base);
  } else {
    munmap(base, block.bytes);
  }
  if (block.fd >= 0) close(block.fd);
}

json RemoteContestant::receive() {
  std::vector<int> fds;
  const auto message = receive_message(channel_, fds);
  for (int fd : fds) close(fd);  // the contestant has none to give
  if (!message) throw ContestantLost("the contestant process ended");
  if (!message->is_object() || !message->contains("op"))
    throw SubmissionFault(Verdict::security_violation, "the contestant process sent a message that is not the harness's");
  const std::string op = message->at("op").is_string() ? message->at("op").get<std::string>() : "";
  if (op == "fault") {
    // Only verdicts against the submission: whatever it says cannot make a run pass, or be blamed on Podium.
    auto verdict = parse_verdict(message->value("verdict", "")).value_or(Verdict::runtime_error);
    if (verdict != Verdict::gpu_fault && verdict != Verdict::memory_limit && verdict != Verdict::security_violation)
      verdict = Verdict::runtime_error;
    throw SubmissionFault(verdict, message->value("message", "the solution faulted"));
  }
  if (op == "violation") throw SubmissionFault(Verdict::security_violation, message->value("message", "a forbidden system call"));
  return *message;
}

json RemoteContestant::request(json message, const std::string& answer, const std::vector<int>& fds) {
  const uint64_t seq = next_seq_++;
  message["seq"] = seq;
  send_message(channel_, message, fds);
  json reply = receive();
  if (reply.value("op", "") != answer || !reply.contains("seq") || reply.at("seq") != seq)
    throw SubmissionFault(Verdict::security_violation,
                          fmt::format("the contestant process answered '{}' out of turn (expected '{}' to request {}): "
                                      "something other than the harness wrote to its channel",
                                      reply.value("op", "?"), answer, seq));
  return reply;
}

void* RemoteContestant::allocate(size_t bytes, bool host) {
  const size_t size = bytes ? bytes : 1;
  if (spec_.backend == BackendKind::cuda && !host) {
    const ExportedDeviceBuffer shared = export_device_buffer(size);
    blocks_[static_cast<unsigned char*>(shared.pointer)] = Block{next_id_++, size, true, -1, shared.handle, false};
    return shared.pointer;
  }
  const int fd = memfd_create("podium-buffer", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) throw std::runtime_error(fmt::format("memfd_create: {}", strerror(errno)));
  // Sealed at its size: the contestant cannot shrink it under the judge's mapping (which would
  // crash the judge on its next read).
  if (ftruncate(fd, static_cast<off_t>(size)) != 0 || fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
    close(fd);
    throw std::runtime_error(fmt::format("out of memory sharing {} bytes with the contestant: {}", size, strerror(errno)));
  }
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) {
    close(fd);
    throw std::runtime_error(fmt::format("out of memory sharing {} bytes with the contestant: {}", size, strerror(errno)));
  }
  blocks_[static_cast<unsigned char*>(p)] = Block{next_id_++, size, false, fd, "", false};
  return p;
}

void RemoteContestant::release(void* p) {
  const auto it = blocks_.find(static_cast<unsigned char*>(p));
  if (it == blocks_.end()) return;
  if (it->second.mapped) unmapped_.push_back(it->second.id);
  free_block(static_cast<unsigned char*>(p), it->second);
  blocks_.erase(it);
}

// Buffers reach the contestant just before it is called, so that it never sees them while the
// judge generates inputs and expected outputs.
void RemoteContestant::send_pending() {
  if (!unmapped_.empty()) {
    request({{"op", "unmap"}, {"ids", unmapped_}}, "ok");
    unmapped_.clear();
  }
  json buffers = json::array();
  std::vector<int> fds;
  std::vector<Block*> sent;
  for (auto& [base, block] : blocks_) {
    if (block.mapped) continue;
    if (block.device) {
      buffers.push_back({{"id", block.id}, {"bytes", block.bytes}, {"where", "device"}, {"handle", to_hex(block.handle)}});
    } else {
      buffers.push_back({{"id", block.id}, {"bytes", block.bytes}, {"where", "host"}});
      fds.push_back(block.fd);
    }
    sent.push_back(&block);
    if (fds.size() == kMaxDescriptors || sent.size() == 4 * kMaxDescriptors) break;
  }
  if (sent.empty()) return;
  request({{"op", "map"}, {"buffers", buffers}}, "ok", fds);
  for (Block* block : sent) {
    if (block->fd >= 0) close(block->fd);
    block->fd = -1;
    block->mapped = true;
  }
  send_pending();  // more than one message's worth
}

// Where `address` lies in the memory shared with the contestant: {"buffer": id, "offset": bytes}.
json RemoteContestant::location(const void* address) const {
  const auto* p = static_cast<const unsigned char*>(address);
  auto it = blocks_.upper_bound(p);
  if (it == blocks_.begin()) throw std::logic_error("an address outside the memory shared with the contestant");
  --it;
  const size_t offset = static_cast<size_t>(p - it->first);
  if (offset > it->second.bytes) throw std::logic_error("an address outside the memory shared with the contestant");
  return {{"buffer", it->second.id}, {"offset", offset}};
}

json RemoteContestant::call_request(void** args, const CallPreparation& preparation, bool timed) const {
  json list = json::array();
  for (size_t i = 0; i < spec_.parameters.size(); ++i) {
    if (spec_.parameters[i].role == Role::scalar) {
      list.push_back({{"value", *static_cast<const uint64_t*>(args[i])}});
    } else {
      list.push_back(location(*static_cast<void* const*>(args[i])));
    }
  }
  json redraws = json::array(), resets = json::array();
  for (const auto& r : preparation.redraws) {
    json j = location(r.dst);
    const Distribution& d = r.distribution;
    j.update({{"dtype", dtype_name(r.dtype)}, {"count", r.count}, {"first", r.first}, {"key", r.key},
              {"distribution", {static_cast<int>(d.kind), d.a, d.b, d.c, d.d}}});
    redraws.push_back(j);
  }
  for (const auto& r : preparation.resets) {
    json j = location(r.dst);
    j.update({{"dtype", dtype_name(r.dtype)}, {"count", r.count}, {"zero", r.zero}});
    resets.push_back(j);
  }
  return {{"op", "call"}, {"timed", timed}, {"args", list}, {"redraw", redraws}, {"reset", resets}};
}

// The judge's writes to shared memory (generating inputs, restoring modified ones) must be done
// before the contestant's context, which the stream's order does not reach, uses the same memory.
void RemoteContestant::call(void** args, const CallPreparation& preparation) {
  judge_backend_.settle();
  send_pending();
  request(call_request(args, preparation, false), "done");
}

Sample RemoteContestant::timed_call(void** args, const CallPreparation& preparation) {
  judge_backend_.settle();
  send_pending();
  const json reply = request(call_request(args, preparation, true), "sample");
  Sample s;
  try {
    const json& j = reply.at("sample");
    s.seconds = j.at("seconds").get<double>();
    s.sm_clock_mhz = j.at("sm_clock_mhz").get<int>();
    s.temperature_c = j.at("temperature_c").get<int>();
    s.throttled = j.at("throttled").get<bool>();
    s.blocked = j.at("blocked").get<bool>();
    s.deadlock = j.at("deadlock").get<bool>();
  } catch (const json::exception&) {
    throw SubmissionFault(Verdict::security_violation, "the contestant process sent a malformed timing sample");
  }
  // Below zero is possible: the CUDA backend subtracts its calibrated event overhead, which a kernel
  // faster than that overhead undercuts. The speed-of-light floor judges small times.
  if (!std::isfinite(s.seconds))
    throw SubmissionFault(Verdict::security_violation, "the contestant process reported a time that is not a number");
  return s;
}

void RemoteContestant::warm_up() {
  json message{{"op", "warm_up"}};
  if (empty_kernel_span_) message["empty_kernel_seconds"] = *empty_kernel_span_;
  request(message, "ok");
}

std::string RemoteContestant::clock_description() { return request({{"op", "clock"}}, "clock").value("text", ""); }

std::optional<VerifiedTiming> RemoteContestant::take_verified_timing() {
  const json reply = request({{"op", "verified"}}, "verified");
  if (!reply.contains("seconds") || !reply.at("seconds").is_number()) return std::nullopt;
  return VerifiedTiming{reply.at("seconds").get<double>(), reply.value("operations", 0)};
}

// ---- The contestant's side ----------------------------------------------------------------------

int serve_contestant(int channel, Backend& backend, EntryPoint entry) {
  struct Mapped {
    unsigned char* base;
    size_t bytes;
    bool device;
  };
  std::map<uint64_t, Mapped> mapped;
  InProcessContestant local(backend, entry);
  for (;;) {
    std::vector<int> fds;
    const auto message = receive_message(channel, fds);
    if (!message) return 0;  // the judge is done
    const json& m = *message;
    const std::string op = m.value("op", "");
    json reply = {{"op", "ok"}, {"seq", m.value("seq", uint64_t{0})}};
    try {
      if (op == "map") {
        size_t next_fd = 0;
        for (const auto& b : m.at("buffers")) {
          const size_t bytes = b.at("bytes").get<size_t>();
          if (b.at("where") == "device") {
            void* p = open_device_buffer(from_hex(b.at("handle").get<std::string>()));
            mapped[b.at("id").get<uint64_t>()] = {static_cast<unsigned char*>(p), bytes, true};
            continue;
          }
          if (next_fd >= fds.size()) throw std::runtime_error("a buffer came without its descriptor");
          const int fd = fds[next_fd++];
          void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
          close(fd);
          if (p == MAP_FAILED) throw std::runtime_error(fmt::format("cannot map a {}-byte buffer: {}", bytes, strerror(errno)));
          mapped[b.at("id").get<uint64_t>()] = {static_cast<unsigned char*>(p), bytes, false};
        }
      } else if (op == "unmap") {
        for (const auto& id : m.at("ids")) {
          const auto it = mapped.find(id.get<uint64_t>());
          if (it == mapped.end()) continue;
          if (it->second.device) {
            close_device_buffer(it->second.base);
          } else {
            munmap(it->second.base, it->second.bytes);
          }
          mapped.erase(it);
        }
      } else if (op == "call") {
        // The address `bytes` long at a location in a mapped buffer.
        const auto address = [&](const json& where, size_t bytes) {
          const auto& block = mapped.at(where.at("buffer").get<uint64_t>());
          const size_t offset = where.at("offset").get<size_t>();
          if (offset > block.bytes || bytes > block.bytes - offset) throw std::runtime_error("a location outside its buffer");
          return static_cast<void*>(block.base + offset);
        };
        const auto dtype_of = [](const json& j) {
          const auto t = parse_dtype(j.at("dtype").get<std::string>());
          if (!t) throw std::runtime_error("an unknown dtype");
          return *t;
        };
        const auto& list = m.at("args");
        std::vector<void*> pointers(list.size(), nullptr), args(list.size(), nullptr);
        std::vector<uint64_t> values(list.size(), 0);
        for (size_t i = 0; i < list.size(); ++i) {
          if (list[i].contains("value")) {
            values[i] = list[i].at("value").get<uint64_t>();
            args[i] = &values[i];
            continue;
          }
          pointers[i] = address(list[i], 0);
          args[i] = &pointers[i];
        }
        CallPreparation preparation;
        for (const auto& r : m.at("redraw")) {
          CallPreparation::Redraw redraw;
          redraw.dtype = dtype_of(r);
          r.at("count").get_to(redraw.count);
          r.at("first").get_to(redraw.first);
          r.at("key").get_to(redraw.key);
          const auto& d = r.at("distribution");
          const int kind = d.at(0).get<int>();
          if (kind < 0 || kind > static_cast<int>(DistributionKind::contended)) throw std::runtime_error("an unknown distribution");
          redraw.distribution = {static_cast<DistributionKind>(kind), d.at(1).get<double>(), d.at(2).get<double>(),
                                 d.at(3).get<double>(), d.at(4).get<double>()};
          redraw.dst = address(r, redraw.count * dtype_size(redraw.dtype));
          preparation.redraws.push_back(redraw);
        }
        for (const auto& r : m.at("reset")) {
          CallPreparation::Reset reset;
          reset.dtype = dtype_of(r);
          r.at("count").get_to(reset.count);
          r.at("zero").get_to(reset.zero);
          reset.dst = address(r, reset.count * dtype_size(reset.dtype));
          preparation.resets.push_back(reset);
        }
        if (m.at("timed").get<bool>()) {
          reply = {{"op", "sample"}, {"seq", m.at("seq")}, {"sample", sample_json(local.timed_call(args.data(), preparation))}};
        } else {
          local.call(args.data(), preparation);
          reply["op"] = "done";
        }
      } else if (op == "warm_up") {
        if (m.contains("empty_kernel_seconds")) backend.use_empty_kernel_span(m.at("empty_kernel_seconds").get<double>());
        local.warm_up();
      } else if (op == "clock") {
        reply = {{"op", "clock"}, {"seq", m.at("seq")}, {"text", local.clock_description()}};
      } else if (op == "verified") {
        reply = {{"op", "verified"}, {"seq", m.at("seq")}};
        if (const auto t = local.take_verified_timing()) {
          reply["seconds"] = t->mean_seconds;
          reply["operations"] = t->operations;
        }
      } else {
        throw std::runtime_error(fmt::format("unknown request '{}'", op));
      }
    } catch (const SubmissionFault& f) {
      send_fault(channel, f.verdict(), f.what());
      return 1;
    } catch (const std::exception& e) {
      send_fault(channel, Verdict::internal_error, fmt::format("the contestant could not serve '{}': {}", op, e.what()));
      return 1;
    }
    send_message(channel, reply);
  }
}

// ---- The program --------------------------------------------------------------------------------

namespace {

// The channel, for the terminate handler.
int g_channel = -1;

// An exception nothing caught, in a thread the submission started.
[[noreturn]] void on_terminate() {
  Verdict verdict = Verdict::runtime_error;
  std::string message = "the solution ended the process with an uncaught exception";
  if (const auto e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const std::bad_alloc&) {
      verdict = Verdict::memory_limit;
      message = "the solution ran out of host memory (std::bad_alloc, uncaught)";
    } catch (const std::exception& x) {
      message += std::string(": ") + x.what();
    } catch (...) {
    }
  }
  try {
    send_fault(g_channel, verdict, message);
  } catch (const std::exception&) {
    // The judge is gone: nobody to tell.
  }
  _exit(134);
}

}  // namespace

int contestant_main(const std::vector<std::string>& args) {
  signal(SIGPIPE, SIG_IGN);
  const bool verify_timer = std::find(args.begin(), args.end(), "--verify-timer") != args.end();
  const BackendKind kind = program_option(args, "--backend").value_or("cpu") == "cuda" ? BackendKind::cuda : BackendKind::cpu;
  const std::string solution_path = program_option(args, "--solution").value_or("");
  const int channel = program_fd(args, "--channel-fd");
  g_channel = channel;
  std::set_terminate(on_terminate);

  // Everything before the hello is the harness alone: its word can be trusted, and a failure here is
  // the machine's, not the submission's. The context is made while the judge starts (as it was
  // before the judge had a word on it), then the judge's word on settling it.
  if (kind == BackendKind::cuda) make_cuda_context();
  std::vector<int> no_fds;
  const auto settle = receive_message(channel, no_fds);
  if (!settle) return 0;  // the judge is gone
  std::unique_ptr<Backend> backend;
  try {
    if (settle->value("op", "") != "settle") throw std::runtime_error("the judge did not begin with \"settle\"");
    BackendOptions options{verify_timer, std::nullopt};
    const json bound = settle->value("fast_below_seconds", json(nullptr));
    // Not under a profiler (Nsight Compute would profile every probe's kernels).
    if (kind == BackendKind::cuda && bound.is_number() && !cuda_profiler_attached(verify_timer))
      options.settled_context = settle_context(bound.get<double>(), kMaxSettlingContexts);
    backend = make_backend(kind, options);
    harden_contestant({channel, R"json({"op":"violation","message":"the solution made a forbidden system call: )json",
                       R"json( (submissions may not use it)"})json"});
  } catch (const BackendUnavailable& e) {
    send_unavailable(channel, e.what());
    return 0;
  } catch (const std::exception& e) {
    send_unavailable(channel, fmt::format("the contestant process could not be set up: {}", e.what()));
    return 0;
  }
  send_hello(channel, backend->device());

  std::unique_ptr<Library> solution;
  EntryPoint entry = nullptr;
  try {
    solution = std::make_unique<Library>(solution_path);
    entry = solution->entry();
  } catch (const std::exception& e) {
    send_fault(channel, Verdict::runtime_error, fmt::format("the solution cannot be loaded: {}", e.what()));
    return 1;
  }
  return serve_contestant(channel, *backend, entry);
}

}  // namespace podium
