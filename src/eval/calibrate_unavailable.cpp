// `podium gpu calibrate` in a build without CUDA.
#include "eval/backend.hpp"
#include "eval/calibrate.hpp"

namespace podium {

GpuEntry calibrate_gpu(const std::function<void(const std::string&)>&) {
  throw BackendUnavailable("podium gpu calibrate measures a CUDA GPU, but this podium was built without CUDA");
}

}  // namespace podium
