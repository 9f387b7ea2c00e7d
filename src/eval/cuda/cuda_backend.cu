// The CUDA backend: device memory, inputs generated on the GPU by the shared generator, and one cold
// timed call: L2 flushed, CUDA events around the call, and the whole device synchronized afterwards so
// that work the submission left on other streams is waited for (and its errors seen) before the next
// call.
//
// The flush writes a buffer of twice the L2's size (evicting everything the last call left, writing
// back its dirty lines) and then discards that buffer's lines from L2 (discard.global.L2, sm_80+)
// without writing them back. A memset alone leaves ~50 MB of dirty lines that the timed kernel would
// have to write back as it evicts them: about 10 µs added to a 70 µs kernel on an H100, which ncu
// (which cleans the caches between replays) does not see.
//
// Caveat: the events bracket the host call, so the launch overhead of the submission's kernels is
// inside the interval (a few microseconds). The timing engine issue replaces this with a blocking
// kernel that holds the queue while the launches are enqueued.
#include <cuda_runtime.h>

#include <string>

#include "eval/backend.hpp"

namespace podium {
namespace {

void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess)
    throw RuntimeFault(std::string(what) + ": " + cudaGetErrorString(err) + " (" + cudaGetErrorName(err) + ")");
}

__global__ void fill_kernel(void* dst, DType dtype, uint64_t count, Distribution d, uint64_t key) {
  const uint64_t stride = static_cast<uint64_t>(gridDim.x) * blockDim.x;
  for (uint64_t i = blockIdx.x * static_cast<uint64_t>(blockDim.x) + threadIdx.x; i < count; i += stride)
    store_element(dst, i, dtype, draw(d, key, i));
}

__global__ void discard_l2_kernel(char* buffer, size_t bytes) {
  const size_t stride = static_cast<size_t>(gridDim.x) * blockDim.x * 128;
  for (size_t off = (blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x) * 128; off + 128 <= bytes; off += stride)
    asm volatile("discard.global.L2 [%0], 128;" ::"l"(buffer + off) : "memory");
}

class CudaBackend final : public Backend {
 public:
  CudaBackend() {
    int count = 0;
    const cudaError_t err = cudaGetDeviceCount(&count);
    if (err != cudaSuccess || count == 0)
      throw BackendUnavailable(std::string("this problem runs on a CUDA GPU, but none is usable on this machine (") +
                               (err != cudaSuccess ? cudaGetErrorString(err) : "no CUDA devices found") +
                               "); use a machine with an NVIDIA GPU, or a problem with backend: cpu");
    check(cudaSetDevice(0), "cudaSetDevice");
    check(cudaGetDeviceProperties(&props_, 0), "cudaGetDeviceProperties");
    flush_bytes_ = 2 * static_cast<size_t>(props_.l2CacheSize);
    check(cudaMalloc(&flush_, flush_bytes_), "allocating the L2 flush buffer");
    check(cudaEventCreate(&start_), "cudaEventCreate");
    check(cudaEventCreate(&stop_), "cudaEventCreate");
  }

  ~CudaBackend() override {
    cudaEventDestroy(start_);
    cudaEventDestroy(stop_);
    cudaFree(flush_);
  }

  DeviceInfo device() const override {
    DeviceInfo d;
    d.backend = "cuda";
    d.name = props_.name;
    int driver = 0;
    cudaDriverGetVersion(&driver);
    d.driver = "CUDA " + std::to_string(driver / 1000) + "." + std::to_string((driver % 1000) / 10);
    d.sm_count = props_.multiProcessorCount;
    d.l2_bytes = static_cast<uint64_t>(props_.l2CacheSize);
    d.memory_bytes = props_.totalGlobalMem;
    int khz = 0;
    cudaDeviceGetAttribute(&khz, cudaDevAttrClockRate, 0);
    d.sm_clock_mhz = khz / 1000;
    return d;
  }

  void* allocate(size_t bytes) override {
    void* p = nullptr;
    const cudaError_t err = cudaMalloc(&p, bytes);
    if (err != cudaSuccess)
      throw std::runtime_error("out of GPU memory allocating " + std::to_string(bytes) + " bytes: " + cudaGetErrorString(err));
    return p;
  }

  void release(void* p) override { cudaFree(p); }

  void fill(void* dst, DType dtype, uint64_t count, const Distribution& d, uint64_t key) override {
    if (count == 0) return;
    const unsigned blocks = static_cast<unsigned>(std::min<uint64_t>((count + 255) / 256, 65535));
    fill_kernel<<<blocks, 256>>>(dst, dtype, count, d, key);
    check(cudaGetLastError(), "input generation");
    check(cudaDeviceSynchronize(), "input generation");
  }

  void poison(void* dst, DType dtype, uint64_t count) override {
    check(cudaMemset(dst, dtype_is_float(dtype) ? 0xFF : 0xA5, count * dtype_size(dtype)), "poisoning outputs");
  }

  void download(void* host, const void* src, size_t bytes) override {
    check(cudaMemcpy(host, src, bytes, cudaMemcpyDeviceToHost), "copying to the host");
  }

  void call(EntryPoint entry, void** args) override {
    entry(args);
    check(cudaGetLastError(), "launching the solution");
    check(cudaDeviceSynchronize(), "running the solution");
  }

  double timed_call(EntryPoint entry, void** args) override {
    check(cudaMemsetAsync(flush_, 0, flush_bytes_, 0), "flushing L2");
    discard_l2_kernel<<<1024, 256>>>(static_cast<char*>(flush_), flush_bytes_);
    check(cudaEventRecord(start_, 0), "cudaEventRecord");
    entry(args);
    check(cudaEventRecord(stop_, 0), "cudaEventRecord");
    check(cudaGetLastError(), "launching the solution");
    check(cudaDeviceSynchronize(), "running the solution");
    float ms = 0;
    check(cudaEventElapsedTime(&ms, start_, stop_), "cudaEventElapsedTime");
    return ms * 1e-3;
  }

  std::string clock_description() const override {
    return "CUDA events, L2 flushed (" + std::to_string(flush_bytes_ >> 20) + " MiB written, then discarded)";
  }

 private:
  cudaDeviceProp props_{};
  void* flush_ = nullptr;
  size_t flush_bytes_ = 0;
  cudaEvent_t start_ = nullptr, stop_ = nullptr;
};

}  // namespace

std::unique_ptr<Backend> make_cuda_backend() { return std::make_unique<CudaBackend>(); }

}  // namespace podium
