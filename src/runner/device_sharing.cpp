// CUDA IPC for the judge and the contestant. See device_sharing.hpp.
#include "runner/device_sharing.hpp"

#include <cstring>
#include <stdexcept>

#if PODIUM_WITH_CUDA
#include <cuda_runtime.h>
#endif

namespace podium {

#if PODIUM_WITH_CUDA
namespace {

void check(cudaError_t err, const char* what) {
  if (err != cudaSuccess)
    throw std::runtime_error(std::string(what) + ": " + cudaGetErrorString(err) + " (" + cudaGetErrorName(err) + ")");
}

}  // namespace

ExportedDeviceBuffer export_device_buffer(size_t bytes) {
  ExportedDeviceBuffer b;
  check(cudaMalloc(&b.pointer, bytes), "allocating GPU memory to share with the contestant");
  cudaIpcMemHandle_t handle;
  const cudaError_t err = cudaIpcGetMemHandle(&handle, b.pointer);
  if (err != cudaSuccess) {
    cudaFree(b.pointer);
    check(err, "cudaIpcGetMemHandle");
  }
  b.handle.assign(reinterpret_cast<const char*>(&handle), sizeof handle);
  return b;
}

void free_exported_device_buffer(void* pointer) { cudaFree(pointer); }

void* open_device_buffer(const std::string& handle) {
  cudaIpcMemHandle_t h;
  if (handle.size() != sizeof h) throw std::runtime_error("a GPU memory handle of the wrong size");
  std::memcpy(&h, handle.data(), sizeof h);
  void* p = nullptr;
  check(cudaIpcOpenMemHandle(&p, h, cudaIpcMemLazyEnablePeerAccess), "opening the judge's GPU memory (cudaIpcOpenMemHandle)");
  return p;
}

void close_device_buffer(void* pointer) { cudaIpcCloseMemHandle(pointer); }

#else

ExportedDeviceBuffer export_device_buffer(size_t) { throw std::runtime_error("this podium was built without CUDA"); }
void free_exported_device_buffer(void*) {}
void* open_device_buffer(const std::string&) { throw std::runtime_error("this podium was built without CUDA"); }
void close_device_buffer(void*) {}

#endif

}  // namespace podium
