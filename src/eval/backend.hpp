// The device a submission runs on, behind one interface: memory, deterministic input generation,
// poisoning, calling the submission, and one cold timed call. Two implementations: cpu/ (host
// pointers, steady clock, cache flush) and cuda/ (device pointers, CUDA events, L2 flush).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "core/dtype.hpp"
#include "core/random.hpp"
#include "core/device.hpp"

namespace podium {

// The generated entry point of a compiled submission: args[i] points at the value of parameter i.
using EntryPoint = void (*)(void** args);

// A fault while the submission ran (a CUDA error, for example). The message names the error.
class RuntimeFault : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The backend cannot be used at all here (no GPU, for example).
class BackendUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual DeviceInfo device() const = 0;
  virtual void* allocate(size_t bytes) = 0;
  virtual void release(void* p) = 0;
  // Element i of dst = draw(distribution, key, i) rounded to dtype, for i < count.
  virtual void fill(void* dst, DType dtype, uint64_t count, const Distribution& distribution, uint64_t key) = 0;
  // Overwrites with NaN (all-ones bytes) for floating dtypes and 0xA5 bytes for integers.
  virtual void poison(void* dst, DType dtype, uint64_t count) = 0;
  virtual void download(void* host, const void* src, size_t bytes) = 0;
  // Calls the entry point and waits for everything it started; throws RuntimeFault on a device error.
  virtual void call(EntryPoint entry, void** args) = 0;
  // One cold call: caches flushed first, then the call timed alone. Returns seconds.
  virtual double timed_call(EntryPoint entry, void** args) = 0;
  // How timed_call measures, for the report.
  virtual std::string clock_description() const = 0;
};

// The backend for `kind`; throws BackendUnavailable with a message saying why it cannot run here.
std::unique_ptr<Backend> make_backend(BackendKind kind);

// Whether this build of podium includes the CUDA backend.
bool cuda_backend_built();

}  // namespace podium
