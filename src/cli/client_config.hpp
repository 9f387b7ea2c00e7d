// The client's configuration: which server the podium client commands talk to and with which token.
// Kept in config_dir()/client.json ({"server": "http://127.0.0.1:8130", "token": "..."}), written by
// `podium login` and, on a fresh machine, by `podium serve` for its first admin; readable only by
// its owner, since the token is a password.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace podium {

struct ClientConfig {
  std::string server;  // base URL, no trailing slash
  std::string token;
};

std::filesystem::path client_config_path();
// Nothing when the file does not exist; throws with the path when it is malformed.
std::optional<ClientConfig> load_client_config();
// Written atomically with mode 0600.
void save_client_config(const ClientConfig& config);

}  // namespace podium
