// The commands, one group per file of commands/, each registered on the program's CLI11 app.
// Parsing picks one: its callback stores what to run as `chosen`, which main() runs once
// the session (and the mock, with --mock) is up.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "session.hpp"

namespace tiktok_aigc::cli {

using Action = std::function<int(Session&)>;

// A subcommand of `group` whose flags live in a Flags of its own: parsing it chooses
// run(session, flags). Returns the subcommand, to add its options to, and the flags.
template <typename Flags>
std::pair<CLI::App*, Flags*> add_command(CLI::App& group, const std::string& name,
                                         const std::string& description, Action& chosen,
                                         int (*run)(Session&, const Flags&)) {
  auto flags = std::make_shared<Flags>();
  CLI::App* command = group.add_subcommand(name, description);
  command->callback([&chosen, flags, run] {
    chosen = [flags, run](Session& session) { return run(session, *flags); };
  });
  return {command, flags.get()};
}

// The groups: videos (upload, list); video-tasks (create, get); image-animation (create);
// dubbing (create); scripts (create, get, list); avatars (list); avatar-videos (create, get,
// list, rename); download and notices.
void add_video_commands(CLI::App& app, Action& chosen);
void add_video_task_commands(CLI::App& app, Action& chosen);
void add_image_animation_commands(CLI::App& app, Action& chosen);
void add_dubbing_commands(CLI::App& app, Action& chosen);
void add_script_commands(CLI::App& app, Action& chosen);
void add_avatar_commands(CLI::App& app, Action& chosen);
void add_avatar_video_commands(CLI::App& app, Action& chosen);
void add_download_commands(CLI::App& app, Action& chosen);

}  // namespace tiktok_aigc::cli
