// Subcommand groups that register themselves on the podium command: each adds its subcommands with
// their options and a callback that runs it (a callback reports its exit code by throwing
// CLI::RuntimeError(code) when it is not 0).
#pragma once

#include <CLI/CLI.hpp>

namespace podium {

// serve, admin: running the platform (server_commands.cpp).
void add_server_commands(CLI::App& app);
// login, submit, leaderboard, history, show, problems, template, and worker: talking to a server
// (client_commands.cpp).
void add_client_commands(CLI::App& app);

}  // namespace podium
