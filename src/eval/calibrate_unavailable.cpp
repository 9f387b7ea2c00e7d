// `podium gpu calibrate` and the context kinds in a build without CUDA.
#include "eval/backend.hpp"
#include "eval/calibrate.hpp"
#include "eval/context_kinds.hpp"

namespace podium {
namespace {

[[noreturn]] void unavailable(const char* what) {
  throw BackendUnavailable(std::string(what) + " needs a CUDA GPU, but this podium was built without CUDA");
}

}  // namespace

GpuEntry calibrate_gpu(const std::function<void(const std::string&)>&) { unavailable("podium gpu calibrate"); }
bool make_cuda_context() { return false; }
std::string cuda_device_key() { unavailable("naming the GPU"); }
double probe_launch_gap() { unavailable("probing a CUDA context"); }
std::vector<double> sample_context_gaps(int) { unavailable("probing CUDA contexts"); }
SettledContext settle_context(double, int) { unavailable("settling a CUDA context"); }

}  // namespace podium
