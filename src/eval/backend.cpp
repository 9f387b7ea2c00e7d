// Chooses the backend a problem declares, and says plainly when it cannot run here.
#include "eval/backend.hpp"

namespace podium {

std::unique_ptr<Backend> make_cpu_backend();
#if PODIUM_WITH_CUDA
std::unique_ptr<Backend> make_cuda_backend();
#endif

bool cuda_backend_built() { return PODIUM_WITH_CUDA; }

std::unique_ptr<Backend> make_backend(BackendKind kind) {
  if (kind == BackendKind::cpu) return make_cpu_backend();
#if PODIUM_WITH_CUDA
  return make_cuda_backend();
#else
  throw BackendUnavailable(
      "this problem runs on a CUDA GPU, but this podium was built without CUDA (nvcc was not found at build time); "
      "install the CUDA toolkit and rebuild");
#endif
}

}  // namespace podium
