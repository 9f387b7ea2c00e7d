// `podium gpu calibrate`: the local card's ceilings, measured the way METHOD.md asks: warm-up first,
// CUDA events, random data (never zeros), a size that fills the chip.
#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <string>

#include "core/random.hpp"
#include "eval/backend.hpp"
#include "eval/calibrate.hpp"

namespace podium {
namespace {

void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess) throw std::runtime_error(std::string(what) + ": " + cudaGetErrorString(err));
}

void check(cublasStatus_t status, const char* what) {
  if (status != CUBLAS_STATUS_SUCCESS) throw std::runtime_error(std::string(what) + ": cuBLAS status " + std::to_string(status));
}

// Seconds per repetition of `work`, after `warmup` untimed ones.
template <typename F>
double time_per_call(F work, int warmup, int reps) {
  for (int i = 0; i < warmup; ++i) work();
  cudaEvent_t start, stop;
  cudaEventCreate(&start);
  cudaEventCreate(&stop);
  cudaEventRecord(start);
  for (int i = 0; i < reps; ++i) work();
  cudaEventRecord(stop);
  check(cudaEventSynchronize(stop), "timing");
  float ms = 0;
  cudaEventElapsedTime(&ms, start, stop);
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  return ms * 1e-3 / reps;
}

}  // namespace

GpuEntry calibrate_gpu(const std::function<void(const std::string&)>& progress) {
  auto backend = make_backend(BackendKind::cuda);
  const auto device = backend->device();
  GpuEntry entry;
  if (auto known = find_gpu(device.name)) entry = *known;
  entry.name = device.name;
  entry.l2_bytes = device.l2_bytes;
  entry.match = {device.name};
  entry.source = "measured by podium gpu calibrate on this machine" + (entry.peak.bandwidth > 0 ? "; peak: " + entry.source : "");
  Rates measured;

  // Copy bandwidth: 2 GiB device to device, counting bytes read and written.
  progress("copy bandwidth");
  const size_t bytes = size_t{2} << 30;
  void* a = backend->allocate(bytes);
  void* b = backend->allocate(bytes);
  backend->fill(a, DType::u32, bytes / 4, Distribution{DistributionKind::integers, 0, 1 << 30}, 1, 0);
  const double copy = time_per_call([&] { cudaMemcpyAsync(b, a, bytes, cudaMemcpyDeviceToDevice); }, 3, 10);
  measured.bandwidth = 2.0 * static_cast<double>(bytes) / copy;
  backend->release(a);
  backend->release(b);

  // Matrix products, n^3 with uniform [-1, 1) inputs.
  cublasHandle_t handle;
  check(cublasCreate(&handle), "cublasCreate");
  struct Case {
    const char* name;
    DType dtype;
    cudaDataType_t type;
    cublasComputeType_t compute;
    int n;
    double* rate;
  };
  const Case cases[] = {
      {"f16 matrix product", DType::f16, CUDA_R_16F, CUBLAS_COMPUTE_32F, 8192, &measured.f16},
      {"bf16 matrix product", DType::bf16, CUDA_R_16BF, CUBLAS_COMPUTE_32F, 8192, &measured.bf16},
      {"f32 matrix product (no TF32)", DType::f32, CUDA_R_32F, CUBLAS_COMPUTE_32F_PEDANTIC, 8192, &measured.f32},
      {"f64 matrix product", DType::f64, CUDA_R_64F, CUBLAS_COMPUTE_64F, 4096, &measured.f64},
  };
  for (const auto& c : cases) {
    progress(c.name);
    const size_t count = static_cast<size_t>(c.n) * c.n, size = count * dtype_size(c.dtype);
    void* x = backend->allocate(size);
    void* y = backend->allocate(size);
    void* z = backend->allocate(size);
    backend->fill(x, c.dtype, count, Distribution{DistributionKind::uniform, -1, 1}, 2, 0);
    backend->fill(y, c.dtype, count, Distribution{DistributionKind::uniform, -1, 1}, 3, 0);
    const double one = 1.0, zero = 0.0;
    const float onef = 1.0f, zerof = 0.0f;
    const bool f64 = c.dtype == DType::f64;
    const void* alpha = f64 ? static_cast<const void*>(&one) : &onef;
    const void* beta = f64 ? static_cast<const void*>(&zero) : &zerof;
    const double seconds = time_per_call(
        [&] {
          check(cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, c.n, c.n, c.n, alpha, x, c.type, c.n, y, c.type, c.n, beta, z,
                             c.type, c.n, c.compute, CUBLAS_GEMM_DEFAULT),
                c.name);
        },
        3, 10);
    *c.rate = 2.0 * c.n * static_cast<double>(c.n) * c.n / seconds;
    backend->release(x);
    backend->release(y);
    backend->release(z);
  }
  cublasDestroy(handle);
  entry.measured = measured;
  return entry;
}

}  // namespace podium
