// See client_config.hpp.
#include "cli/client_config.hpp"

#include <sys/stat.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "eval/gpu_file.hpp"
#include "eval/problem_loader.hpp"

namespace podium {

std::filesystem::path client_config_path() { return config_dir() / "client.json"; }

std::optional<ClientConfig> load_client_config() {
  const auto path = client_config_path();
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    const auto j = nlohmann::json::parse(read_text_file(path));
    return ClientConfig{j.at("server").get<std::string>(), j.value("token", "")};
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(fmt::format("{}: not a client configuration ({}); run podium login again", path.string(), e.what()));
  }
}

void save_client_config(const ClientConfig& config) {
  const auto path = client_config_path();
  std::filesystem::create_directories(path.parent_path());
  const mode_t old_mask = umask(077);
  try {
    write_file_atomically(path, nlohmann::json{{"server", config.server}, {"token", config.token}}.dump(2) + "\n");
  } catch (...) {
    umask(old_mask);
    throw;
  }
  umask(old_mask);
}

}  // namespace podium
