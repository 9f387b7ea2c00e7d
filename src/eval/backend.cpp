// Chooses the backend a problem declares, and says plainly when it cannot run here.
#include "eval/backend.hpp"

namespace podium {

std::unique_ptr<Backend> make_cpu_backend();
#if PODIUM_WITH_CUDA
std::unique_ptr<Backend> make_cuda_backend(const BackendOptions& options);
#endif

bool cuda_backend_built() { return PODIUM_WITH_CUDA; }

std::unique_ptr<Backend> make_backend(BackendKind kind, const BackendOptions& options) {
  if (kind == BackendKind::cpu) {
    if (options.verify_timer)
      throw BackendUnavailable("--verify-timer cross-checks GPU timings with CUPTI; this problem runs on the CPU");
    return make_cpu_backend();
  }
#if PODIUM_WITH_CUDA
  return make_cuda_backend(options);
#else
  throw BackendUnavailable(
      "this problem runs on a CUDA GPU, but this podium was built without CUDA (nvcc was not found at build time); "
      "install the CUDA toolkit and rebuild");
#endif
}

}  // namespace podium
