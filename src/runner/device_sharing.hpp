// GPU memory shared between the judge and the contestant: the judge allocates it and exports a CUDA
// IPC handle (cudaIpcGetMemHandle); the contestant opens the handle and gets a device pointer of its
// own to the same memory. Device buffers thus never pass through the contestant's hands before the
// judge has filled them, and the judge reads the outputs without asking the contestant for them.
#pragma once

#include <cstddef>
#include <string>

namespace podium {

struct ExportedDeviceBuffer {
  void* pointer = nullptr;  // in the judge's context
  std::string handle;       // the IPC handle, as bytes
};

// In the judge (whose CUDA backend is current): cudaMalloc and the handle. Throws with the CUDA
// error when either fails, or when this podium was built without CUDA.
ExportedDeviceBuffer export_device_buffer(size_t bytes);
void free_exported_device_buffer(void* pointer);

// In the contestant: the buffer behind `handle`, as a device pointer of this process; throws when
// the handle cannot be opened.
void* open_device_buffer(const std::string& handle);
void close_device_buffer(void* pointer);

}  // namespace podium
